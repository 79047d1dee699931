import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberedAccount } from '../../src/simulators/shipstation/accounts.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { startReceiver, v1, v1Order, v2 } from './sim-helpers.js';

/** One simulator process, several accounts (issue 15 point 4): each has its own data, rate limits and webhooks. */
const one = numberedAccount(1);
const two = numberedAccount(2);
const basic = (a: { v1Key: string; v1Secret: string }) =>
  `Basic ${Buffer.from(`${a.v1Key}:${a.v1Secret}`).toString('base64')}`;

// biome-ignore lint/suspicious/noExplicitAny: admin answers are asserted field by field
async function adminGet(sim: ShipStationSimulator, path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sim.origin}/_sim${path}`);
  return { status: response.status, body: await response.json() };
}

describe('ShipStation simulator: several accounts', () => {
  let sim: ShipStationSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    // A long window and a small budget: exhausting it takes a handful of requests and never times out mid-test.
    sim = await startShipStationSimulator({ accounts: 2, accountSeed: 'empty', v1Rate: 6, v2Rate: 6 });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sim.stop();
    await receiver.close();
  });

  it('lists the default account and the seeded ones with their deterministic keys', async () => {
    const { body } = await adminGet(sim, '/accounts');
    expect(body.map((a: { name: string }) => a.name)).toEqual(['default', 'account-0001', 'account-0002']);
    expect(body[1]).toEqual({ ...one, orders: 0 });
    expect(body[0]).toMatchObject({ v2Key: 'demo-v2-key', v1Key: 'demo-v1-key' });
  });

  it('two accounts do not see each other’s orders; one account sees one dataset through V1 and V2', async () => {
    const created = await v1(sim.origin, 'POST', '/orders/createorder', v1Order(501), basic(one));
    expect(created.status).toBe(200);
    const mine = await v1(sim.origin, 'GET', '/orders?orderNumber=501', undefined, basic(one));
    expect(mine.body.orders.map((o: { orderId: number }) => o.orderId)).toEqual([created.body.orderId]);
    const theirs = await v1(sim.origin, 'GET', '/orders?orderNumber=501', undefined, basic(two));
    expect(theirs.body.total).toBe(0);
    expect((await v1(sim.origin, 'GET', `/orders/${created.body.orderId}`, undefined, basic(two))).status).toBe(404);
    const defaults = await v1(sim.origin, 'GET', '/orders?orderNumber=501');
    expect(defaults.body.total).toBe(0);

    // The same account through V2: the V1 order is there, under its orderKey.
    const viaV2 = await v2(sim.origin, 'GET', '/shipments?external_shipment_id=SAMINC-501-1', undefined, one.v2Key);
    expect(viaV2.status).toBe(200);
    expect(viaV2.body.shipments.map((s: { shipment_number: string }) => s.shipment_number)).toEqual(['501']);
    const otherV2 = await v2(sim.origin, 'GET', '/shipments?external_shipment_id=SAMINC-501-1', undefined, two.v2Key);
    expect(otherV2.body.shipments).toEqual([]);

    // The admin API: the default account without ?account=, the named one with it.
    expect((await adminGet(sim, '/orders')).body.some((o: { orderNumber: string }) => o.orderNumber === '501')).toBe(
      false,
    );
    const adminOne = await adminGet(sim, '/orders?account=account-0001');
    expect(adminOne.body.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(['501']);
    expect(sim.account('account-0001').admin.listOrders()).toHaveLength(1);
    expect((await adminGet(sim, '/orders?account=nobody')).status).toBe(404);
  });

  it('each account has its own rate limit and its own window counts', async () => {
    await fetch(`${sim.origin}/_sim/accounts/stats/reset`, { method: 'POST' });
    await fetch(`${sim.origin}/_sim/rate-limits/reset?account=account-0001`, { method: 'POST' });
    await fetch(`${sim.origin}/_sim/rate-limits/reset?account=account-0002`, { method: 'POST' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await v2(sim.origin, 'GET', '/warehouses', undefined, one.v2Key)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect((await v2(sim.origin, 'GET', '/warehouses', undefined, two.v2Key)).status).toBe(200);
    // V1 is a separate budget of the same account.
    expect((await v1(sim.origin, 'GET', '/warehouses', undefined, basic(one))).status).toBe(200);

    const { body } = await adminGet(sim, '/accounts/stats');
    const byName = Object.fromEntries(body.accounts.map((a: { name: string }) => [a.name, a]));
    expect(byName['account-0001'].rateWindows.v2).toEqual({
      limit: 6,
      windowMs: 60_000,
      requests: 7,
      rateLimited: 1,
      maxPerWindow: 7,
      maxPerSlidingWindow: 7,
    });
    expect(byName['account-0001'].rateLimitedByApi).toEqual({ v1: 0, v2: 1 });
    expect(byName['account-0002'].rateWindows.v2).toMatchObject({ requests: 1, rateLimited: 0, maxPerWindow: 1 });
    expect(byName['default'].total).toBe(0);
    const windows = await adminGet(sim, '/rate-windows?account=account-0001');
    expect(windows.body.v1).toMatchObject({ requests: 1, maxPerWindow: 1 });
    const stats = await adminGet(sim, '/stats?account=account-0002');
    expect(stats.body.byRoute).toEqual({ 'v2 GET /v2/warehouses': { '200': 1 } });
  });

  it('an unknown key is 401 on both APIs, counted on the default account as before', async () => {
    sim.stats.reset();
    expect((await v2(sim.origin, 'GET', '/warehouses', undefined, 'ss-v2-key-9999')).status).toBe(401);
    const wrongPair = { v1Key: one.v1Key, v1Secret: two.v1Secret };
    expect((await v1(sim.origin, 'GET', '/warehouses', undefined, basic(wrongPair))).status).toBe(401);
    expect(sim.stats.snapshot().total).toBe(2);
    expect(sim.account('account-0001').stats.rateWindows().v2.requests).toBe(7);
  });

  it('an account’s webhooks go to its own subscriptions only', async () => {
    for (const account of [one, two]) {
      const hook = await v1(
        sim.origin,
        'POST',
        '/webhooks/subscribe',
        { target_url: `${receiver.url}/${account.name}`, event: 'ORDER_NOTIFY' },
        basic(account),
      );
      expect(hook.status).toBe(201);
    }
    await fetch(`${sim.origin}/_sim/rate-limits/reset?account=account-0002`, { method: 'POST' });
    expect((await v1(sim.origin, 'POST', '/orders/createorder', v1Order(777), basic(two))).status).toBe(200);
    await fetch(`${sim.origin}/_sim/webhooks/idle?account=account-0002`, { method: 'POST' });
    expect(receiver.received.map((r) => r.body.resource_type)).toEqual(['ORDER_NOTIFY']);
    const deliveriesTwo = (await adminGet(sim, '/webhooks/deliveries?account=account-0002')).body;
    expect(deliveriesTwo.map((d: { url: string; status: string }) => [d.url, d.status])).toEqual([
      [`${receiver.url}/account-0002`, 'delivered'],
    ]);
    expect((await adminGet(sim, '/webhooks/deliveries?account=account-0001')).body).toEqual([]);
    // The resource_url opens with that account's keys, and shows its order.
    const url = receiver.received[0]?.body.resource_url as string;
    const page = await fetch(url, { headers: { authorization: basic(two) } });
    expect(((await page.json()) as { orders: { orderNumber: string }[] }).orders.map((o) => o.orderNumber)).toEqual([
      '777',
    ]);
  });

  it('adds an account while running: a V2 key only, no V1', async () => {
    const created = await fetch(`${sim.origin}/_sim/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'late', v2Key: 'late-v2-key', seed: 'empty' }),
    });
    expect(created.status).toBe(201);
    expect((await v2(sim.origin, 'GET', '/warehouses', undefined, 'late-v2-key')).status).toBe(200);
    const taken = await fetch(`${sim.origin}/_sim/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'again', v2Key: 'late-v2-key' }),
    });
    expect(taken.status).toBe(400);
  });
});
