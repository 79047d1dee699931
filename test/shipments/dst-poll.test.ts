import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { formatPacific } from '../../src/integrations/shipstation/pacific-time.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, sageOrder, sendOrders, ssOrder, type TestOrder } from './helpers.js';

const MINUTE = 60_000;

/**
 * V1 speaks Pacific wall-clock time without an offset. On 1 November 2026 the hour 01:00–02:00 happens twice
 * (PDT, then PST): a label every 6 minutes from 23:00 PDT to 03:30 PST, a poll every 6 minutes between them,
 * one clock for both simulators and the connector. Every label is found by the poll right after it — none
 * missed — and written once.
 */
describe('V1 polling across the end of daylight saving time (America/Los_Angeles)', () => {
  const clock = new ManualClock(Date.parse('2026-11-01T06:00:00Z'));
  let w: World;
  let orders: TestOrder[];
  beforeAll(async () => {
    w = await startWorld({ api: 'v1', clock });
    addItems(w);
    orders = Array.from({ length: 46 }, () => enterOrder(w, [['SH-A', 1]]));
    await sendOrders(w);
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('misses nothing and duplicates nothing', async () => {
    const seen: string[] = [];
    for (const o of orders) {
      await clock.advance(3 * MINUTE + 7_000);
      const label = w.ss.admin.createLabel(ssOrder(w, o.orderKey).orderId, {}) as {
        shipmentId: number;
        createDate: string;
      };
      seen.push(`${new Date(clock.now()).toISOString()} = ${formatPacific(new Date(clock.now()))} Pacific`);
      await clock.advance(3 * MINUTE - 7_000);
      const r = await runShipments(w.connector, w.connection);
      expect(r.status, JSON.stringify(r)).toBe('ran');
      // Found by the first poll after it was made (not later, not by luck of an overlap).
      const event = await w.app.store.shipmentEvents.get(w.connection.id, `v1:shipment:${label.shipmentId}`);
      expect(event?.state, `label ${label.shipmentId} made at ${seen.at(-1)} (V1 says ${label.createDate})`).toBe(
        'written',
      );
    }
    // The walk went through both 01:xx hours.
    expect(seen.filter((s) => s.includes(' 01:')).length).toBeGreaterThanOrEqual(16);
    for (const o of orders) {
      const sage = sageOrder(w, o.uniquifier);
      expect(sage.NumberOfShipments, o.number).toBe(1);
      expect(sage.OrderDetails[0]?.QuantityShippedtodate, o.number).toBe(1);
    }
    const events = await w.app.store.shipmentEvents.byState(w.connection.id, ['written', 'new', 'queued', 'conflict']);
    expect(events.filter((e) => e.state === 'written')).toHaveLength(orders.length);
    expect(events.filter((e) => e.state !== 'written')).toEqual([]);
  });
});
