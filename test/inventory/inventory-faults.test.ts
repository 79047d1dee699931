import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_HASH_KIND } from '../../src/engine/inventory/level-key.js';
import { inventoryOutcome, runInventory } from '../../src/runtime/inventory-runner.js';
import { startWorld, type World } from '../helpers/world.js';
import { inventoryPosts, total } from './inventory-helpers.js';

describe('inventory flow under failures (both simulators)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300 });
    expect((await w.connector.runReference(w.connection)).status).toBe('ran');
  });
  afterAll(async () => {
    await w?.stop();
  });

  const recorded = async () => (await w.app.store.hashes.getMany(w.connection.id, INVENTORY_HASH_KIND)).size;
  const drift = async () =>
    inventoryOutcome(await runInventory(w.connector, w.connection, { mode: 'reconcile' }))!.report!;

  it('an interrupted first push resumes where it stopped: only the rest is sent', async () => {
    const controller = new AbortController();
    const stopped = await runInventory(w.connector, w.connection, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 150) controller.abort(new Error('stop'));
      },
    });
    expect(stopped.status).toBe('failed');
    const kept = await recorded();
    expect(kept).toBeGreaterThanOrEqual(150);
    expect(kept).toBeLessThan(600);

    const rest = await runInventory(w.connector, w.connection);
    const counts = inventoryOutcome(rest)!.counts;
    expect(counts).toMatchObject({ pushed: counts['changed'], failed: 0 });
    // A level sent but not recorded at a location never pushed to before is found in ShipStation's baseline.
    expect(counts['changed']! + counts['already_in_step']!).toBe(600 - kept);
    expect(counts['already_in_step']).toBeLessThanOrEqual(4);
    // Sent twice at most: what was in flight when it stopped (it may have reached ShipStation unrecorded).
    expect(total(inventoryPosts(w)) - 600).toBeGreaterThanOrEqual(0);
    expect(total(inventoryPosts(w)) - 600).toBeLessThanOrEqual(4);
    expect((await drift()).drift).toEqual([]);
  });

  it('5xx answers and lost answers are sent again (an adjust is idempotent); nothing is lost, nothing doubled', async () => {
    const items = [...new Set((await w.app.store.hashes.getMany(w.connection.id, INVENTORY_HASH_KIND)).keys())]
      .map((k) => k.split('|')[1]!)
      .filter((s, i, all) => all.indexOf(s) === i)
      .slice(0, 30);
    for (const [i, item] of items.entries())
      w.sage.admin.adjustStock({ item, location: String((i % 3) + 1), quantity: 7 });
    w.ss.admin.setFaults({
      errors: [{ api: 'v2', method: 'POST', route: '/v2/inventory', rate: 0.2, status: 503 }],
      timeouts: [{ api: 'v2', method: 'POST', route: '/v2/inventory', count: 2, holdMs: 20, phase: 'after' }],
    });
    try {
      const result = await runInventory(w.connector, w.connection);
      expect(inventoryOutcome(result)!.counts).toMatchObject({ changed: 30, pushed: 30, failed: 0 });
    } finally {
      w.ss.admin.clearFaults();
    }
    expect(inventoryPosts(w)['503']).toBeGreaterThan(0);
    expect((await drift()).drift).toEqual([]);
  });

  it('a location ShipStation refuses: after 25 refusals in a row the run stops, records none of them, and says why', async () => {
    const good = await w.app.store.mappings.get(w.connection.id, 'inventory_location', '3');
    await w.app.store.mappings.set(
      w.connection.id,
      'inventory_location',
      '3',
      'mapped',
      { inventoryWarehouseId: 'se-0', inventoryLocationId: 'se-999999', name: 'Gone / Gone' },
      'user',
    );
    try {
      const before = total(inventoryPosts(w));
      const result = await runInventory(w.connector, w.connection);
      expect(result.status).toBe('failed');
      expect(result.status === 'failed' && result.error.message).toMatch(/failed 25 inventory updates in a row/);
      const hashes = await w.app.store.hashes.getMany(w.connection.id, INVENTORY_HASH_KIND);
      expect([...hashes.keys()].some((k) => k.startsWith('se-999999|'))).toBe(false);
      expect(total(inventoryPosts(w)) - before).toBeLessThanOrEqual(25 + 4);
      const state = await w.app.store.flows.get(w.connection.id, 'inventory');
      expect(state.lastStatus).toBe('failed');
      const audit = await w.app.store.audit.forRecord(w.connection.id, 'inventory', 'A1-105/0@se-999999');
      expect(audit.at(-1)?.event).toBe('inventory_failed');
    } finally {
      await w.app.store.mappings.set(w.connection.id, 'inventory_location', '3', 'mapped', good!.target, 'user');
    }
  });
});
