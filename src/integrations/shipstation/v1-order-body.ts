import type { SentSnapshot } from '../../domain/link.js';
import type { OutboundAddress, OutboundCustoms, OutboundOrder } from '../../domain/outbound-order.js';
import type { V1Order } from './v1-schemas.js';
import type { V1AddressInput, V1InternationalOptionsInput, V1OrderInput, V1OrderItemInput } from './v1-types.js';

/**
 * OutboundOrder → V1 `createorder` body, field by field (sheet §6.2, §13.1).
 * `orderDate` is the Sage business date at noon Pacific (V1 reads dates as Pacific wall-clock time), so it
 * never lands on the day before or after.
 */
export function v1OrderBody(o: OutboundOrder): V1OrderInput {
  return {
    orderKey: o.orderKey,
    orderNumber: o.orderNumber,
    orderDate: `${o.orderDate}T12:00:00.0000000`,
    orderStatus: o.status,
    customerUsername: o.customerUsername,
    customerEmail: o.customerEmail,
    billTo: v1Address(o.billTo),
    shipTo: v1Address(o.shipTo),
    items: o.items.map(v1Item),
    amountPaid: o.amountPaid,
    taxAmount: o.taxAmount,
    shippingAmount: o.shippingAmount,
    internalNotes: o.internalNotes,
    requestedShippingService: o.requestedShippingService,
    carrierCode: o.carrierCode,
    serviceCode: o.serviceCode,
    weight: o.weight,
    ...(o.customs ? { internationalOptions: v1International(o.customs, null) } : {}),
    ...v1Chosen(o),
    advancedOptions: {
      warehouseId: v1WarehouseId(o.warehouseId),
      customField1: o.customField1,
      customField2: o.customField2,
      customField3: o.customField3,
      source: 'Sage 300',
      ...v1Billing(o),
    },
  };
}

/** The field mapping's notes and gift, only those the mapping fills (the others stay ShipStation's). */
function v1Chosen(o: OutboundOrder): Partial<V1OrderInput> {
  return {
    ...(o.customerNotes !== undefined ? { customerNotes: o.customerNotes } : {}),
    ...(o.gift !== undefined ? { gift: o.gift } : {}),
    ...(o.giftMessage !== undefined ? { giftMessage: o.giftMessage } : {}),
  };
}

/** `advancedOptions.billTo*` when the mapping has billing fields; nulls when this customer has none. */
function v1Billing(o: OutboundOrder): Record<string, string | null> {
  if (o.billing === undefined) return {};
  return {
    billToParty: o.billing?.party ?? null,
    billToAccount: o.billing?.account ?? null,
    billToPostalCode: o.billing?.postalCode ?? null,
    billToCountryCode: o.billing?.countryCode ?? null,
  };
}

/**
 * An update is a full replace in V1 ("does not currently support partial updates", sheet §6.3): start
 * from the order as ShipStation has it and overwrite only what Sage owns (domain.md, Ownership). Carrier,
 * service and warehouse follow Sage only while ShipStation still has what the connector last sent (staff
 * did not change them); package, weight, dimensions, tags, hold-until and everything else stay as they are.
 */
export function v1UpdateBody(o: OutboundOrder, current: V1Order, lastSent: SentSnapshot): V1OrderInput {
  const fresh = v1OrderBody(o);
  const {
    createDate: _c,
    modifyDate: _m,
    orderTotal: _t,
    customerId: _ci,
    userId: _u,
    externallyFulfilled: _ef,
    externallyFulfilledBy: _efb,
    externallyFulfilledById: _efi,
    externallyFulfilledByName: _efn,
    ...kept
  } = current as V1Order & Record<string, unknown>;
  const currentItems = new Map((current.items ?? []).map((i) => [i.lineItemKey ?? '', i]));
  const sameCarrier =
    (current.carrierCode ?? null) === (lastSent.carrierCode ?? null) &&
    (current.serviceCode ?? null) === (lastSent.serviceCode ?? null);
  const currentWarehouse = current.advancedOptions?.warehouseId ?? null;
  const sameWarehouse = String(currentWarehouse ?? '') === String(v1WarehouseId(lastSent.warehouseId ?? null) ?? '');
  const sageChangedHold = lastSent.status !== undefined && lastSent.status !== o.status;
  return {
    ...(kept as Record<string, unknown>),
    orderId: current.orderId,
    orderKey: current.orderKey,
    orderNumber: fresh.orderNumber,
    orderDate: fresh.orderDate,
    orderStatus: sageChangedHold ? o.status : (current.orderStatus as V1OrderInput['orderStatus']),
    customerUsername: fresh.customerUsername ?? null,
    customerEmail: fresh.customerEmail ?? null,
    billTo: fresh.billTo,
    shipTo: fresh.shipTo,
    items: fresh.items.map((item) => {
      const was = currentItems.get(item.lineItemKey ?? '');
      return was?.orderItemId ? { ...item, orderItemId: was.orderItemId } : item;
    }),
    amountPaid: fresh.amountPaid ?? null,
    taxAmount: fresh.taxAmount ?? null,
    shippingAmount: fresh.shippingAmount ?? null,
    internalNotes: fresh.internalNotes ?? null,
    requestedShippingService: fresh.requestedShippingService ?? null,
    carrierCode: sameCarrier ? (fresh.carrierCode ?? null) : (current.carrierCode ?? null),
    serviceCode: sameCarrier ? (fresh.serviceCode ?? null) : (current.serviceCode ?? null),
    // Sage's declaration while the order ships abroad; a domestic order keeps whatever ShipStation has.
    ...(o.customs ? { internationalOptions: v1International(o.customs, current.internationalOptions ?? null) } : {}),
    ...v1Chosen(o),
    advancedOptions: {
      ...(current.advancedOptions ?? {}),
      ...v1Billing(o),
      warehouseId: sameWarehouse ? (fresh.advancedOptions?.warehouseId ?? null) : currentWarehouse,
      customField1: fresh.advancedOptions?.customField1 ?? null,
      customField2: fresh.advancedOptions?.customField2 ?? null,
      customField3: fresh.advancedOptions?.customField3 ?? null,
    },
  } as V1OrderInput;
}

/** Cancelling through V1 is an upsert of the whole order with `orderStatus: cancelled`. */
export function v1CancelBody(current: V1Order): V1OrderInput {
  const {
    createDate: _c,
    modifyDate: _m,
    orderTotal: _t,
    customerId: _ci,
    ...kept
  } = current as V1Order & Record<string, unknown>;
  return { ...(kept as Record<string, unknown>), orderId: current.orderId, orderStatus: 'cancelled' } as V1OrderInput;
}

/**
 * V1 `internationalOptions`. On an update each line carries the `customsItemId` ShipStation gave the line of
 * the same description (V1: without one "it will create a new customs line"), so lines are replaced, not added.
 */
function v1International(
  c: OutboundCustoms,
  current: V1Order['internationalOptions'] | null,
): V1InternationalOptionsInput {
  const ids = new Map<string, number | string>();
  for (const line of current?.customsItems ?? []) {
    if (line.customsItemId != null && line.description && !ids.has(line.description)) {
      ids.set(line.description, line.customsItemId);
    }
  }
  return {
    contents: c.contents,
    nonDelivery: c.nonDelivery,
    customsItems: c.items.map((i) => {
      const id = ids.get(i.description);
      ids.delete(i.description);
      return {
        ...(id !== undefined ? { customsItemId: id } : {}),
        description: i.description,
        quantity: i.quantity,
        value: i.value,
        harmonizedTariffCode: i.tariffCode,
        countryOfOrigin: i.countryOfOrigin,
      };
    }),
  };
}

function v1Address(a: OutboundAddress): V1AddressInput {
  return {
    name: a.name,
    company: a.company,
    street1: a.street1,
    street2: a.street2,
    street3: a.street3,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone,
    residential: null,
  };
}

function v1Item(i: OutboundOrder['items'][number]): V1OrderItemInput {
  return {
    lineItemKey: i.lineKey,
    sku: i.sku,
    name: i.name,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    weight: i.weight,
    warehouseLocation: i.warehouseLocation,
    adjustment: false,
  };
}

/** Mapping-table warehouse ids may be V2's `se-123`; V1 uses the number (domain.md: V1 id ↔ `se-` + id). */
export function v1WarehouseId(id: string | null): number | null {
  if (!id) return null;
  const n = Number(id.replace(/^se-/, ''));
  return Number.isFinite(n) ? n : null;
}
