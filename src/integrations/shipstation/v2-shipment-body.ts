import type { SentSnapshot } from '../../domain/link.js';
import type { OutboundAddress, OutboundOrder, OutboundWeight } from '../../domain/outbound-order.js';
import type { V2Shipment } from './v2-schemas.js';
import type { V2AddressInput, V2ShipmentInput, V2ShipmentUpdate } from './v2-types.js';

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
    packages: [{ package_code: 'package', weight: v2Weight(o.weight) }],
    amount_paid: money(o.currency, o.amountPaid),
    tax_paid: money(o.currency, o.taxAmount),
    shipping_paid: money(o.currency, o.shippingAmount),
    internal_notes: o.internalNotes,
    advanced_options: { custom_field1: o.customField1, custom_field2: o.customField2, custom_field3: o.customField3 },
  };
}

/**
 * A PUT sends only what Sage owns (V2 merges partial bodies, sheet §3.8); carrier, service and warehouse
 * only while ShipStation still has what was last sent. Packages (weight, dimensions) and tags are staff's.
 */
export function v2UpdateBody(
  o: OutboundOrder,
  current: V2Shipment,
  lastSent: SentSnapshot,
  carrierId: string | null,
  currentCarrierCode: string | null,
  warehouseId: string | null,
): V2ShipmentUpdate {
  const sameCarrier =
    (currentCarrierCode ?? null) === (lastSent.carrierCode ?? null) &&
    (current.service_code ?? null) === (lastSent.serviceCode ?? null);
  const sameWarehouse =
    (current.warehouse_id ?? null) === (lastSent.warehouseId ? v2WarehouseId(lastSent.warehouseId) : null);
  return {
    shipment_number: o.orderNumber,
    ship_to: v2Address(o.shipTo),
    items: v2Items(o),
    amount_paid: money(o.currency, o.amountPaid),
    tax_paid: money(o.currency, o.taxAmount),
    shipping_paid: money(o.currency, o.shippingAmount),
    internal_notes: o.internalNotes,
    requested_shipment_service: o.requestedShippingService,
    advanced_options: {
      ...((current as Record<string, unknown>)['advanced_options'] as Record<string, unknown> | undefined),
      custom_field1: o.customField1,
      custom_field2: o.customField2,
      custom_field3: o.customField3,
    },
    ...(sameCarrier ? { carrier_id: carrierId, service_code: o.serviceCode } : {}),
    ...(sameWarehouse && warehouseId ? { warehouse_id: warehouseId } : {}),
  };
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
