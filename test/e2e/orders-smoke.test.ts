import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/world.js';

describe('orders smoke (V1, SQLite)', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ api: 'v1' });
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('maps the demo reference data and sends the open demo orders', async () => {
    const ref = await w.connector.runReference(w.connection);
    expect(ref.status, JSON.stringify(ref)).toBe('ran');
    const mappings = await w.app.store.mappings.list(w.connection.id);
    console.log(mappings.map((m) => `${m.kind} ${m.sageValue} ${m.status} ${JSON.stringify(m.target)}`).join('\n'));
    const run = await w.connector.runOrders(w.connection, 'new');
    console.log(JSON.stringify(run, null, 1).slice(0, 3000));
    expect(run.status).toBe('ran');
    const orders = w.ss.admin.listOrders();
    console.log('ss orders', orders.length);
    const states = await w.app.store.records.countByState(w.connection.id);
    console.log(states);
    const held = await w.app.store.records.search({ connectionId: w.connection.id, states: ['held', 'failed'] });
    console.log(held.map((h) => `${h.display}: ${h.reason}`).join('\n'));
  });
});
