import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryProgress } from '../../src/engine/inventory/ports.js';
import { locationDetailSchema } from '../../src/integrations/sage300/schemas.js';
import { inventoryOutcome, runInventory } from '../../src/runtime/flows/inventory-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DATABASE_KINDS, postgresReachable } from '../helpers/databases.js';
import { startWorld, type World } from '../helpers/world.js';
import { inventoryPosts, mappedTargets, sageOnHand, shipStationOnHand, total } from './inventory-helpers.js';

/** A shortened rate window: the same 200-per-window arithmetic, so the demo push takes seconds. */
const WINDOW_MS = 300;

const pgOk = await postgresReachable();

// Each database with both keys, and SQLite with the V2 key alone (a plan without V1, issue 14).
const ROWS = [
  ...DATABASE_KINDS.map((db) => ({ db, apis: 'v1+v2' as const })),
  { db: 'sqlite' as const, apis: 'v2' as const },
];

describe.each(ROWS)('inventory flow: Sage 300 stock → ShipStation V2 (both simulators, $db, $apis)', ({ db, apis }) => {
  if (db === 'postgres' && !pgOk) return;
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: WINDOW_MS, db, v2Only: apis === 'v2' });
    const ref = await runReference(w.connector, w.connection);
    expect(ref.status).toBe('ran');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('first push: every SKU × 3 locations with progress and an estimate, no 429, on_hand = QuantityOnHand', async () => {
    const targets = await mappedTargets(w);
    expect(targets.map((t) => t.sageLocation).sort()).toEqual(['1', '2', '3']);
    const progress: InventoryProgress[] = [];
    const result = await runInventory(w.connector, w.connection, { onProgress: (p) => progress.push(p) });
    expect(result.status, JSON.stringify(result)).toBe('ran');
    const counts = inventoryOutcome(result)!.counts;
    const sage = await sageOnHand(w);
    expect(sage.size).toBe(600);
    expect(counts).toMatchObject({
      sage_records: 600,
      levels: 600,
      changed: 600,
      pushed: 600,
      failed: 0,
      first_push_locations: 3,
    });
    expect(total(inventoryPosts(w))).toBe(600);
    expect(inventoryPosts(w)['204']).toBe(600);
    expect(w.ss.stats.snapshot().rateLimited).toBe(0);

    // Progress: a first push, counted up to its total, with a time estimate along the way.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p.first === true && p.total === 600)).toBe(true);
    expect(progress.at(-1)!.done).toBe(600);
    expect(progress.some((p) => p.done < 600 && (p.etaMs ?? 0) > 0)).toBe(true);

    const shown = await shipStationOnHand(w, targets);
    expect(shown.size).toBe(600);
    for (const t of targets) {
      for (const [key, onHand] of sage) {
        const [location, item] = key.split('|') as [string, string];
        if (location !== t.sageLocation) continue;
        expect(shown.get(`${t.inventoryLocationId}|${item}`), `${item} at ${location}`).toBe(
          Math.max(0, Math.floor(onHand)),
        );
      }
    }
    const state = await w.app.store.flows.get(w.connection.id, 'inventory');
    expect(state).toMatchObject({ lastStatus: 'ok', lastError: null });
    // The V2 key alone really means V2 alone: not one request reached V1 (reference included).
    if (apis === 'v2') expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
  });

  it('after 25 quantity changes in Sage (shipments, receipts, adjustments) the next run makes exactly 25 POSTs', async () => {
    const items = [...(await sageOnHand(w)).keys()].filter((k) => k.startsWith('1|')).map((k) => k.slice(2));
    const before = total(inventoryPosts(w));
    // 5 shipments: a one-line order entered and shipped at the desktop lowers on-hand at its location.
    for (let i = 0; i < 5; i++) {
      const location = String((i % 3) + 1);
      const order = w.sage.admin.createOrder({
        customerNumber: '1400',
        shipViaCode: 'UPSGND',
        lines: [{ item: items[i]!, quantity: 2, location }],
      });
      w.sage.admin.ship(String(order['OrderNumber']), {});
    }
    // 10 receipts and 10 adjustments (a write-off), each on a different item and location.
    for (let i = 5; i < 15; i++)
      w.sage.admin.adjustStock({ item: items[i]!, location: String((i % 3) + 1), quantity: 12, kind: 'receipt' });
    for (let i = 15; i < 25; i++)
      w.sage.admin.adjustStock({ item: items[i]!, location: String((i % 3) + 1), quantity: -3, kind: 'adjustment' });

    const result = await runInventory(w.connector, w.connection);
    expect(result.status, JSON.stringify(result)).toBe('ran');
    expect(inventoryOutcome(result)!.counts).toMatchObject({
      changed: 25,
      pushed: 25,
      failed: 0,
      first_push_locations: 0,
    });
    expect(total(inventoryPosts(w)) - before).toBe(25);

    const reconcile = await runInventory(w.connector, w.connection, { mode: 'reconcile' });
    const report = inventoryOutcome(reconcile)!.report!;
    expect(report.checked).toBe(600);
    expect(report.drift).toEqual([]);
    expect(w.ss.stats.snapshot().rateLimited).toBe(0);

    // A run with nothing changed sends nothing.
    const again = await runInventory(w.connector, w.connection);
    expect(inventoryOutcome(again)!.counts).toMatchObject({ changed: 0, pushed: 0 });
    expect(total(inventoryPosts(w)) - before).toBe(25);
  });

  it("with INVENTORY_QUANTITY=available (connection setting) sends Sage's available quantity: exactly the levels with stock committed", async () => {
    const rt = await w.connector.runtime(w.connection);
    const rows = await rt.sageClient.listAll('IC', 'ICLocationDetails', { schema: locationDetailSchema });
    const whole = (n: number) => Math.max(0, Math.floor(n));
    const differing = rows.filter((r) => whole(r.QuantityAvailableToShip ?? 0) !== whole(r.QuantityOnHand ?? 0));
    expect(differing.length).toBeGreaterThan(0);
    await w.app.store.connections.updateSettings(w.connection.id, {
      ...w.connection.settings,
      inventoryQuantity: 'available',
    });
    const connection = await w.refresh();
    const before = total(inventoryPosts(w));
    const result = await runInventory(w.connector, connection);
    expect(inventoryOutcome(result)!.counts).toMatchObject({ changed: differing.length, pushed: differing.length });
    expect(total(inventoryPosts(w)) - before).toBe(differing.length);
    const targets = await mappedTargets(w);
    const shown = await shipStationOnHand(w, targets);
    for (const r of differing) {
      const t = targets.find((x) => x.sageLocation === r.Location)!;
      expect(shown.get(`${t.inventoryLocationId}|${r.ItemNumber}`)).toBe(whole(r.QuantityAvailableToShip ?? 0));
    }
    await w.app.store.connections.updateSettings(w.connection.id, w.connection.settings);
  });
});
