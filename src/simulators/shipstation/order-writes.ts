import type { AccountState } from './account-state.js';
import {
  type AdvancedOptions,
  type CustomsItem,
  OPEN_STATUSES,
  type OrderItem,
  type OrderRecord,
  type V2Extras,
  type Weight,
} from './records.js';

/** What a client may write on an item; ids, product links and dates are the server's. */
export type ItemFields = Omit<OrderItem, 'orderItemId' | 'productId' | 'createDate' | 'modifyDate'> & {
  orderItemId: number | null;
};

type ServerAdvanced = 'mergedOrSplit' | 'mergedIds' | 'parentId' | 'storeId' | 'warehouseId';

/** The writable part of an order: what a V1 full replace sends (and what V2 writes map onto). */
export type OrderFields = Omit<
  OrderRecord,
  | 'orderId'
  | 'orderKey'
  | 'createDate'
  | 'modifyDate'
  | 'customerId'
  | 'items'
  | 'advancedOptions'
  | 'externallyFulfilled'
  | 'externallyFulfilledBy'
  | 'active'
  | 'salesOrder'
  | 'importBatch'
  | 'v2'
> & {
  items: ItemFields[];
  advancedOptions: Omit<AdvancedOptions, ServerAdvanced> & { warehouseId: number | null; storeId: number | null };
};

export interface CreateContext {
  now: number;
  importBatch: string;
  salesOrder: boolean;
  /** The client's key; absent → generated, as V1 does ("a unique value will be generated"). */
  orderKey: string | null;
  v2?: Partial<V2Extras>;
}

/** Why an order may not be changed any more, or null when it is open (V1 sheet §6.3: shipped and cancelled lock). */
export function lockedReason(order: OrderRecord): string | null {
  if (OPEN_STATUSES.has(order.orderStatus)) return null;
  return (
    `Order ${order.orderNumber} (orderId ${order.orderId}) has status '${order.orderStatus}'. ` +
    'Only orders in an open status (awaiting_payment, awaiting_shipment, pending_fulfillment, on_hold) can be updated.'
  );
}

/** Business checks shared by V1 createorder(s) and V2 creates: the message is what the API answers. */
export function validateOrderFields(state: AccountState, fields: OrderFields, creating: boolean): string | null {
  if (!fields.orderNumber) return 'The orderNumber field is required.';
  if (fields.orderNumber.length > 50) return 'The orderNumber field must be at most 50 characters.';
  const to = fields.shipTo;
  if (!to.name || !to.street1 || !to.city || !to.country) {
    return 'The shipTo address is incomplete: name, street1, city and country are required.';
  }
  if (to.country === 'US' && (!to.postalCode || !to.state)) {
    return 'The shipTo address is incomplete: state and postalCode are required for US addresses.';
  }
  const warehouseId = fields.advancedOptions.warehouseId;
  if (warehouseId !== null && !state.warehouses.get(warehouseId)?.active) {
    return `Invalid warehouseId ${warehouseId}: no such Ship From Location on this account.`;
  }
  const storeId = fields.advancedOptions.storeId;
  if (creating && storeId !== null && !state.stores.has(storeId)) return `Invalid storeId ${storeId}.`;
  for (const tagId of fields.tagIds) if (!state.tags.has(tagId)) return `Invalid tagId ${tagId}.`;
  for (const item of fields.items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 0) return 'Item quantity must be a whole number.';
  }
  return null;
}

export function createOrder(state: AccountState, fields: OrderFields, ctx: CreateContext): OrderRecord {
  const orderId = state.nextId('order');
  const storeId = fields.advancedOptions.storeId ?? state.defaultStore()?.storeId ?? 0;
  const order: OrderRecord = {
    ...fieldsToRecordPart(state, fields, ctx.now, [], []),
    orderId,
    orderKey: ctx.orderKey ?? state.random.uuid(),
    createDate: ctx.now,
    modifyDate: ctx.now,
    advancedOptions: {
      ...fields.advancedOptions,
      warehouseId: fields.advancedOptions.warehouseId ?? state.defaultWarehouse()?.warehouseId ?? null,
      storeId,
      mergedOrSplit: false,
      mergedIds: [],
      parentId: null,
    },
    externallyFulfilled: false,
    externallyFulfilledBy: null,
    active: true,
    salesOrder: ctx.salesOrder,
    importBatch: ctx.importBatch,
    v2: { currency: 'usd', shipFrom: null, returnTo: null, isReturn: false, externalOrderId: null, packages: null },
  };
  if (ctx.v2) Object.assign(order.v2, ctx.v2);
  state.putOrder(order);
  return order;
}

/**
 * V1 createorder on an existing order: "This call does not currently support partial updates. The entire resource
 * must be provided" — every writable field takes the new value, omitted ones are cleared. Read-only fields
 * (ids, createDate, merge/split markers, storeId after creation) are kept. Returns the stored record.
 */
export function replaceOrder(
  state: AccountState,
  existing: OrderRecord,
  fields: OrderFields,
  now: number,
  v2?: Partial<V2Extras>,
): OrderRecord {
  const order: OrderRecord = {
    ...existing,
    ...fieldsToRecordPart(state, fields, now, existing.items, existing.internationalOptions.customsItems ?? []),
    modifyDate: now,
    advancedOptions: {
      ...fields.advancedOptions,
      warehouseId: fields.advancedOptions.warehouseId ?? state.defaultWarehouse()?.warehouseId ?? null,
      storeId: existing.advancedOptions.storeId,
      mergedOrSplit: existing.advancedOptions.mergedOrSplit,
      mergedIds: existing.advancedOptions.mergedIds,
      parentId: existing.advancedOptions.parentId,
    },
    active: true,
    v2: { ...existing.v2, ...v2 },
  };
  state.putOrder(order, existing.orderKey);
  return order;
}

type RecordPart = Omit<
  OrderRecord,
  | 'orderId'
  | 'orderKey'
  | 'createDate'
  | 'modifyDate'
  | 'advancedOptions'
  | 'externallyFulfilled'
  | 'externallyFulfilledBy'
  | 'active'
  | 'salesOrder'
  | 'importBatch'
  | 'v2'
>;

function fieldsToRecordPart(
  state: AccountState,
  fields: OrderFields,
  now: number,
  previous: OrderItem[],
  previousCustoms: CustomsItem[],
): RecordPart {
  const { advancedOptions: _ignored, items: itemFields, ...rest } = fields;
  const items = reconcileItems(state, itemFields, previous, now);
  const customs = fields.internationalOptions.customsItems;
  return {
    ...rest,
    internationalOptions: {
      ...fields.internationalOptions,
      customsItems: customs ? reconcileCustoms(state, customs, previousCustoms) : null,
    },
    items,
    // An order without its own weight weighs what its items weigh (in ounces), as the UI shows it.
    weight: fields.weight ?? itemsWeight(items),
    customerId: upsertCustomer(state, fields, now),
    holdUntilDate: fields.orderStatus === 'on_hold' ? fields.holdUntilDate : null,
  };
}

/**
 * Items keep their orderItemId across full replaces when the client sends it back, or sends the same
 * lineItemKey (INFERRED: the connector maps shipment items back by lineItemKey, so either way works).
 */
function reconcileItems(state: AccountState, fields: ItemFields[], previous: OrderItem[], now: number): OrderItem[] {
  const unused = new Map(previous.map((i) => [i.orderItemId, i]));
  return fields.map((f) => {
    let match = f.orderItemId !== null ? unused.get(f.orderItemId) : undefined;
    if (!match && f.lineItemKey !== null) {
      match = [...unused.values()].find((i) => i.lineItemKey === f.lineItemKey);
    }
    if (match) unused.delete(match.orderItemId);
    const { orderItemId: _hint, ...rest } = f;
    const item: OrderItem = {
      ...rest,
      orderItemId: match?.orderItemId ?? state.nextId('orderItem'),
      productId: upsertProduct(state, f, now),
      createDate: match?.createDate ?? now,
      modifyDate: now,
    };
    if (match && sameItem(match, item)) item.modifyDate = match.modifyDate;
    return item;
  });
}

/**
 * The body's customs lines replace the order's (full replace); a line that names a `customsItemId` the order
 * has keeps it, others get new ids (V1: without one "it will create a new customs line").
 */
function reconcileCustoms(state: AccountState, lines: CustomsItem[], previous: CustomsItem[]): CustomsItem[] {
  const known = new Set(previous.map((c) => c.customsItemId));
  return lines.map((c) => ({
    ...c,
    customsItemId:
      c.customsItemId !== null && known.has(c.customsItemId) ? c.customsItemId : state.nextId('customsItem'),
  }));
}

function sameItem(a: OrderItem, b: OrderItem): boolean {
  return JSON.stringify({ ...a, modifyDate: 0 }) === JSON.stringify({ ...b, modifyDate: 0 });
}

const OUNCES: Record<Weight['units'], number> = { ounces: 1, pounds: 16, grams: 1 / 28.349523125 };

export function toOunces(weight: Weight): number {
  return weight.value * OUNCES[weight.units];
}

function itemsWeight(items: OrderItem[]): Weight | null {
  if (!items.some((i) => i.weight !== null)) return null;
  const total = items.reduce((sum, i) => sum + (i.weight ? toOunces(i.weight) * i.quantity : 0), 0);
  return { value: Math.round(total * 100) / 100, units: 'ounces' };
}

/** V1 has no product create endpoint: products appear from order items (INFERRED, V1 sheet §10). */
function upsertProduct(state: AccountState, item: ItemFields, now: number): number | null {
  if (!item.sku || item.adjustment) return null;
  const existing = state.productIdBySku.get(item.sku);
  if (existing !== undefined) return existing;
  const productId = state.nextId('product');
  state.products.set(productId, {
    productId,
    sku: item.sku,
    fields: {
      name: item.name,
      price: item.unitPrice,
      weightOz: item.weight ? Math.round(toOunces(item.weight) * 100) / 100 : null,
      upc: item.upc,
      fulfillmentSku: item.fulfillmentSku,
      warehouseLocation: item.warehouseLocation,
    },
    active: true,
    createDate: now,
    modifyDate: now,
  });
  state.productIdBySku.set(item.sku, productId);
  return productId;
}

/** `customerUsername` is "required to generate a customer profile" (V1 sheet §6.2). */
function upsertCustomer(state: AccountState, fields: OrderFields, now: number): number | null {
  const username = fields.customerUsername;
  if (!username) return null;
  const address = fields.shipTo;
  const existingId = state.customerIdByUsername.get(username);
  const customerId = existingId ?? state.nextId('customer');
  const previous = existingId === undefined ? undefined : state.customers.get(existingId);
  state.customers.set(customerId, {
    customerId,
    username,
    name: address.name,
    company: address.company,
    address,
    email: fields.customerEmail,
    createDate: previous?.createDate ?? now,
    modifyDate: now,
  });
  state.customerIdByUsername.set(username, customerId);
  return customerId;
}

/** Σ quantity × unitPrice (adjustment lines included) + tax + shipping: matches both docs examples (V1 §6.2). */
export function orderTotal(order: OrderRecord): number {
  const lines = order.items.reduce((sum, i) => sum + i.quantity * (i.unitPrice ?? 0), 0);
  return Math.round((lines + (order.taxAmount ?? 0) + (order.shippingAmount ?? 0)) * 100) / 100;
}

/** The writable fields of a stored order (the base a V2 PUT merges onto). */
export function recordToFields(o: OrderRecord): OrderFields {
  const {
    orderId: _id,
    orderKey: _key,
    createDate: _created,
    modifyDate: _modified,
    customerId: _customer,
    externallyFulfilled: _ef,
    externallyFulfilledBy: _efb,
    active: _active,
    salesOrder: _sales,
    importBatch: _batch,
    v2: _v2,
    items,
    advancedOptions,
    ...rest
  } = structuredClone(o);
  const { mergedOrSplit: _m, mergedIds: _ids, parentId: _p, ...advanced } = advancedOptions;
  return {
    ...rest,
    items: items.map(({ productId: _pid, createDate: _c, modifyDate: _md, ...item }) => item),
    advancedOptions: advanced,
  };
}
