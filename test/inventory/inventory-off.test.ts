import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSage300, connectShipStation } from '../../src/connections/connect.js';
import type { Connection } from '../../src/domain/connection.js';
import { NEEDS } from '../../src/engine/inventory/availability.js';
import { inventoryOutcome, runInventory } from '../../src/runtime/flows/inventory-flow.js';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { DEMO_SAGE_PASSWORD, DEMO_SAGE_USER, DEMO_V1_KEY, DEMO_V1_SECRET } from '../../src/simulators/demo-world.js';
import { startWorld, type World } from '../helpers/world.js';
import { inventoryPosts, total } from './inventory-helpers.js';

describe('inventory flow off: a V1-only connection', () => {
  let w: World;
  let v1only: Connection;
  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300 });
    // A second connection of the same install: same Sage company, ShipStation through V1 credentials only.
    await connectSage300(w.app.store, {
      name: 'v1only',
      url: w.sage.baseUrl,
      user: DEMO_SAGE_USER,
      password: DEMO_SAGE_PASSWORD,
      source: 'cli',
    });
    v1only = (
      await connectShipStation(w.app.store, {
        name: 'v1only',
        apiKey: DEMO_V1_KEY,
        apiSecret: DEMO_V1_SECRET,
        v1Url: w.ss.origin,
        v2Url: w.ss.v2Url,
        source: 'cli',
      })
    ).connection;
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('reports itself off with the reason each run, visibly in flow state, without failing; orders and shipments still run', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runInventory(w.connector, v1only);
      expect(result.status).toBe('ran');
      const outcome = inventoryOutcome(result)!;
      expect(outcome.off).toContain(NEEDS);
      expect(outcome.off).toContain('needs a V2 API key and the Inventory add-on');
      expect(outcome.counts).toEqual({ off: 1 });
      const state = await w.app.store.flows.get(v1only.id, 'inventory');
      expect(state.lastStatus).toBe('off');
      expect(state.lastError).toContain('needs a V2 API key and the Inventory add-on');
      expect(state.lastSuccessAt).not.toBeNull();
    }
    expect(total(inventoryPosts(w))).toBe(0);
    expect(w.ss.stats.snapshot().byApi.v2).toBe(0);

    const ref = await runReference(w.connector, v1only);
    expect(ref.status).toBe('ran');
    const orders = await runOrders(w.connector, v1only, 'new');
    expect(orders.status, JSON.stringify(orders)).toBe('ran');
    expect(w.ss.admin.listOrders().length).toBeGreaterThan(20);
    const shipments = await runShipments(w.connector, v1only);
    expect(shipments.status).toBe('ran');
    // The flow state of orders is untouched by inventory's "off".
    expect((await w.app.store.flows.get(v1only.id, 'orders')).lastStatus).toBe('ok');
  });

  it('a dry run reports the reason too but records nothing', async () => {
    const before = await w.app.store.flows.get(w.connection.id, 'inventory');
    const result = await runInventory(w.connector, w.connection, { dryRun: true });
    // The V2 connection has no mapping yet (its reference pass has not run): off, for that reason.
    expect(inventoryOutcome(result)!.off).toContain('no Sage location is mapped to a ShipStation inventory location');
    expect(await w.app.store.flows.get(w.connection.id, 'inventory')).toEqual(before);
  });
});

// With a V1 key beside it, and alone (a plan without V1, issue 14).
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])(
  'inventory flow off: a V2 key without the Inventory add-on ($apis)',
  ({ apis }) => {
    let w: World;
    beforeAll(async () => {
      w = await startWorld({ rateWindowMs: 300, shipstation: { inventoryEnabled: false }, v2Only: apis === 'v2' });
      await runReference(w.connector, w.connection);
    });
    afterAll(async () => {
      await w?.stop();
    });

    it('says the add-on is missing and sends nothing', async () => {
      const result = await runInventory(w.connector, w.connection);
      expect(result.status).toBe('ran');
      const off = inventoryOutcome(result)!.off;
      expect(off).toContain(NEEDS);
      expect(off).toContain('Inventory add-on is not enabled');
      expect((await w.app.store.flows.get(w.connection.id, 'inventory')).lastStatus).toBe('off');
      expect(total(inventoryPosts(w))).toBe(0);
      if (apis === 'v2') expect(w.ss.stats.snapshot().byApi.v1).toBe(0);
    });
  },
);
