import type { OrderRecordData, OrderState, RecordRow } from '../../domain/records.js';
import { auditOrder, type OrderAuditEvent } from './order-audit.js';
import type { OrderRef, RecordScope } from './record-scope.js';

/** The columns one write of an order's record sets; `data` is merged into what the record has. */
export interface OrderRecordFields {
  state: OrderState;
  reason?: string | null;
  customer?: string | null;
  ssNumber?: string | null;
  data?: OrderRecordData;
  /** Count this as another attempt (a retryable failure). */
  attempt?: boolean;
  nextAttemptAt?: string | null;
}

export async function writeOrderRecord(run: RecordScope, ref: OrderRef, fields: OrderRecordFields): Promise<void> {
  await run.store.records.upsert({
    connectionId: run.connection.id,
    kind: 'order',
    key: ref.uniquifier,
    display: ref.orderNumber,
    ...fields,
  });
}

export function readOrderRecord(run: RecordScope, uniquifier: string): Promise<RecordRow | undefined> {
  return run.store.records.get(run.connection.id, 'order', uniquifier);
}

/** Whether a write of `next` changes what people see of the record (its state or reason). */
export function stateChanged(
  before: { state: string; reason: string | null } | undefined,
  next: { state: OrderState; reason: string },
): boolean {
  return before?.state !== next.state || before?.reason !== next.reason;
}

/**
 * Writes a record's state; the audit event is written only when the state or reason changed, so a pass
 * that finds the same problem again adds no noise. `prior` saves the read when the caller has the record.
 */
export async function changeOrderState(
  run: RecordScope,
  ref: OrderRef,
  fields: OrderRecordFields & { reason: string },
  prior: { state: string; reason: string | null } | undefined,
  event: OrderAuditEvent,
): Promise<void> {
  const before = prior ?? (await readOrderRecord(run, ref.uniquifier));
  await writeOrderRecord(run, ref, fields);
  if (stateChanged(before, fields)) await auditOrder(run, ref, event.event, event.message, event.data);
}

/** What the shipments flow adds to a record as it writes back: both lists accumulate. */
export interface ShipmentAdditions {
  trackingNumbers?: readonly string[];
  sageShipment?: string | null;
}

/** The data keys a write-back changes: the known lists with the new entries added once, in order. */
export function withShipmentAdditions(known: OrderRecordData, add: ShipmentAdditions): OrderRecordData {
  const data: OrderRecordData = {};
  if (add.trackingNumbers && add.trackingNumbers.length > 0) {
    data.trackingNumbers = [...new Set([...(known.trackingNumbers ?? []), ...add.trackingNumbers])];
  }
  if (add.sageShipment) data.sageShipments = [...new Set([...(known.sageShipments ?? []), add.sageShipment])];
  return data;
}

/**
 * The order's record (what people see in `status` and the dashboard) as the shipments flow changes it.
 * Tracking numbers and Sage shipment numbers accumulate on the record.
 */
export async function setOrderState(
  run: RecordScope,
  order: OrderRef,
  state: OrderState,
  reason: string | null,
  add: ShipmentAdditions = {},
): Promise<void> {
  const existing = await readOrderRecord(run, order.uniquifier);
  await writeOrderRecord(run, order, { state, reason, data: withShipmentAdditions(existing?.data ?? {}, add) });
}
