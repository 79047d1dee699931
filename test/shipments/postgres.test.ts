import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { postgresReachable } from '../helpers/databases.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, sageOrder, sendOrders, ssOrder } from './helpers.js';

const pg = await postgresReachable();

/** The same write-back on PostgreSQL: one open intent per order (partial unique index), read-back recovery. */
describe.skipIf(!pg)('shipments on PostgreSQL', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ db: 'postgres', api: 'v1', env: { SAGE300_TIMEOUT_SECONDS: '1' } });
    addItems(w);
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('writes a label once, deciding an unanswered write by reading the order back', async () => {
    const o = enterOrder(w, [
      ['SH-A', 2],
      ['SH-B', 1],
    ]);
    await sendOrders(w);
    w.ss.admin.createLabel(ssOrder(w, o.orderKey).orderId, {});
    w.sage.faults.add({ kind: 'applyThenTimeout', path: 'OE/OEOrders', method: 'PATCH', count: 1, holdMs: 1500 });
    const r = await runShipments(w.connector, w.connection);
    expect(r.status === 'ran' && r.outcome.counts).toMatchObject({
      written: 1,
      unanswered_writes: 1,
      recovered_applied: 1,
    });
    expect(sageOrder(w, o.uniquifier).NumberOfShipments).toBe(1);
    await runShipments(w.connector, w.connection);
    expect(sageOrder(w, o.uniquifier).NumberOfShipments).toBe(1);
    expect(await w.app.store.intents.listOpen(w.connection.id)).toEqual([]);
  });
});
