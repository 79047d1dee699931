import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import { type RunningService as Composed, startService } from '../../src/compose.js';
import { silentLogger } from '../../src/observability/logger.js';
import { ensureWebhookSubscriptions } from '../../src/runtime/webhook-subscriptions.js';
import { postgresReachable } from '../helpers/databases.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, eventually, sageOrder, sendOrders, type TestOrder } from './helpers.js';
import { buyLabel } from './label-world.js';
import { SHIPMENTS_ONLY } from './service.js';

const pgOk = await postgresReachable();
/** How long the slow poll's request is held: worker B's shipments pass runs at least this long. */
const SLOW_MS = 8000;

/**
 * Issue 15 point 2: webhook intake works on any worker and wakes the right pass wherever it runs. Worker B runs
 * the connection's shipments pass (a slow first poll); the label's webhook is delivered to worker A, which
 * stores it in the inbox and asks for the shipments job — held by B, so A runs nothing; B's running pass
 * reads the inbox (its webhook lane) and writes the label back to Sage before its poll ends, once.
 */
describe.skipIf(!pgOk)('a webhook delivered to a worker that does not run the pass', () => {
  let w: World;
  let appA: App;
  let a: Composed;
  let b: Composed;
  let order: TestOrder;
  beforeAll(async () => {
    const env = {
      PORT: '0',
      SHIPMENTS_POLL_SECONDS: '600',
      SHIPSTATION_TIMEOUT_SECONDS: '120',
      WORKER_POLL_MS: '200',
    };
    w = await startWorld({ db: 'postgres', api: 'v1', env });
    addItems(w);
    order = enterOrder(w, [['SH-A', 1]]);
    await sendOrders(w);
    w.ss.admin.setFaults({ latency: [{ api: 'v1', method: 'GET', route: '/^\\/orders$/', ms: SLOW_MS }] });
    b = await startService(w.app, { dashboard: false, skipJobs: SHIPMENTS_ONLY, workerId: 'host-b:2:b' });
    await eventually(
      async () => (await w.app.store.flows.get(w.connection.id, 'shipments'))?.lastStatus,
      (state) => state === 'running',
      30_000,
    );
    appA = await openApp({ env: w.env, logger: silentLogger(), notice: () => {} });
    a = await startService(appA, { dashboard: false, skipJobs: SHIPMENTS_ONLY, workerId: 'host-a:1:a' });
    // ShipStation delivers to worker A only.
    await ensureWebhookSubscriptions(a.service.connector, w.connection, { publicUrl: a.servers.publicUrl });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await appA?.close();
    await w?.stop();
  }, 120_000);

  it("worker B's running pass writes the label back before its poll ends; worker A runs no shipments pass", async () => {
    const id = w.connection.id;
    const cursor = async () => (await w.app.store.cursors.get(id, 'shipments', 'poll:v1')) ?? null;
    await buyLabel(w, 'v1', order);
    await eventually(
      () => sageOrder(w, order.uniquifier).NumberOfShipments,
      (n) => n >= 1,
      SLOW_MS * 3,
    );
    // Written back while B's first pass still runs (its poll cursor not saved yet), and by B's pass only.
    expect(await cursor()).toBeNull();
    const runs = await w.app.store.flowRuns.list({ connectionId: id, flow: 'shipments' });
    expect(runs.map((r) => [r.holder.split('/')[0], r.result])).toEqual([['host-b:2:b', 'running']]);
    await eventually(cursor, (c) => c !== null, SLOW_MS * 4);
    expect(sageOrder(w, order.uniquifier).NumberOfShipments).toBe(1);
    const events = await w.app.store.shipmentEvents.forOrderKeys(id, [order.orderKey]);
    expect(events.filter((e) => e.kind === 'label').map((e) => e.state)).toEqual(['written']);
  });
});
