import type { App } from '../../../app.js';

/** Audit events counted as "an order went out": ShipStation accepted it (not the attempt before the push). */
export const ORDERS_OUT_EVENTS = ['acknowledged'];
/** Audit events counted as "a shipment came back": the shipments flow wrote it to Sage 300 (or confirmed it did). */
export const SHIPMENTS_BACK_EVENTS = ['shipment_written', 'write_confirmed'];

export interface HourBucket {
  /** Start of the hour, epoch ms (UTC). */
  hour: number;
  ordersOut: number;
  shipmentsBack: number;
}

const HOUR = 3_600_000;

/** The last 24 hours, one bucket per hour (the current hour last), from the audit trail. */
export async function last24Hours(app: App, connectionId?: number): Promise<HourBucket[]> {
  const now = app.clock.now();
  const first = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
  const rows = await app.store.audit.hourlyCounts(
    connectionId,
    [...ORDERS_OUT_EVENTS, ...SHIPMENTS_BACK_EVENTS],
    new Date(first).toISOString(),
  );
  const buckets: HourBucket[] = Array.from({ length: 24 }, (_, i) => ({
    hour: first + i * HOUR,
    ordersOut: 0,
    shipmentsBack: 0,
  }));
  for (const r of rows) {
    // `hour` is the ISO text up to the hour: 2026-11-26T14
    const at = Date.parse(`${r.hour}:00:00.000Z`);
    const bucket = buckets[Math.round((at - first) / HOUR)];
    if (!bucket) continue;
    if (ORDERS_OUT_EVENTS.includes(r.event)) bucket.ordersOut += r.count;
    else bucket.shipmentsBack += r.count;
  }
  return buckets;
}
