import { afterEach, describe, expect, it } from 'vitest';
import { postgresReachable } from '../helpers/databases.js';
import { startWorld, type World } from '../helpers/world.js';
import {
  addItems,
  enterOrder,
  expectWrittenOnce,
  sageOrder,
  sendOrders,
  ssOrder,
  type TestOrder,
} from '../shipments/helpers.js';
import { killInWriteWindow } from './write-window.js';

const pg = await postgresReachable();
const databases = pg ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

let w: World | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe.each(databases)('killed inside the Sage write-back (%s)', (db) => {
  it('PATCH OEOrders applied, answer never heard: after the restart each shipment is in Sage exactly once', async () => {
    w = await startWorld({ api: 'v1', db, env: { FLOW_LEASE_SECONDS: '2' } });
    addItems(w);
    const orders: TestOrder[] = Array.from({ length: 3 }, (_, i) =>
      enterOrder(w!, [
        ['SH-A', 1 + i],
        ['SH-B', 2],
      ]),
    );
    await sendOrders(w);
    for (const o of orders) w.ss.admin.createLabel(ssOrder(w, o.orderKey).orderId, {});
    // More outstanding in Sage than ShipStation ships: a PATCH sent twice would be accepted (and seen).
    for (const o of orders) {
      const lines = sageOrder(w, o.uniquifier).OrderDetails;
      w.sage.admin.editOrder(Number(o.uniquifier), {
        setQuantities: lines.map((l) => ({ lineNumber: l.LineNumber, quantity: l.QuantityOrdered + 5 })),
      });
    }
    const world = w;
    let rule = 0;
    const { held } = await killInWriteWindow(w, {
      job: 'shipments',
      held: w.sage.held,
      arm: () => {
        rule = world.sage.faults.add({ kind: 'holdAnswer', path: 'OE/OEOrders', method: 'PATCH', count: 1 }).id;
      },
      disarm: () => world.sage.faults.remove(rule),
    });
    expect(held).toMatchObject({ api: 'sage300', method: 'PATCH' });
    await expectWrittenOnce(w, orders);
    console.log(`[${db}] PATCH ${held.path}: killed in the window; ${orders.length} shipments in Sage once each`);
  });
});
