import type { OrderRecordData, OrderState } from '../../domain/records.js';
import type { SageOrder } from '../../domain/sage.js';
import type { OrderAuditEvent } from '../records/order-audit.js';
import { changeOrderState } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import type { OrdersRun } from './order-context.js';

/** A held order is looked at again after this long (sooner when a mapping changes). */
const HELD_RECHECK_MS = 5 * 60_000;

/**
 * Sets the record of a Sage order that was not sent (held, skipped, on hold, in conflict); the audit event
 * is written only when the state or reason changed (no noise per pass).
 */
export async function recordOrderState(
  run: OrdersRun,
  order: SageOrder,
  state: OrderState,
  reason: string,
  prior: { state: string; reason: string | null } | undefined,
  event: OrderAuditEvent,
  data: OrderRecordData = {},
): Promise<void> {
  const fields = {
    customer: order.shipTo.name || order.customerNumber,
    state,
    reason,
    nextAttemptAt: state === 'held' ? new Date(run.clock.now() + HELD_RECHECK_MS).toISOString() : null,
    data: { orderDate: order.orderDate, ...data },
  };
  await changeOrderState(run, refOf(order), fields, prior, event);
}
