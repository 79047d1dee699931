import { afterEach, describe, expect, it } from 'vitest';
import { inventoryOutcome, runInventory } from '../../src/runtime/flows/inventory-flow.js';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference, runReferencePart } from '../../src/runtime/flows/reference-flow.js';
import { startWorld, type World } from '../helpers/world.js';
import { killInWriteWindow } from './write-window.js';

let w: World | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const route = (w: World, key: string) =>
  Object.values(w.ss.stats.snapshot().byRoute[key] ?? {}).reduce((a, b) => a + b, 0);

describe('killed inside the other writes (SQLite)', () => {
  it('V2 POST /v2/inventory applied, answer never heard: after the restart every level equals Sage', async () => {
    w = await startWorld({ rateWindowMs: 300, env: { FLOW_LEASE_SECONDS: '2' } });
    expect((await runReference(w.connector, w.connection)).status).toBe('ran');
    const world = w;
    const { held } = await killInWriteWindow(w, {
      job: 'inventory',
      held: w.ss.admin.heldAnswers(),
      arm: () => world.ss.admin.setFaults({ holdAnswers: [{ api: 'v2', method: 'POST', route: '/^/v2/inventory$/' }] }),
      disarm: () => world.ss.admin.clearFaults('holdAnswers'),
    });
    expect(held).toMatchObject({ api: 'v2', method: 'POST', path: '/v2/inventory' });
    const check = inventoryOutcome(await runInventory(w.connector, w.connection, { mode: 'reconcile' }))?.report;
    expect(check?.checked).toBe(600);
    expect(check?.drift).toEqual([]);
    console.log(`POST ${held.path}: killed in the window; ${check?.checked} levels equal to Sage's`);
  });

  it('Sage POST OEShipViaCodes applied, answer never heard: after the restart each service has one ship-via', async () => {
    w = await startWorld({ rateWindowMs: 300, api: 'v1', env: { FLOW_LEASE_SECONDS: '2' } });
    expect((await runReference(w.connector, w.connection)).status).toBe('ran');
    const world = w;
    let rule = 0;
    const { held } = await killInWriteWindow(w, {
      job: 'ship-vias',
      held: w.sage.held,
      arm: () => {
        rule = world.sage.faults.add({ kind: 'holdAnswer', path: 'OE/OEShipViaCodes', method: 'POST', count: 1 }).id;
      },
      disarm: () => world.sage.faults.remove(rule),
    });
    expect(held).toMatchObject({ api: 'sage300', method: 'POST', path: 'OE/OEShipViaCodes' });
    const rt = await w.connector.runtime(w.connection);
    const made = (await rt.sage.shipVias()).filter((v) => v.name.endsWith('via ShipStation'));
    // The four services without a Sage code, each given exactly one (a second create would need a new code).
    expect(made).toHaveLength(4);
    expect(new Set(made.map((v) => v.name)).size).toBe(4);
    expect(w.sage.stats.snapshot().byRoute['POST OE/OEShipViaCodes']).toBe(4);
    for (const v of made) {
      expect(await w.app.store.mappings.get(w.connection.id, 'ship_via', v.code), v.code).toMatchObject({
        status: 'mapped',
      });
    }
    console.log(`POST ${held.path}: killed in the window; ${made.length} ship-vias, one per service`);
  });

  it('V1 PUT /products/{id} applied, answer never heard: after the restart the product is in step with Sage', async () => {
    w = await startWorld({ rateWindowMs: 300, api: 'v1', env: { FLOW_LEASE_SECONDS: '2' } });
    expect((await runReference(w.connector, w.connection)).status).toBe('ran');
    expect((await runOrders(w.connector, w.connection, 'new')).status).toBe('ran');
    expect((await runReferencePart(w.connector, w.connection, 'products')).status).toBe('ran');
    const rt = await w.connector.runtime(w.connection);
    const product = (await rt.v1!.listProducts({ sku: 'A1-105/0' }).toArray())[0]!;
    const item = (await rt.sage.getItems(['A11050']).then((m) => m.get('A11050')))!;
    await rt.v1!.updateProduct({ ...product, name: 'Lamp (renamed by staff)', warehouseLocation: 'Aisle 7' });
    const puts = route(w, 'v1 PUT /products/:id');
    const world = w;
    const { held } = await killInWriteWindow(w, {
      job: 'products',
      held: w.ss.admin.heldAnswers(),
      arm: () => world.ss.admin.setFaults({ holdAnswers: [{ api: 'v1', method: 'PUT', route: '/products/' }] }),
      disarm: () => world.ss.admin.clearFaults('holdAnswers'),
    });
    expect(held).toMatchObject({ api: 'v1', method: 'PUT' });
    const after = await rt.v1!.getProduct(product.productId);
    expect(after.name).toBe(item.description);
    expect(after.warehouseLocation).toBe('Aisle 7');
    // The held PUT and at most its repeat after the restart (a full replace: repeating it is harmless).
    expect(route(w, 'v1 PUT /products/:id') - puts).toBeLessThanOrEqual(2);
    console.log(`PUT ${held.path}: killed in the window; the product is in step with its Sage item`);
  });

  it.each([
    ['v1', 'POST', '/webhooks/subscribe'],
    ['v2', 'POST', '/v2/environment/webhooks'],
  ] as const)(
    '%s %s %s applied, answer never heard: after the restart one subscription per event',
    async (api, method, path) => {
      w = await startWorld({ rateWindowMs: 300, api: 'v1', env: { PUBLIC_URL: 'http://127.0.0.1:9/' } });
      const world = w;
      const { held } = await killInWriteWindow(w, {
        job: 'webhooks',
        held: w.ss.admin.heldAnswers(),
        arm: () => world.ss.admin.setFaults({ holdAnswers: [{ api, method, route: path }] }),
        disarm: () => world.ss.admin.clearFaults('holdAnswers'),
      });
      expect(held).toMatchObject({ api, method, path });
      const ours = w.ss.admin.listWebhooks().filter((h) => h.owner === 'connector');
      const events = ours.map((h) => `${h.api} ${h.event}`);
      expect(new Set(events).size, events.join(', ')).toBe(events.length);
      expect(events.sort()).toEqual(['v1 SHIP_NOTIFY', 'v2 fulfillment_shipped_v2', 'v2 label_created_v2']);
      console.log(`${method} ${held.path}: killed in the window; subscriptions: ${events.join(', ')}`);
    },
  );
});
