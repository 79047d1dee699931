import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, eventually, sageOrder, sendOrders, type TestOrder } from './helpers.js';
import { buyLabel } from './label-world.js';
import { type RunningService, startService } from './service.js';

/** How long the first poll's slow request is held: the poll runs for at least this long (issue 12, point 6). */
const SLOW_MS = 30_000;

/**
 * A webhook never waits behind a poll: the first shipments pass of the service polls a 3-day look-back, and
 * the simulator holds its last list (the safety net's shipped orders, which only the poll reads) for 30 s.
 * A label bought meanwhile must reach Sage while that poll still runs — asserted on the order of events
 * (the poll's cursor is not saved yet, the pass still running), not on a time — and exactly once.
 */
describe.each([
  { api: 'v1' as const, slowRoute: '/^\\/orders$/' },
  { api: 'v2' as const, slowRoute: '/^\\/v2\\/shipments$/' },
])('a webhook during a slow first poll ($api)', ({ api, slowRoute }) => {
  let w: World;
  let s: RunningService;
  let order: TestOrder;
  beforeAll(async () => {
    const env = { PORT: '0', SHIPMENTS_POLL_SECONDS: '600', SHIPSTATION_TIMEOUT_SECONDS: '120' };
    w = await startWorld(api === 'v1' ? { api: 'v1', env } : { v2Only: true, env });
    addItems(w);
    order = enterOrder(w, [
      ['SH-A', 2],
      ['SH-B', 1],
    ]);
    await sendOrders(w);
    w.ss.admin.setFaults({ latency: [{ api, method: 'GET', route: slowRoute, ms: SLOW_MS }] });
    s = await startService(w, { webhooks: true });
  });
  afterAll(async () => {
    await s?.stop();
    await w?.stop();
  });

  it('writes the label back to Sage before the poll ends, and once only', async () => {
    const id = w.connection.id;
    const cursor = async () => (await w.app.store.cursors.get(id, 'shipments', `poll:${api}`)) ?? null;
    const started = Date.now();
    await eventually(
      async () => (await w.app.store.flows.get(id, 'shipments'))?.lastStatus,
      (state) => state === 'running',
      30_000,
    );
    expect(await cursor()).toBeNull();

    await buyLabel(w, api, order);
    await eventually(
      () => sageOrder(w, order.uniquifier).NumberOfShipments,
      (n) => n >= 1,
      SLOW_MS,
    );
    // The write-back is in Sage and the poll has not finished: no cursor yet, the first pass still running.
    expect(await cursor()).toBeNull();
    expect((await w.app.store.flows.get(id, 'shipments'))?.lastStatus).toBe('running');

    // Then the slow poll ends (it finds the same label) and nothing is written twice.
    await eventually(cursor, (c) => c !== null, SLOW_MS * 3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS);
    await eventually(
      async () => (await w.app.store.flows.get(id, 'shipments'))?.lastStatus,
      (state) => state !== 'running',
      30_000,
    );
    expect(sageOrder(w, order.uniquifier).NumberOfShipments).toBe(1);
    const events = await w.app.store.shipmentEvents.forOrderKeys(id, [order.orderKey]);
    const labels = events.filter((e) => e.kind === 'label');
    expect(labels.map((e) => e.state)).toEqual(['written']);
    const intents = await w.app.store.intents.forSource(id, labels[0]!.sourceId);
    expect(intents.filter((i) => i.state === 'applied')).toHaveLength(1);
  });
});
