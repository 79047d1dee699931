import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import { type RunningService, startService } from '../../src/compose.js';
import { silentLogger } from '../../src/observability/logger.js';
import { startWorld, type World } from '../helpers/world.js';
import { inventoryPosts, total } from './inventory-helpers.js';

describe('inventory on the service scheduler (INVENTORY_POLL_SECONDS)', () => {
  let w: World;
  let app: App;
  let running: RunningService;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300 });
    app = await openApp({
      env: { ...w.env, PORT: '0', INVENTORY_POLL_SECONDS: '1' },
      logger: silentLogger(),
      notice: () => {},
    });
    // Every flow's jobs but the shipments one; no webhook intake, no dashboard.
    running = await startService(app, { webhooks: false, dashboard: false, skipJobs: ['shipments'] });
  });
  afterAll(async () => {
    await running?.stop();
    await app?.close();
    await w?.stop();
  });

  it('schedules a push and a nightly reconcile per connection; the push runs until ShipStation has every level', async () => {
    const keys = running.service.scheduler.list().map((j) => j.key);
    const id = w.connection.id;
    expect(keys).toEqual(
      expect.arrayContaining([`${id}:inventory`, `${id}:inventory-reconcile`, `${id}:reference-extras`]),
    );
    const reconcile = running.service.scheduler.list().find((j) => j.key === `${id}:inventory-reconcile`)!;
    expect(reconcile.nextAt).toBeGreaterThan(Date.now());
    // The reference pass maps the locations at start; the inventory run at start (or the next, a second
    // later) pushes the whole catalogue, then later runs find nothing changed.
    const deadline = Date.now() + 20_000;
    while (total(inventoryPosts(w)) < 600 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(total(inventoryPosts(w))).toBe(600);
    await new Promise((r) => setTimeout(r, 1500));
    const state = await app.store.flows.get(id, 'inventory');
    expect(state.lastStatus).toBe('ok');
    expect(state.lastCounts).toMatchObject({ changed: 0 });
    expect(total(inventoryPosts(w))).toBe(600);
  });
});
