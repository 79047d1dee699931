import { createOrder, lockedReason, replaceOrder, validateOrderFields } from '../order-writes.js';
import type { OrderRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { toOrderFields, type V1OrderBody } from './v1-order-input.js';

export type UpsertOutcome =
  | { ok: true; order: OrderRecord; created: boolean; notify: boolean }
  | { ok: false; error: string; orderNumber: string | null; orderKey: string | null };

/**
 * createorder's rules (V1 sheet §6.3): upsert by `orderKey`, or by `orderId` when the body carries one; a full
 * replace of an open order; shipped and cancelled orders are locked (the refusal text is our choice). `notify`
 * says whether the order counts for ORDER_NOTIFY: created in a status other than awaiting_payment, or moved out of
 * awaiting_payment to anything but cancelled (help article H-WH).
 */
export function upsertV1Order(ctx: SimContext, body: V1OrderBody, importBatch: string): UpsertOutcome {
  const now = ctx.clock.now();
  const fail = (error: string): UpsertOutcome => ({
    ok: false,
    error,
    orderNumber: body.orderNumber ?? null,
    orderKey: body.orderKey ?? null,
  });
  const converted = toOrderFields(body);
  if (!converted.ok) return fail(converted.error);
  const fields = converted.fields;
  let existing: OrderRecord | undefined;
  if (body.orderId !== null && body.orderId !== undefined) {
    existing = ctx.state.orders.get(body.orderId);
    if (!existing) return fail(`Order ${body.orderId} was not found.`);
  } else if (body.orderKey) {
    existing = ctx.state.orderByKey(body.orderKey);
  }
  if (existing) {
    const locked = lockedReason(existing);
    if (locked) return fail(locked);
    const problem = validateOrderFields(ctx.state, fields, false);
    if (problem) return fail(problem);
    // Assignment is done with assignuser, not createorder: a full replace keeps it.
    fields.userId = existing.userId;
    const order = replaceOrder(ctx.state, { ...existing, salesOrder: true }, fields, now);
    const paid =
      existing.orderStatus === 'awaiting_payment' && !['awaiting_payment', 'cancelled'].includes(order.orderStatus);
    if (paid) ctx.state.putOrder({ ...order, importBatch });
    return { ok: true, order: ctx.state.orders.get(order.orderId)!, created: false, notify: paid };
  }
  const problem = validateOrderFields(ctx.state, fields, true);
  if (problem) return fail(problem);
  const order = createOrder(ctx.state, fields, {
    now,
    importBatch,
    salesOrder: true,
    orderKey: body.orderKey ?? null,
  });
  return { ok: true, order, created: true, notify: order.orderStatus !== 'awaiting_payment' };
}
