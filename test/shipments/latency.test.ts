import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../helpers/world.js';
import { eventually, sageOrder, shippedToDate, ssOrder, type TestOrder } from './helpers.js';
import { buyLabel, type LabelWorld, startLabelWorld } from './label-world.js';

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

/** Label bought → the Sage order shows the shipment; milliseconds. */
async function timeToSage(w: World, api: 'v1' | 'v2', o: TestOrder, budgetMs: number): Promise<number> {
  const t0 = performance.now();
  await buyLabel(w, api, o);
  await eventually(
    () => sageOrder(w, o.uniquifier).NumberOfShipments,
    (n) => n >= 1,
    budgetMs,
    5,
  );
  return performance.now() - t0;
}

describe.each([
  { api: 'v1' as const, label: 'V1: SHIP_NOTIFY (+ V2 label_created_v2, same account)' },
  { api: 'v2' as const, label: 'V2 only: label_created_v2' },
])('a label reaches Sage ($label)', ({ api }) => {
  describe('with webhooks (delay 0)', () => {
    let world: LabelWorld;
    beforeAll(async () => {
      // Polls every 10 minutes: only the webhook can make it in time.
      const lines = (i: number): [string, number][] => [
        ['SH-A', 1 + (i % 3)],
        ['SH-B', 1],
      ];
      // 12 orders for labels and a 13th that a fulfilment provider ships.
      world = await startLabelWorld(api, { pollSeconds: 600, webhooks: true, orders: 13, lines });
    });
    afterAll(() => world?.stop());
    const labelled = () => world.orders.slice(0, 12);

    // The figure that matters is printed (p50/p95); what is asserted is what a load cannot change: every
    // label reaches Sage exactly once with polls 10 minutes apart, so the webhook did it.
    it('writes each label back through its webhook, exactly once (p50/p95 printed)', async () => {
      const { w, s } = world;
      const orders = labelled();
      expect(s.lines.join('\n')).toMatch(api === 'v1' ? /SHIP_NOTIFY: subscribed/ : /label_created_v2: subscribed/);
      const latencies: number[] = [];
      for (const o of orders) latencies.push(await timeToSage(w, api, o, 60_000));
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      console.log(
        `[${api}] label → Sage over webhooks, ${latencies.length} labels: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`,
      );
      expect(latencies).toHaveLength(orders.length);
      for (const o of orders) expect(sageOrder(w, o.uniquifier).NumberOfShipments).toBe(1);
    });

    // Both rows hear it on V2 (the connector subscribes FULFILLMENT_SHIPPED nowhere: V1 only has SHIP_NOTIFY).
    it('a fulfilment provider shipped an order: fulfillment_shipped_v2 writes the whole order back', async () => {
      const { w, s } = world;
      expect(s.lines.join('\n')).toMatch(/fulfillment_shipped_v2: subscribed/);
      const o = world.orders[12]!;
      w.ss.admin.providerShip(ssOrder(w, o.orderKey).orderId, { trackingNumber: 'PROVIDER-777' });
      await eventually(
        () => sageOrder(w, o.uniquifier).NumberOfShipments,
        (n) => n >= 1,
        30_000,
      );
      const sage = sageOrder(w, o.uniquifier);
      expect(sage.ShipmentTrackingNumber).toBe('PROVIDER-777');
      // A fulfilment lists no items: the whole order (SH-A 1, SH-B 1) ships.
      expect(shippedToDate(w, o.uniquifier)).toEqual({ 32: 1, 64: 1 });
      const deliveries = w.ss.admin.deliveries().filter((d) => d.event === 'fulfillment_shipped_v2');
      expect(deliveries.length).toBeGreaterThan(0);
    });
  });

  describe('with webhooks off', () => {
    const intervalS = 2;
    let world: LabelWorld;
    beforeAll(async () => {
      world = await startLabelWorld(api, {
        pollSeconds: intervalS,
        webhooks: false,
        orders: 2,
        lines: () => [['SH-C', 2]],
      });
    });
    afterAll(() => world?.stop());

    it('writes it back within one poll interval', async () => {
      const { w, orders } = world;
      const latencies: number[] = [];
      // Only a poll can find it (no webhooks); generous patience for a loaded machine, counts asserted below.
      for (const o of orders) latencies.push(await timeToSage(w, api, o, intervalS * 1000 * 5 + 10_000));
      console.log(
        `[${api}] label → Sage by polling every ${intervalS} s: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`,
      );
      for (const o of orders) expect(sageOrder(w, o.uniquifier).NumberOfShipments).toBe(1);
      const inbox = await w.app.store.inbox.counts(w.connection.id);
      expect(inbox).toEqual({});
    });
  });
});
