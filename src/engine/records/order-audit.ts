import type { OrderRef, RecordScope } from './record-scope.js';

/** One event of an order's audit trail (what happened, in words, and what was sent or found). */
export interface OrderAuditEvent {
  event: string;
  message: string;
  data?: unknown;
  /** Hash of the payload sent, when the event is a push. */
  payloadHash?: string;
}

/** The audit-trail row of an event of a Sage order (OrderUniquifier is the key, the number its display). */
export function orderAuditEntry(connectionId: number, order: OrderRef, e: OrderAuditEvent) {
  return {
    connectionId,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.orderNumber,
    event: e.event,
    message: e.message,
    ...(e.data === undefined ? {} : { data: e.data }),
    ...(e.payloadHash === undefined ? {} : { payloadHash: e.payloadHash }),
  };
}

export async function auditOrder(
  run: RecordScope,
  order: OrderRef,
  event: string,
  message: string,
  data?: unknown,
): Promise<void> {
  await run.store.audit.append(
    orderAuditEntry(run.connection.id, order, { event, message, ...(data === undefined ? {} : { data }) }),
  );
}

/** Many events in one append (a batch push records every order's event in one statement). */
export async function auditOrders(
  run: RecordScope,
  events: readonly (OrderAuditEvent & { order: OrderRef })[],
): Promise<void> {
  await run.store.audit.append(events.map((e) => orderAuditEntry(run.connection.id, e.order, e)));
}
