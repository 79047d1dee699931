import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../helpers/world.js';
import { eventually, sageOrder, type TestOrder } from './helpers.js';
import { buyLabel, startLabelWorld } from './label-world.js';
import type { RunningService } from './service.js';

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
    let w: World;
    let s: RunningService;
    let orders: TestOrder[];
    beforeAll(async () => {
      // Polls every 10 minutes: only the webhook can make it in time.
      const lines = (i: number): [string, number][] => [
        ['SH-A', 1 + (i % 3)],
        ['SH-B', 1],
      ];
      ({ w, s, orders } = await startLabelWorld(api, { pollSeconds: 600, webhooks: true, orders: 12, lines }));
    });
    afterAll(async () => {
      await s?.stop();
      await w?.stop();
    });

    it('writes it back within seconds of the delivery: p95 under 2 s', async () => {
      expect(s.lines.join('\n')).toMatch(api === 'v1' ? /SHIP_NOTIFY: subscribed/ : /label_created_v2: subscribed/);
      const latencies: number[] = [];
      for (const o of orders) latencies.push(await timeToSage(w, api, o, 10_000));
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      console.log(
        `[${api}] label → Sage over webhooks, ${latencies.length} labels: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`,
      );
      expect(p95).toBeLessThan(2000);
      for (const o of orders) expect(sageOrder(w, o.uniquifier).NumberOfShipments).toBe(1);
    });
  });

  describe('with webhooks off', () => {
    const intervalS = 2;
    let w: World;
    let s: RunningService;
    let orders: TestOrder[];
    beforeAll(async () => {
      const options = {
        pollSeconds: intervalS,
        webhooks: false,
        orders: 2,
        lines: (): [string, number][] => [['SH-C', 2]],
      };
      ({ w, s, orders } = await startLabelWorld(api, options));
    });
    afterAll(async () => {
      await s?.stop();
      await w?.stop();
    });

    it('writes it back within one poll interval', async () => {
      const latencies: number[] = [];
      for (const o of orders) latencies.push(await timeToSage(w, api, o, intervalS * 1000 + 3000));
      console.log(
        `[${api}] label → Sage by polling every ${intervalS} s: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`,
      );
      // One interval, plus the pass itself (a poll and the write) on a loaded 2-core machine.
      for (const l of latencies) expect(l).toBeLessThan(intervalS * 1000 + 1500);
      const inbox = await w.app.store.inbox.counts(w.connection.id);
      expect(inbox).toEqual({});
    });
  });
});
