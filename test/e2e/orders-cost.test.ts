import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrders } from '../../src/runtime/flows/orders-flow.js';
import { runReference } from '../../src/runtime/flows/reference-flow.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';

/**
 * Cost stays with the change (issue 5): with 100,000 completed historical orders and 50 open ones in
 * Sage, a poll with nothing new makes a small, stated number of Sage requests.
 */
describe('a quiet poll over a large history', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ api: 'v1', sage: { seed: 'demo', pageSize: 100 } });
    w.sage.admin.generateOrders({ count: 100_000, status: 'completed', days: 365 });
    enterOrders(w.sage, 50);
    await runReference(w.connector, w.connection);
    expect((await runOrders(w.connector, w.connection, 'new')).status).toBe('ran'); // go-live
    expect((await runOrders(w.connector, w.connection, 'new')).status).toBe('ran');
    expect((await runOrders(w.connector, w.connection, 'edits')).status).toBe('ran');
  }, 120_000);
  afterAll(async () => {
    await w?.stop();
  });

  it('new-order poll: at most 1 Sage request; edits poll over the open orders: at most 2', async () => {
    w.sage.stats.reset();
    const quiet = await runOrders(w.connector, w.connection, 'new');
    expect(quiet.status).toBe('ran');
    const newPoll = w.sage.stats.snapshot().total;
    w.sage.stats.reset();
    const edits = await runOrders(w.connector, w.connection, 'edits');
    expect(edits.status).toBe('ran');
    const editsPoll = w.sage.stats.snapshot().total;
    console.log(
      `quiet poll Sage requests: new orders ${newPoll}, edits ${editsPoll} (100,000 completed + ${50} open orders)`,
    );
    expect(newPoll).toBeLessThanOrEqual(1);
    expect(editsPoll).toBeLessThanOrEqual(2);
    expect(edits.status === 'ran' && edits.outcome.counts['unchanged']).toBeGreaterThanOrEqual(50);
  });
});
