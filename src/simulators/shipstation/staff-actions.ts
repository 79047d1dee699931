import type { AccountState } from './account-state.js';
import type { Dimensions, OrderItem, OrderRecord, Weight } from './records.js';
import { NotFound, RuleViolation } from './sim-errors.js';

/**
 * What warehouse staff do in ShipStation's UI, for the admin API: split, merge, hold, and the edits the connector
 * must not wipe (carrier, service, package, weight, dimensions, tags, warehouse).
 */
export interface SplitLine {
  orderItemId?: number | undefined;
  lineItemKey?: string | undefined;
  quantity: number;
}

/**
 * Moves the given quantities into a new order. ShipStation's convention: the orders share the base number with
 * suffixes (`100038-1` stays with the original, `-2`, `-3` for each new one), both carry
 * `advancedOptions.mergedOrSplit: true`, and the new one points back through `parentId`. The new order gets its
 * own generated orderKey (INFERRED) and fires no webhook (it is not an import).
 */
export function splitOrder(state: AccountState, order: OrderRecord, lines: SplitLine[], now: number): OrderRecord {
  if (order.orderStatus === 'shipped' || order.orderStatus === 'cancelled') {
    throw new RuleViolation(`Order ${order.orderNumber} is ${order.orderStatus} and cannot be split.`);
  }
  const remaining = structuredClone(order.items);
  const moved: OrderItem[] = [];
  for (const line of lines) {
    const item = remaining.find((i) =>
      line.orderItemId !== undefined ? i.orderItemId === line.orderItemId : i.lineItemKey === line.lineItemKey,
    );
    if (!item) throw new NotFound(`No line ${line.orderItemId ?? line.lineItemKey} on order ${order.orderId}.`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > item.quantity) {
      throw new RuleViolation(`Cannot move ${line.quantity} of line ${item.orderItemId} (quantity ${item.quantity}).`);
    }
    moved.push({
      ...item,
      orderItemId: state.nextId('orderItem'),
      quantity: line.quantity,
      createDate: now,
      modifyDate: now,
    });
    item.quantity -= line.quantity;
    item.modifyDate = now;
  }
  const kept = remaining.filter((i) => i.quantity > 0);
  if (kept.filter((i) => !i.adjustment).length === 0)
    throw new RuleViolation('A split must leave items on the original order.');
  const siblings = [...state.orders.values()].filter((o) => o.advancedOptions.parentId === order.orderId).length;
  const base = order.advancedOptions.mergedOrSplit ? order.orderNumber.replace(/-1$/, '') : order.orderNumber;
  const original: OrderRecord = {
    ...order,
    orderNumber: `${base}-1`,
    items: kept,
    modifyDate: now,
    advancedOptions: { ...order.advancedOptions, mergedOrSplit: true },
  };
  const child: OrderRecord = {
    ...structuredClone(order),
    orderId: state.nextId('order'),
    orderKey: state.random.uuid(),
    orderNumber: `${base}-${siblings + 2}`,
    items: moved,
    createDate: now,
    modifyDate: now,
    importBatch: state.random.uuid(),
    advancedOptions: { ...order.advancedOptions, mergedOrSplit: true, mergedIds: [], parentId: order.orderId },
  };
  state.putOrder(original);
  state.putOrder(child);
  return child;
}

/**
 * Combines orders into the first: it takes the others' lines and lists them in `mergedIds`; the others are
 * cancelled and hidden from lists (INFERRED: the UI hides merged orders; GET by id still answers).
 */
export function mergeOrders(state: AccountState, orderIds: number[], now: number): OrderRecord {
  const orders = orderIds.map((id) => {
    const o = state.orders.get(id);
    if (!o) throw new NotFound(`Order ${id} not found.`);
    if (o.orderStatus === 'shipped' || o.orderStatus === 'cancelled') {
      throw new RuleViolation(`Order ${o.orderNumber} is ${o.orderStatus} and cannot be merged.`);
    }
    return o;
  });
  const [primary, ...others] = orders;
  if (!primary || others.length === 0) throw new RuleViolation('Merging needs at least two orders.');
  const items = [...primary.items];
  for (const other of others) {
    for (const item of other.items) {
      items.push({ ...item, orderItemId: state.nextId('orderItem'), createDate: now, modifyDate: now });
    }
    state.putOrder({
      ...other,
      orderStatus: 'cancelled',
      active: false,
      modifyDate: now,
      advancedOptions: { ...other.advancedOptions, mergedOrSplit: true, parentId: primary.orderId },
    });
  }
  const merged: OrderRecord = {
    ...primary,
    items,
    modifyDate: now,
    advancedOptions: {
      ...primary.advancedOptions,
      mergedOrSplit: true,
      mergedIds: [...primary.advancedOptions.mergedIds, ...others.map((o) => o.orderId)],
    },
  };
  state.putOrder(merged);
  return merged;
}

export function holdOrder(
  state: AccountState,
  order: OrderRecord,
  holdUntilDate: string | null,
  now: number,
): OrderRecord {
  if (order.orderStatus === 'shipped' || order.orderStatus === 'cancelled') {
    throw new RuleViolation(`Order ${order.orderNumber} is ${order.orderStatus} and cannot be held.`);
  }
  const held: OrderRecord = { ...order, orderStatus: 'on_hold', holdUntilDate, modifyDate: now };
  state.putOrder(held);
  return held;
}

export function restoreFromHold(state: AccountState, order: OrderRecord, now: number): OrderRecord {
  if (order.orderStatus !== 'on_hold') throw new RuleViolation(`Order ${order.orderNumber} is not on hold.`);
  const restored: OrderRecord = { ...order, orderStatus: 'awaiting_shipment', holdUntilDate: null, modifyDate: now };
  state.putOrder(restored);
  return restored;
}

/** "holduntil → on_hold until date then auto awaiting_shipment" (V1 sheet §6.1): applied lazily before reads. */
export function releaseDueHolds(state: AccountState, today: string, now: number): void {
  for (const id of [...state.heldOrders]) {
    const order = state.orders.get(id);
    if (order?.orderStatus === 'on_hold' && order.holdUntilDate !== null && order.holdUntilDate <= today) {
      state.putOrder({ ...order, orderStatus: 'awaiting_shipment', holdUntilDate: null, modifyDate: now });
    }
  }
}

export interface StaffEdit {
  carrierCode?: string | null | undefined;
  serviceCode?: string | null | undefined;
  packageCode?: string | null | undefined;
  confirmation?: string | null | undefined;
  weight?: Weight | null | undefined;
  dimensions?: Dimensions | null | undefined;
  tagIds?: number[] | undefined;
  warehouseId?: number | undefined;
  internalNotes?: string | null | undefined;
  /** Insurance provider staff chose (V2 `insurance_provider`). */
  insurance?: 'carrier' | 'shipsurance' | 'third_party' | undefined;
  /** Customs contents and non-delivery choice staff filled in (V2 `customs`). */
  customs?: { contents: string; nonDelivery: string } | undefined;
  saturdayDelivery?: boolean | undefined;
}

export function staffEdit(state: AccountState, order: OrderRecord, edit: StaffEdit, now: number): OrderRecord {
  if (edit.tagIds) for (const t of edit.tagIds) if (!state.tags.has(t)) throw new NotFound(`Tag ${t} not found.`);
  if (edit.warehouseId !== undefined && !state.warehouses.has(edit.warehouseId)) {
    throw new NotFound(`Warehouse ${edit.warehouseId} not found.`);
  }
  const { warehouseId, insurance, customs, saturdayDelivery, ...rest } = edit;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const updated: OrderRecord = {
    ...order,
    ...defined,
    modifyDate: now,
    advancedOptions: {
      ...order.advancedOptions,
      warehouseId: warehouseId ?? order.advancedOptions.warehouseId,
      saturdayDelivery: saturdayDelivery ?? order.advancedOptions.saturdayDelivery,
    },
    ...(insurance
      ? { insuranceOptions: { ...order.insuranceOptions, provider: insurance, insureShipment: true } }
      : {}),
    ...(customs
      ? {
          internationalOptions: {
            ...order.internationalOptions,
            contents: customs.contents,
            nonDelivery: customs.nonDelivery,
          },
        }
      : {}),
  };
  state.putOrder(updated);
  return updated;
}
