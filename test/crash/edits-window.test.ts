import { afterEach, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';
import { killInWriteWindow } from './write-window.js';

let w: World | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const key = (n: string) => `SAMINC-${n}-1`;

async function v2Tags(w: World, n: string): Promise<string[]> {
  const res = await fetch(`${w.ss.v2Url}/shipments/external_shipment_id/${encodeURIComponent(key(n))}`, {
    headers: { 'API-Key': DEMO_V2_KEY },
  });
  const body = (await res.json()) as { tags?: { name: string }[] };
  return (body.tags ?? []).map((t) => t.name);
}

type Change = 'address' | 'delete' | 'hold';

const cases: [api: 'v1' | 'v2', change: Change, method: string, route: string][] = [
  ['v2', 'address', 'PUT', '/^/v2/shipments/[^/]+$/'],
  ['v2', 'delete', 'PUT', '/^/v2/shipments/[^/]+/cancel$/'],
  ['v1', 'delete', 'POST', '/orders/createorder'],
  ['v2', 'hold', 'POST', '/^/v2/shipments/[^/]+/tags//'],
  ['v1', 'hold', 'POST', '/orders/createorder'],
];

describe('killed inside an update, cancel or hold write (SQLite)', () => {
  it.each(cases)(
    '%s: Sage %s → %s %s applied, answer never heard; after the restart ShipStation has it once, in its end state',
    async (api, change, method, route) => {
      w = await startWorld({ api, env: { FLOW_LEASE_SECONDS: '2' } });
      await runReference(w.connector, w.connection);
      await runOrders(w.connector, w.connection, 'new');
      const [n] = enterOrders(w.sage, 1, { start: 700 });
      expect((await runOrders(w.connector, w.connection, 'new')).status).toBe('ran');
      const orderId = Number(w.ss.admin.getOrderByKey(key(n!))['orderId']);
      if (change === 'address') {
        w.sage.admin.editOrder(n!, { header: { ShipToAddressLine1: '700 Crash Street', ShipToCity: 'Tacoma' } });
      } else if (change === 'delete') w.sage.admin.deleteOrder(n!);
      else w.sage.admin.hold(n!);
      const world = w;
      const { held } = await killInWriteWindow(w, {
        job: 'orders-edits',
        held: w.ss.admin.heldAnswers(),
        arm: () => world.ss.admin.setFaults({ holdAnswers: [{ api, method, route }] }),
        disarm: () => world.ss.admin.clearFaults('holdAnswers'),
      });
      expect(held).toMatchObject({ api, method });
      const keys = w.ss.admin.listOrders().map((o) => String(o['orderKey']));
      expect(new Set(keys).size, 'an order key twice in ShipStation').toBe(keys.length);
      const order = w.ss.admin.getOrderByKey(key(n!));
      // The same ShipStation order throughout: updated, cancelled or held in place, never created again.
      expect(Number(order['orderId'])).toBe(orderId);
      const record = (await w.app.store.records.byDisplay(n!))[0];
      if (change === 'address') {
        expect(order['shipTo']).toMatchObject({ street1: '700 Crash Street', city: 'Tacoma' });
      } else if (change === 'delete') {
        expect(order['orderStatus']).toBe('cancelled');
        expect(record?.state).toBe('cancelled');
      } else {
        if (api === 'v1') expect(order['orderStatus']).toBe('on_hold');
        else expect(await v2Tags(w, n!)).toEqual(['Sage 300 hold']);
        expect(record?.state).toBe('on_hold');
      }
      console.log(
        `${api} ${change}: ${method} ${held.path} killed in the window; ShipStation order ${orderId} once, ${String(order['orderStatus'])}`,
      );
    },
  );
});
