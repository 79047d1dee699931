import type { OutboundBilling } from './field-mapping.js';

/**
 * A ShipStation order as the connector means it, independent of V1/V2 wire shapes. Built by the pure
 * mapping from a Sage order; turned into a V1 order or a V2 shipment by the API-specific serializers.
 */
export interface OutboundAddress {
  name: string;
  company: string | null;
  street1: string;
  street2: string | null;
  street3: string | null;
  city: string;
  state: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone: string | null;
  email: string | null;
}

export interface OutboundWeight {
  value: number;
  units: 'pounds' | 'ounces' | 'grams';
}

export interface OutboundItem {
  /** Sage LineNumber as text (lineItemKey / external_order_item_id). */
  lineKey: string;
  sku: string;
  name: string;
  /** Whole stocking units. */
  quantity: number;
  /** Price per stocking unit, order currency. */
  unitPrice: number;
  /** Weight of one stocking unit. */
  weight: OutboundWeight | null;
  warehouseLocation: string | null;
}

/** One customs line: a Sage order line as the declaration states it (docs/mapping.md, "Customs"). */
export interface OutboundCustomsItem {
  /** The Sage line it comes from (lineItemKey), so an update keeps the declaration in step line by line. */
  lineKey: string;
  sku: string;
  description: string;
  /** Whole stocking units, as items[].quantity. */
  quantity: number;
  /** Declared value of one stocking unit, in the order's currency (as items[].unitPrice). */
  value: number;
  /** Harmonized System (tariff) code, as Sage holds it. */
  tariffCode: string;
  /** ISO 3166-1 alpha-2. */
  countryOfOrigin: string;
}

export type CustomsContents = 'merchandise' | 'documents' | 'gift' | 'returned_goods' | 'sample';
export type CustomsNonDelivery = 'return_to_sender' | 'treat_as_abandoned';

/** The customs declaration of an international order (ship-to country ≠ ship-from country). */
export interface OutboundCustoms {
  contents: CustomsContents;
  nonDelivery: CustomsNonDelivery;
  items: OutboundCustomsItem[];
}

export interface OutboundOrder {
  orderKey: string;
  orderNumber: string;
  /** Business date YYYY-MM-DD (sent as noon in the API's time zone so it never shifts a day). */
  orderDate: string;
  status: 'awaiting_shipment' | 'on_hold' | 'cancelled';
  customerUsername: string;
  customerEmail: string | null;
  shipTo: OutboundAddress;
  billTo: OutboundAddress;
  items: OutboundItem[];
  amountPaid: number;
  taxAmount: number;
  shippingAmount: number;
  /** ISO 4217, e.g. USD. */
  currency: string;
  internalNotes: string | null;
  requestedShippingService: string | null;
  carrierCode: string | null;
  serviceCode: string | null;
  /** Target warehouse id (V1 numeric as text, V2 `se-…`). */
  warehouseId: string | null;
  customField1: string | null;
  customField2: string | null;
  customField3: string | null;
  /** Total weight of the items, for the initial order weight. */
  weight: OutboundWeight | null;
  /**
   * Absent for a domestic order (nothing is sent, and the content hash of orders sent before customs existed
   * stays the same); present when the order ships abroad.
   */
  customs?: OutboundCustoms;
  /*
   * The fields of the person's field mapping beyond custom fields and internal notes: each is present only
   * when the mapping fills it (null = mapped but empty in Sage), so an order of a connection that never
   * chose one keeps the content hash it had before they existed, and an update leaves them to ShipStation.
   */
  customerNotes?: string | null;
  gift?: boolean;
  giftMessage?: string | null;
  tags?: string[];
  /** Third-party or recipient billing; null = mapped but the customer has none (the shipper pays). */
  billing?: OutboundBilling | null;
}
