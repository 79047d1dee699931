import { afterAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { postgresReachable } from '../helpers/databases.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

const pgOk = await postgresReachable();

describe.each([
  ['v1', 'sqlite'],
  ['v2', 'sqlite'],
  ['v1', 'postgres'],
  ['v2', 'postgres'],
] as const)('1,000 Sage orders through ShipStation %s on %s', (api, db) => {
  const worlds: World[] = [];
  afterAll(async () => {
    for (const w of worlds) await w.stop();
  });

  it.skipIf(db === 'postgres' && !pgOk)('become exactly 1,000 ShipStation orders, in few requests', async () => {
    const w = await startWorld({ api, db, sage: { seed: 'demo', pageSize: 100 } });
    worlds.push(w);
    expect((await runReference(w.connector, w.connection)).status).toBe('ran');
    // Go-live first (the demo's own open orders), then 1,000 new orders in one backlog.
    expect((await runOrders(w.connector, w.connection, 'new')).status).toBe('ran');
    const before = new Set(w.ss.admin.listOrders().map((o) => String(o['orderKey'])));
    const numbers = enterOrders(w.sage, 1000);
    w.ss.admin.resetStats();
    const run = await runOrders(w.connector, w.connection, 'new');
    expect(run.status, JSON.stringify(run)).toBe('ran');
    const stats = w.ss.admin.stats();
    const orders = w.ss.admin.listOrders().filter((o) => !before.has(String(o['orderKey'])));
    const keys = orders.map((o) => String(o['orderKey']));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(numbers.map((n) => `SAMINC-${n}-1`).sort());
    // A second pass finds nothing to do and creates nothing.
    const again = await runOrders(w.connector, w.connection, 'new');
    expect(again.status).toBe('ran');
    expect(w.ss.admin.listOrders().filter((o) => !before.has(String(o['orderKey'])))).toHaveLength(1000);
    const byRoute = JSON.stringify(stats);
    const calls =
      api === 'v1' ? countRoute(stats, 'POST', '/orders/createorders') : countRoute(stats, 'POST', '/v2/shipments');
    expect(calls, byRoute).toBeGreaterThanOrEqual(10);
    expect(calls, byRoute).toBeLessThanOrEqual(Math.ceil(1000 / 100) + 3);
    expect(stats.rateLimited, byRoute).toBe(0);
    expect(w.sage.stats.snapshot().total).toBeGreaterThan(0);
  });
});

/** Requests the ShipStation simulator counted for one route (keys like "v1 POST /orders/createorders"). */
function countRoute(stats: { byRoute: Record<string, Record<string, number>> }, method: string, path: string): number {
  let n = 0;
  for (const [route, byStatus] of Object.entries(stats.byRoute)) {
    const [, m, p] = route.split(' ');
    if (m === method && (p === path || p === path.replace(/^\/v2/, '')))
      n += Object.values(byStatus).reduce((a, b) => a + b, 0);
  }
  return n;
}
