import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_HASH_KIND } from '../../src/engine/inventory/level-key.js';
import { inventoryOutcome, runInventory } from '../../src/runtime/flows/inventory-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import { startWorld, type World } from '../helpers/world.js';
import { inventoryPosts, total } from './inventory-helpers.js';

describe('inventory flow under failures (both simulators)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300 });
    expect((await runReference(w.connector, w.connection)).status).toBe('ran');
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

  it('a mapped location ShipStation no longer has is skipped and the others are pushed; with none left the run fails and says which', async () => {
    const good = (await w.app.store.mappings.get(w.connection.id, 'inventory_location', '3'))!;
    const gone = { inventoryWarehouseId: 'se-0', inventoryLocationId: 'se-999999', name: 'Gone / Gone' };
    await w.app.store.mappings.set(w.connection.id, 'inventory_location', '3', 'mapped', gone, 'user');
    try {
      w.sage.admin.adjustStock({ item: 'A1-105/0', location: '1', quantity: 4 });
      w.sage.admin.adjustStock({ item: 'A1-105/0', location: '3', quantity: 4 });
      const before = total(inventoryPosts(w));
      const some = await runInventory(w.connector, w.connection);
      expect(inventoryOutcome(some)!.counts).toMatchObject({ stale_locations: 1, changed: 1, pushed: 1 });
      expect(total(inventoryPosts(w)) - before).toBe(1);

      const others = (await w.app.store.mappings.list(w.connection.id, 'inventory_location')).filter(
        (m) => m.sageValue !== '3',
      );
      for (const m of others)
        await w.app.store.mappings.set(w.connection.id, 'inventory_location', m.sageValue, 'skip', null, 'user');
      const none = await runInventory(w.connector, w.connection);
      expect(none.status).toBe('failed');
      expect(none.status === 'failed' && none.error.message).toContain(
        'Sage location 3 is mapped to Gone / Gone (se-999999), which ShipStation no longer has',
      );
      expect((await w.app.store.flows.get(w.connection.id, 'inventory')).lastStatus).toBe('failed');
      for (const m of others)
        await w.app.store.mappings.set(w.connection.id, 'inventory_location', m.sageValue, 'mapped', m.target, 'user');
    } finally {
      await w.app.store.mappings.set(w.connection.id, 'inventory_location', '3', 'mapped', good.target, 'user');
    }
    expect((await runInventory(w.connector, w.connection)).status).toBe('ran');
  });

  it('a location deleted in ShipStation during a push: after 25 refusals in a row the run stops, records none of them, and says why', async () => {
    const good = (await w.app.store.mappings.get(w.connection.id, 'inventory_location', '3'))!;
    const rt = await w.connector.runtime(w.connection);
    const warehouse = (good.target as { inventoryWarehouseId: string }).inventoryWarehouseId;
    const fresh = await rt.v2!.createInventoryLocation({ name: 'Overflow', inventory_warehouse_id: warehouse });
    const id = fresh.inventory_location_id;
    await w.app.store.mappings.set(
      w.connection.id,
      'inventory_location',
      '3',
      'mapped',
      { inventoryWarehouseId: warehouse, inventoryLocationId: id, name: 'Atlanta / Overflow' },
      'user',
    );
    try {
      let deleted: Promise<Response> | undefined;
      const before = total(inventoryPosts(w));
      const result = await runInventory(w.connector, w.connection, {
        onProgress: () => {
          deleted ??= fetch(`${w.ss.v2Url}/inventory_locations/${id}?remove_inventory=1`, {
            method: 'DELETE',
            headers: { 'api-key': DEMO_V2_KEY },
          });
        },
      });
      expect((await deleted)?.status).toBe(204);
      expect(result.status).toBe('failed');
      expect(result.status === 'failed' && result.error.message).toMatch(/failed 25 inventory updates in a row/);
      expect(total(inventoryPosts(w)) - before).toBeLessThan(200);
      const refused = inventoryPosts(w)['400'] ?? 0;
      expect(refused).toBeGreaterThanOrEqual(25);
      expect(refused).toBeLessThanOrEqual(25 + 3);
      const hashes = await w.app.store.hashes.getMany(w.connection.id, INVENTORY_HASH_KIND);
      const recordedThere = [...hashes.keys()].filter((k) => k.startsWith(`${id}|`)).length;
      expect(recordedThere).toBe(total(inventoryPosts(w)) - before - refused);
    } finally {
      await w.app.store.mappings.set(w.connection.id, 'inventory_location', '3', 'mapped', good.target, 'user');
    }
  });
});
