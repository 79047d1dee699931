import type { ShippedItem } from '../../domain/shipped-item.js';
import type { ObservedShipment, ShippingOrderInfo } from '../../engine/shipments/ports.js';
import { shipmentSourceId } from '../../engine/shipments/source-id.js';
import { calendarDate } from '../../mapping/shipstation-to-sage.js';
import { parsePacificOrNull } from './pacific-time.js';
import type { V1Fulfillment, V1Order, V1Shipment } from './v1-schemas.js';
import type { V2Fulfillment, V2Label, V2Shipment } from './v2-schemas.js';

/**
 * V1 and V2 records → the shipments flow's one shape. V1 times are Pacific wall-clock without an offset
 * (sheet §4) and are converted here; V2 times are UTC. Ship dates are calendar dates in both.
 */
const text = (v: string | null | undefined): string | null => (v === null || v === undefined || v === '' ? null : v);
const tracking = (...values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== '')),
];

export function fromV1Shipment(s: V1Shipment): ObservedShipment {
  return {
    sourceId: shipmentSourceId('label', s.shipmentId),
    api: 'v1',
    kind: 'label',
    ssOrderId: String(s.orderId),
    orderKey: text(s.orderKey),
    orderNumber: text(s.orderNumber),
    voided: s.voided,
    trackingNumbers: tracking(s.trackingNumber),
    trackingComplete: false,
    carrierCode: text(s.carrierCode),
    serviceCode: text(s.serviceCode),
    shipDate: calendarDate(s.shipDate),
    createdAt: parsePacificOrNull(s.createDate)?.toISOString() ?? null,
    items: s.shipmentItems ? s.shipmentItems.map((i) => item(i.lineItemKey, i.sku, i.quantity)) : null,
  };
}

/** A mark-as-shipped fulfillment ships the whole order and lists no items: the order's are read later. */
export function fromV1Fulfillment(f: V1Fulfillment): ObservedShipment {
  return {
    sourceId: shipmentSourceId('fulfillment', f.fulfillmentId),
    api: 'v1',
    kind: 'fulfillment',
    ssOrderId: String(f.orderId),
    orderKey: null,
    orderNumber: text(f.orderNumber),
    voided: f.voided === true,
    trackingNumbers: tracking(f.trackingNumber),
    trackingComplete: true,
    carrierCode: text(f.carrierCode),
    serviceCode: null,
    shipDate: calendarDate(f.shipDate),
    createdAt: parsePacificOrNull(f.createDate)?.toISOString() ?? null,
    items: null,
  };
}

/** A V2 label lists no items: its shipment's are read later (sheet §4.3). Every package's tracking number. */
export function fromV2Label(l: V2Label): ObservedShipment {
  return {
    sourceId: shipmentSourceId('label', l.label_id),
    api: 'v2',
    kind: 'label',
    ssOrderId: l.shipment_id,
    orderKey: text(l.external_shipment_id),
    orderNumber: null,
    voided: l.voided || l.status === 'voided',
    trackingNumbers: tracking(l.tracking_number, ...(l.packages ?? []).map((p) => p.tracking_number)),
    trackingComplete: true,
    carrierCode: text(l.carrier_code),
    serviceCode: text(l.service_code),
    shipDate: calendarDate(l.ship_date),
    createdAt: text(l.created_at),
    items: null,
  };
}

export function fromV2Fulfillment(f: V2Fulfillment): ObservedShipment {
  return {
    sourceId: shipmentSourceId('fulfillment', f.fulfillment_id),
    api: 'v2',
    kind: 'fulfillment',
    ssOrderId: f.shipment_id ?? '',
    orderKey: null,
    orderNumber: text(f.shipment_number),
    voided: f.voided === true,
    trackingNumbers: tracking(f.tracking_number),
    trackingComplete: true,
    carrierCode: text(f.carrier_code),
    serviceCode: null,
    shipDate: calendarDate(f.ship_date),
    createdAt: text(f.created_at),
    items: null,
  };
}

export function v1OrderInfo(o: V1Order): ShippingOrderInfo {
  const a = o.advancedOptions;
  return {
    ssOrderId: String(o.orderId),
    orderKey: text(o.orderKey),
    orderNumber: text(o.orderNumber),
    status: orderStatus(o.orderStatus),
    parentId: a?.parentId === null || a?.parentId === undefined ? null : String(a.parentId),
    mergedIds: (a?.mergedIds ?? []).map(String),
    items: (o.items ?? []).filter((i) => i.adjustment !== true).map((i) => item(i.lineItemKey, i.sku, i.quantity)),
  };
}

export function v2OrderInfo(s: V2Shipment, parentId: string | null): ShippingOrderInfo {
  const st = s.shipment_status;
  return {
    ssOrderId: s.shipment_id,
    orderKey: text(s.external_shipment_id),
    orderNumber: text(s.shipment_number),
    status: st === 'label_purchased' ? 'shipped' : st === 'cancelled' ? 'cancelled' : 'open',
    parentId,
    mergedIds: [],
    items: (s.items ?? []).map((i) => item(i.external_order_item_id, i.sku, i.quantity)),
  };
}

function orderStatus(s: string): ShippingOrderInfo['status'] {
  if (s === 'shipped') return 'shipped';
  if (s === 'cancelled') return 'cancelled';
  if (s === 'on_hold') return 'on_hold';
  return 'open';
}

function item(lineKey: string | null | undefined, sku: string | null | undefined, quantity: number): ShippedItem {
  return { lineKey: text(lineKey), sku: text(sku), quantity };
}
