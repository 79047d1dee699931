import type { SentSnapshot } from '../../domain/link.js';
import type { OutboundAddress, OutboundCustoms, OutboundOrder, OutboundWeight } from '../../domain/outbound-order.js';
import type { V2Shipment } from './v2-schemas.js';
import type { V2AddressInput, V2CustomsInput, V2ProductInput, V2ShipmentInput, V2ShipmentUpdate } from './v2-types.js';

/** The tag that marks a V2 shipment whose Sage order is on hold (V2 has no hold status, domain.md). */
export const SAGE_HOLD_TAG = 'Sage 300 hold';

/**
 * OutboundOrder → `POST /v2/shipments` item (sheet §3.6): `create_sales_order` so it appears as an order
 * in ShipStation, `external_shipment_id` = the order key (duplicates are refused, which is what makes a
 * lost answer recoverable), money with the order's currency in lower case.
 */
export function v2ShipmentBody(
  o: OutboundOrder,
  carrierId: string | null,
  warehouseId: string | null,
): V2ShipmentInput {
  return {
    external_shipment_id: o.orderKey,
    shipment_number: o.orderNumber,
    create_sales_order: true,
    validate_address: 'no_validation',
    warehouse_id: warehouseId,
    carrier_id: carrierId,
    service_code: o.serviceCode,
    requested_shipment_service: o.requestedShippingService,
    ship_to: v2Address(o.shipTo),
    items: v2Items(o),
    packages: [
      { package_code: 'package', weight: v2Weight(o.weight), ...(o.customs ? { products: v2Products(o) } : {}) },
    ],
    ...(o.customs ? { customs: v2Customs(o.customs, undefined) } : {}),
    amount_paid: money(o.currency, o.amountPaid),
    tax_paid: money(o.currency, o.taxAmount),
    shipping_paid: money(o.currency, o.shippingAmount),
    internal_notes: o.internalNotes,
    ...v2Chosen(o),
    advanced_options: {
      custom_field1: o.customField1,
      custom_field2: o.customField2,
      custom_field3: o.customField3,
      ...v2Billing(o),
    },
  };
}

/** The field mapping's notes and gift, only those the mapping fills (the others stay ShipStation's). */
function v2Chosen(o: OutboundOrder): Record<string, unknown> {
  return {
    ...(o.customerNotes !== undefined ? { notes_from_buyer: o.customerNotes } : {}),
    ...(o.gift !== undefined ? { is_gift: o.gift } : {}),
    ...(o.giftMessage !== undefined ? { notes_for_gift: o.giftMessage } : {}),
  };
}

/**
 * `advanced_options.bill_to_*` (docs.shipstation.com, "Billing a Third Party": all four, party `third_party`)
 * when the mapping has billing fields; nulls when this customer has none.
 */
function v2Billing(o: OutboundOrder): Record<string, string | null> {
  if (o.billing === undefined) return {};
  return {
    bill_to_party: o.billing?.party ?? null,
    bill_to_account: o.billing?.account ?? null,
    bill_to_postal_code: o.billing?.postalCode ?? null,
    bill_to_country_code: o.billing?.countryCode ?? null,
  };
}

/**
 * A PUT that is right whether the server merges it (ShipStation's guide: every field optional) or replaces the
 * shipment with it (ShipEngine's document: `ship_to` and `ship_from`/`warehouse_id` required). Sage's fields
 * come from the order; every field staff may have set in ShipStation (packages with weights and dimensions,
 * confirmation, insurance, customs, dates, advanced options) is sent back as ShipStation holds it now. Carrier,
 * service and warehouse are Sage's while ShipStation still has what was last sent, else ShipStation's.
 */
export function v2UpdateBody(
  o: OutboundOrder,
  current: V2Shipment,
  lastSent: SentSnapshot,
  carrierId: string | null,
  currentCarrierCode: string | null,
  warehouseId: string | null,
): V2ShipmentUpdate {
  const held = current as Record<string, unknown>;
  const sameCarrier =
    (currentCarrierCode ?? null) === (lastSent.carrierCode ?? null) &&
    (current.service_code ?? null) === (lastSent.serviceCode ?? null);
  const sameWarehouse =
    (current.warehouse_id ?? null) === (lastSent.warehouseId ? v2WarehouseId(lastSent.warehouseId) : null);
  return {
    ...staffFields(held),
    shipment_number: o.orderNumber,
    ship_to: v2Address(o.shipTo),
    items: v2Items(o),
    amount_paid: money(o.currency, o.amountPaid),
    tax_paid: money(o.currency, o.taxAmount),
    shipping_paid: money(o.currency, o.shippingAmount),
    internal_notes: o.internalNotes,
    requested_shipment_service: o.requestedShippingService,
    ...v2Chosen(o),
    advanced_options: {
      ...(held['advanced_options'] as Record<string, unknown> | undefined),
      custom_field1: o.customField1,
      custom_field2: o.customField2,
      custom_field3: o.customField3,
      ...v2Billing(o),
    },
    ...(sameCarrier
      ? { carrier_id: carrierId, service_code: o.serviceCode }
      : present({ carrier_id: current.carrier_id, service_code: current.service_code })),
    ...shipFrom(current, sameWarehouse ? warehouseId : null),
    ...(o.customs ? withDeclaration(o, o.customs, staffFields(held)) : {}),
  };
}

/**
 * Sage's declaration on a PUT: `customs` (what staff added beside contents and non-delivery kept) and the
 * customs lines on the first package, which is where a one-package order's goods are; further packages
 * (staff's) lose theirs, so no line is declared twice.
 */
function withDeclaration(o: OutboundOrder, c: OutboundCustoms, staff: V2ShipmentUpdate): V2ShipmentUpdate {
  const held = (staff['packages'] ?? []) as Record<string, unknown>[];
  const [first, ...rest] = held.length > 0 ? held : [{ package_code: 'package', weight: v2Weight(o.weight) }];
  return {
    customs: v2Customs(c, staff['customs'] as Record<string, unknown> | undefined),
    packages: [
      { ...first, products: v2Products(o) },
      ...rest.map(({ products: _p, ...p }) => p),
    ] as V2ShipmentInput['packages'],
  };
}

/** `customs` without the deprecated `customs_items` (the lines go in `packages[].products`, the document says). */
function v2Customs(c: OutboundCustoms, held: Record<string, unknown> | undefined): V2CustomsInput {
  const { customs_items: _deprecated, ...kept } = held ?? {};
  return { ...present(kept), contents: c.contents, non_delivery: c.nonDelivery };
}

function v2Products(o: OutboundOrder): V2ProductInput[] {
  return (o.customs?.items ?? []).map((i) => ({
    description: i.description,
    quantity: i.quantity,
    value: money(o.currency, i.value),
    harmonized_tariff_code: i.tariffCode,
    country_of_origin: i.countryOfOrigin,
    sku: i.sku,
  }));
}

/** What staff may set in ShipStation and a replacing PUT would clear if left out; read-only parts dropped. */
const STAFF_FIELDS = [
  'confirmation',
  'insurance_provider',
  'customs',
  'return_to',
  'is_return',
  'ship_date',
  'ship_by_date',
  'hold_until_date',
  'notes_from_buyer',
  'notes_for_gift',
  'is_gift',
  'external_order_id',
] as const;

function staffFields(held: Record<string, unknown>): V2ShipmentUpdate {
  const out = present(Object.fromEntries(STAFF_FIELDS.map((k) => [k, held[k]])));
  const packages = held['packages'];
  if (Array.isArray(packages) && packages.length > 0) {
    // The tracking number is the label's, not something a PUT may set.
    out['packages'] = packages.map((p) => {
      const { tracking_number: _t, ...rest } = p as Record<string, unknown>;
      return present(rest);
    });
  }
  return out as V2ShipmentUpdate;
}

/**
 * `warehouse_id` when Sage's warehouse still stands, else the ship-from ShipStation holds now: its
 * warehouse when it has one, else its address (staff typed one), so a replacing server keeps it.
 */
function shipFrom(current: V2Shipment, sagesWarehouse: string | null): V2ShipmentUpdate {
  if (sagesWarehouse) return { warehouse_id: sagesWarehouse };
  if (current.warehouse_id) return { warehouse_id: current.warehouse_id };
  if (current.ship_from) return { ship_from: current.ship_from as V2AddressInput };
  return {};
}

/** Without the null/absent ones: a value of the right type, or nothing (the document has few nullables). */
function present(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}

function v2Items(o: OutboundOrder): NonNullable<V2ShipmentInput['items']> {
  return o.items.map((i) => ({
    name: i.name,
    sku: i.sku,
    quantity: i.quantity,
    unit_price: i.unitPrice,
    external_order_id: o.orderNumber,
    external_order_item_id: i.lineKey,
    ...(i.weight ? { weight: v2Weight(i.weight) } : {}),
  }));
}

function v2Address(a: OutboundAddress): V2AddressInput {
  return {
    name: a.name,
    phone: a.phone ?? '',
    email: a.email,
    company_name: a.company,
    address_line1: a.street1,
    address_line2: a.street2,
    address_line3: a.street3,
    city_locality: a.city,
    state_province: a.state,
    postal_code: a.postalCode,
    country_code: a.country,
    address_residential_indicator: 'unknown',
  };
}

function v2Weight(w: OutboundWeight | null): { value: number; unit: string } {
  if (!w) return { value: 0, unit: 'pound' };
  return { value: w.value, unit: w.units === 'pounds' ? 'pound' : w.units === 'ounces' ? 'ounce' : 'gram' };
}

function money(currency: string, amount: number): { currency: string; amount: number } {
  return { currency: currency.toLowerCase(), amount };
}

/** V1 ids map to V2 ids as `se-` + number (domain.md, Identities). */
export function v2WarehouseId(id: string): string {
  return id.startsWith('se-') ? id : `se-${id}`;
}
