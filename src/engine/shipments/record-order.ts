import type { OrderState } from '../../domain/records.js';
import type { ShipmentsRun } from './shipments-run.js';

/**
 * The order's record (what people see in `status` and the dashboard) and its audit timeline, as the
 * shipments flow changes them. Tracking numbers and Sage shipment numbers accumulate on the record.
 */
export async function setOrderState(
  run: ShipmentsRun,
  order: { uniquifier: string; orderNumber: string },
  state: OrderState,
  reason: string | null,
  add: { trackingNumbers?: readonly string[]; sageShipment?: string | null } = {},
): Promise<void> {
  const id = run.connection.id;
  const existing = await run.store.records.get(id, 'order', order.uniquifier);
  const data: Record<string, unknown> = {};
  if (add.trackingNumbers && add.trackingNumbers.length > 0) {
    const known = Array.isArray(existing?.data['trackingNumbers'])
      ? (existing.data['trackingNumbers'] as string[])
      : [];
    data['trackingNumbers'] = [...new Set([...known, ...add.trackingNumbers])];
  }
  if (add.sageShipment) {
    const known = Array.isArray(existing?.data['sageShipments']) ? (existing.data['sageShipments'] as string[]) : [];
    data['sageShipments'] = [...new Set([...known, add.sageShipment])];
  }
  await run.store.records.upsert({
    connectionId: id,
    kind: 'order',
    key: order.uniquifier,
    display: order.orderNumber,
    state,
    reason,
    data,
  });
}

export async function audit(
  run: ShipmentsRun,
  order: { uniquifier: string; orderNumber: string },
  event: string,
  message: string,
  data?: unknown,
): Promise<void> {
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.orderNumber,
    event,
    message,
    ...(data === undefined ? {} : { data }),
  });
}
