import type { V1Order } from './v1-schemas.js';
import type { V1OrderInput } from './v1-types.js';

/**
 * A V1 order as read, turned back into a createorder body for a full replace (V1 has no partial update:
 * "The entire resource must be provided", sheet §6.3). Everything read is kept — warehouse staff's carrier,
 * package, weight, tags — so the caller changes only the fields it owns; `orderId` stays, which V1 says
 * helps prevent duplicates. Read-only fields the server computes are dropped.
 */
export function v1OrderToInput(order: V1Order): V1OrderInput {
  const { createDate: _c, modifyDate: _m, orderTotal: _t, customerId: _u, ...rest } = order;
  return {
    ...rest,
    orderDate: order.orderDate ?? order.createDate,
    orderStatus: order.orderStatus as V1OrderInput['orderStatus'],
    billTo: (order.billTo ?? emptyAddress()) as V1OrderInput['billTo'],
    shipTo: (order.shipTo ?? emptyAddress()) as V1OrderInput['shipTo'],
    items: (order.items ?? []).map(({ orderItemId: _i, createDate: _ic, modifyDate: _im, ...item }) => ({
      ...item,
      name: item.name ?? '',
    })) as V1OrderInput['items'],
  } as V1OrderInput;
}

function emptyAddress() {
  return { name: null, street1: null, city: null, state: null, postalCode: null, country: null };
}
