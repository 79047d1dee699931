import { afterEach, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { postgresReachable } from '../helpers/databases.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';
import { killInWriteWindow } from './write-window.js';

const pg = await postgresReachable();
const databases = pg ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

/** Every order of `numbers` exactly once in ShipStation, and no order key twice at all. */
function ordersOnce(w: World, numbers: readonly string[]): void {
  const keys = w.ss.admin.listOrders().map((o) => String(o['orderKey']));
  expect(new Set(keys).size, 'an order key twice in ShipStation').toBe(keys.length);
  for (const n of numbers) expect(keys.filter((k) => k === `SAMINC-${n}-1`).length, n).toBe(1);
}

let w: World | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe.each(databases)('killed inside the create write (%s)', (db) => {
  it.each([
    ['v1', 'POST', '/orders/createorders'],
    ['v2', 'POST', '/^/v2/shipments$/'],
  ] as const)(
    '%s %s %s: applied, answer never heard; after the restart every order is in ShipStation once',
    async (api, method, route) => {
      w = await startWorld({ api, db, env: { FLOW_LEASE_SECONDS: '2' } });
      await runReference(w.connector, w.connection);
      await runOrders(w.connector, w.connection, 'new');
      const numbers = enterOrders(w.sage, 6);
      const before = w.ss.admin.listOrders().length;
      const world = w;
      const { held, after } = await killInWriteWindow(w, {
        job: 'orders-new',
        held: w.ss.admin.heldAnswers(),
        arm: () => world.ss.admin.setFaults({ holdAnswers: [{ api, method, route }] }),
        disarm: () => world.ss.admin.clearFaults('holdAnswers'),
      });
      expect(held).toMatchObject({ api, method });
      // The killed process's write reached ShipStation: the orders were there before the restart ran.
      expect(after).toMatch(/"status":"ran"/);
      ordersOnce(w, numbers);
      expect(w.ss.admin.listOrders().length).toBe(before + numbers.length);
      // Each is linked to the one ShipStation order (the restart re-linked what the killed process created).
      const byKey = new Map(w.ss.admin.listOrders().map((o) => [String(o['orderKey']), String(o['orderId'])]));
      for (const n of numbers) {
        const link = await w.app.store.links.get(w.connection.id, `SAMINC-${n}-1`);
        expect(String(link?.ssOrderId).replace(/^se-/, ''), n).toBe(byKey.get(`SAMINC-${n}-1`));
        // And its record says it is in ShipStation, as after an answered create (a re-link used to leave it
        // "detected").
        expect((await w.app.store.records.byDisplay(n))[0]?.state, n).toBe('sent');
      }
      console.log(`[${db}] ${api} ${method} ${held.path}: killed in the window; ${numbers.length} orders once each`);
    },
  );
});
