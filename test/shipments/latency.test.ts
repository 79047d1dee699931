import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../helpers/world.js';
import { eventually, sageOrder, type TestOrder } from './helpers.js';
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
      world = await startLabelWorld(api, { pollSeconds: 600, webhooks: true, orders: 12, lines });
    });
    afterAll(() => world?.stop());

    // The figure that matters is printed (p50/p95); what is asserted is what a load cannot change: every
    // label reaches Sage exactly once with polls 10 minutes apart, so the webhook did it.
    it('writes each label back through its webhook, exactly once (p50/p95 printed)', async () => {
      const { w, s, orders } = world;
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
