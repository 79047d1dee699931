import type { AccountState } from './account-state.js';
import { toOunces } from './order-writes.js';
import { pacificDate } from './pacific-time.js';
import type {
  Dimensions,
  FulfillmentRecord,
  InsuranceOptions,
  OrderRecord,
  ShipmentRecord,
  TrackingEvent,
  Weight,
} from './records.js';
import { RuleViolation } from './sim-errors.js';

export interface LabelOptions {
  carrierCode: string | null;
  serviceCode: string | null;
  packageCode?: string | null;
  confirmation?: string | null;
  /** `yyyy-MM-dd`; default today in Pacific time. */
  shipDate?: string | null;
  weight?: Weight | null;
  dimensions?: Dimensions | null;
  insuranceOptions?: InsuranceOptions | null;
  /** Multi-package labels: one tracking number per package, the first is the master. */
  packages?: number;
  /** Labels bought together share a batch (the `batchId` of the SHIP_NOTIFY resource_url). */
  batchId?: number;
}

/** Buys a label for the whole order (V1 createlabelfororder, V2 labels/shipment/{id}, admin). */
export function createLabel(
  state: AccountState,
  order: OrderRecord,
  options: LabelOptions,
  now: number,
): ShipmentRecord {
  if (order.orderStatus === 'cancelled') throw new RuleViolation(`Order ${order.orderNumber} is cancelled.`);
  if (order.orderStatus === 'shipped') {
    throw new RuleViolation(`Order ${order.orderNumber} has already been shipped. Void its label first.`);
  }
  const carrierCode = options.carrierCode ?? order.carrierCode;
  const serviceCode = options.serviceCode ?? order.serviceCode;
  if (!carrierCode || !serviceCode)
    throw new RuleViolation('A carrierCode and serviceCode are required.', 'field_value_required');
  if (!state.carriers.has(carrierCode)) {
    throw new RuleViolation(`The carrier '${carrierCode}' is not connected to this account.`, 'carrier_not_connected');
  }
  if (!state.serviceExists(carrierCode, serviceCode)) {
    throw new RuleViolation(
      `Invalid serviceCode '${serviceCode}' for carrier '${carrierCode}'.`,
      'invalid_field_value',
    );
  }
  const weight = options.weight ?? order.weight;
  const count = Math.max(1, Math.floor(options.packages ?? 1));
  const trackingNumbers = Array.from({ length: count }, () => trackingNumber(state, carrierCode));
  const shipment: ShipmentRecord = {
    shipmentId: state.nextId('shipment'),
    orderId: order.orderId,
    createDate: now,
    shipDate: options.shipDate ?? pacificDate(now),
    shipmentCost: labelCost(weight, count),
    insuranceCost: 0,
    trackingNumber: trackingNumbers[0]!,
    packages: trackingNumbers.map((t) => ({ trackingNumber: t, weight: weight ?? null, dimensions: null })),
    isReturnLabel: false,
    batchId: options.batchId ?? state.nextId('batch'),
    carrierCode,
    serviceCode,
    packageCode: options.packageCode ?? order.packageCode ?? 'package',
    confirmation: options.confirmation ?? order.confirmation ?? 'none',
    warehouseId: order.advancedOptions.warehouseId,
    voided: false,
    voidDate: null,
    shipTo: structuredClone(order.shipTo),
    weight: weight ?? null,
    dimensions: options.dimensions ?? order.dimensions,
    insuranceOptions: options.insuranceOptions ?? order.insuranceOptions,
    items: structuredClone(order.items.filter((i) => !i.adjustment)),
    userId: order.userId,
    tracking: [],
  };
  if (shipment.packages[0]) shipment.packages[0].dimensions = shipment.dimensions;
  state.putShipment(shipment);
  state.putOrder({
    ...order,
    orderStatus: 'shipped',
    shipDate: shipment.shipDate,
    carrierCode,
    serviceCode,
    packageCode: shipment.packageCode,
    holdUntilDate: null,
    modifyDate: now,
  });
  return shipment;
}

/**
 * Voids a label. The order goes back to awaiting_shipment so it can be labelled again (INFERRED: that is what the
 * UI offers after a void); no webhook fires (V1 sheet §9.3).
 */
export function voidLabel(
  state: AccountState,
  shipment: ShipmentRecord,
  now: number,
): { approved: boolean; message: string } {
  if (shipment.voided) return { approved: false, message: 'Label has already been voided.' };
  state.putShipment({ ...shipment, voided: true, voidDate: now });
  const order = state.orders.get(shipment.orderId);
  const stillShipped =
    state.shipmentsOf(shipment.orderId).some((s) => !s.voided) ||
    (state.fulfillmentsByOrder.get(shipment.orderId) ?? []).some((id) => !state.fulfillments.get(id)?.voided);
  if (order && order.orderStatus === 'shipped' && !stillShipped) {
    state.putOrder({ ...order, orderStatus: 'awaiting_shipment', shipDate: null, modifyDate: now });
  }
  return { approved: true, message: 'Label voided successfully' };
}

export interface MarkShippedOptions {
  carrierCode: string | null;
  shipDate?: string | null;
  trackingNumber?: string | null;
  notifyCustomer?: boolean;
  notifySalesChannel?: boolean;
  provider?: FulfillmentRecord['provider'];
}

/** Mark-as-shipped (and fulfilment-provider shipments): a fulfillment, not a shipment (V1 sheet §8). */
export function markShipped(
  state: AccountState,
  order: OrderRecord,
  options: MarkShippedOptions,
  now: number,
): FulfillmentRecord {
  if (order.orderStatus === 'cancelled') throw new RuleViolation(`Order ${order.orderNumber} is cancelled.`);
  if (order.orderStatus === 'shipped') throw new RuleViolation(`Order ${order.orderNumber} has already been shipped.`);
  const fulfillment: FulfillmentRecord = {
    fulfillmentId: state.nextId('fulfillment'),
    orderId: order.orderId,
    trackingNumber: options.trackingNumber ?? null,
    createDate: now,
    shipDate: options.shipDate ?? pacificDate(now),
    voidDate: null,
    deliveryDate: null,
    carrierCode: options.carrierCode,
    provider: options.provider ?? null,
    voided: false,
    notifyCustomer: options.notifyCustomer ?? false,
    notifySalesChannel: options.notifySalesChannel ?? false,
    shipTo: structuredClone(order.shipTo),
    userId: order.userId,
  };
  state.putFulfillment(fulfillment);
  state.putOrder({
    ...order,
    orderStatus: 'shipped',
    shipDate: fulfillment.shipDate,
    holdUntilDate: null,
    modifyDate: now,
    externallyFulfilled: options.provider !== undefined && options.provider !== null,
    externallyFulfilledBy: options.provider?.name ?? null,
  });
  return fulfillment;
}

export function addTrackingEvent(state: AccountState, shipment: ShipmentRecord, event: TrackingEvent): ShipmentRecord {
  const updated = { ...shipment, tracking: [...shipment.tracking, event] };
  state.putShipment(updated);
  return updated;
}

/** Carrier-shaped tracking numbers (UPS 1Z…, FedEx 12 digits, USPS 22 digits), from the seeded PRNG. */
function trackingNumber(state: AccountState, carrierCode: string): string {
  const r = state.random;
  if (carrierCode.startsWith('ups')) return `1Z${r.alnum(6)}03${r.digits(8)}`;
  if (carrierCode.startsWith('fedex')) return r.digits(12);
  if (carrierCode.startsWith('usps') || carrierCode === 'stamps_com') return `9400${r.digits(18)}`;
  return r.digits(16);
}

function labelCost(weight: Weight | null | undefined, packages: number): number {
  const pounds = weight ? toOunces(weight) / 16 : 1;
  return Math.round((7.25 + 0.85 * Math.max(1, pounds) + 2.5 * (packages - 1)) * 100) / 100;
}
