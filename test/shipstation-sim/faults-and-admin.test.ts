import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { type Answer, v1, v1Order, v2 } from './sim-helpers.js';

async function admin(
  sim: ShipStationSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Pick<Answer, 'status' | 'body'>> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(`${sim.origin}/_sim${path}`, init);
  return { status: response.status, body: await response.json() };
}

describe('ShipStation simulator: faults and the /_sim/ admin API', () => {
  let sim: ShipStationSimulator;
  beforeEach(async () => {
    sim = await startShipStationSimulator({ v1Rate: 10_000, v2Rate: 10_000 });
  });
  afterEach(() => sim.stop());

  it('a 429 storm for the next N requests answers 429 with the V1 headers, then clears itself', async () => {
    expect((await admin(sim, 'POST', '/faults', { storm: { api: 'v1', count: 2 } })).status).toBe(200);
    const a = await v1(sim.origin, 'GET', '/stores');
    expect(a.status).toBe(429);
    expect(a.headers.get('x-rate-limit-remaining')).toBe('0');
    expect((await v2(sim.origin, 'GET', '/warehouses')).status).toBe(200);
    expect((await v1(sim.origin, 'GET', '/stores')).status).toBe(429);
    expect((await v1(sim.origin, 'GET', '/stores')).status).toBe(200);
    expect(sim.stats.snapshot().rateLimited).toBe(2);
  });

  it('5xx faults by API and route, repeatable from the seed, clearable', async () => {
    await admin(sim, 'POST', '/faults', { seed: 7, errors: [{ api: 'v1', route: '/orders', rate: 0.5, status: 500 }] });
    const run = async () => {
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await v1(sim.origin, 'GET', '/orders')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect((await v1(sim.origin, 'GET', '/warehouses')).status).toBe(200);
    await admin(sim, 'POST', '/faults', { seed: 7, errors: [{ api: 'v1', route: '/orders', rate: 0.5, status: 500 }] });
    expect(await run()).toEqual(first);
    const failed = await (async () => {
      for (;;) {
        const a = await v1(sim.origin, 'GET', '/orders');
        if (a.status === 500) return a;
      }
    })();
    expect(failed.body).toMatchObject({
      Message: 'An error has occurred.',
      ExceptionMessage: 'Object reference not set to an instance of an object.',
    });
    await admin(sim, 'DELETE', '/faults/errors');
    expect(await run()).toEqual(Array(12).fill(200));
    await admin(sim, 'POST', '/faults', { errors: [{ api: 'v2', status: 503, count: 1 }] });
    const v2Failure = await v2(sim.origin, 'GET', '/warehouses');
    expect(v2Failure.status).toBe(503);
    expect(v2Failure.text).toBe('');
  });

  it('a malformed page spoils the next list response only', async () => {
    await v1(sim.origin, 'POST', '/orders/createorder', v1Order(1));
    await admin(sim, 'POST', '/faults', { malformed: { api: 'v1', mode: 'invalid-json' } });
    const broken = await v1(sim.origin, 'GET', '/orders');
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text)).toThrow();
    expect((await v1(sim.origin, 'GET', '/orders')).body.total).toBe(1);
    await admin(sim, 'POST', '/faults', { malformed: { mode: 'wrong-shape' } });
    expect((await v2(sim.origin, 'GET', '/shipments')).body.shipments).toBe('<not a list>');
  });

  it('timeouts hold the socket past the client timeout; "after" still does the work', async () => {
    await admin(sim, 'POST', '/faults', {
      timeouts: [{ api: 'v1', route: '/orders/createorder', holdMs: 2_000, phase: 'after', count: 1 }],
    });
    const signal = AbortSignal.timeout(300);
    await expect(
      fetch(`${sim.origin}/orders/createorder`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('demo-v1-key:demo-v1-secret').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(v1Order(2)),
        signal,
      }),
    ).rejects.toThrow();
    // The order exists although the client never saw the answer: a retry must upsert, not duplicate.
    expect(sim.admin.getOrderByKey('SAMINC-2-1')['orderNumber']).toBe('2');
    await admin(sim, 'POST', '/faults', { timeouts: [{ api: 'v2', holdMs: 5_000, phase: 'before', count: 1 }] });
    await expect(
      fetch(`${sim.v2Url}/warehouses`, { headers: { 'api-key': 'demo-v2-key' }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect(sim.stats.snapshot().byRoute['v2 GET /v2/warehouses']).toEqual({ '0': 1 });
    expect((await v2(sim.origin, 'GET', '/warehouses')).status).toBe(200);
    await admin(sim, 'POST', '/faults', { latency: [{ api: 'v2', ms: 150 }] });
    const started = performance.now();
    await v2(sim.origin, 'GET', '/warehouses');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('acts as warehouse staff: split into -1/-2, merge, hold, edit, tracking event; reads and resets stats', async () => {
    const order = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(3000))).body;
    const split = await admin(sim, 'POST', `/orders/${order.orderId}/split`, {
      lines: [{ lineItemKey: '64', quantity: 4 }],
    });
    expect(split.status).toBe(200);
    expect(split.body.original).toMatchObject({ orderNumber: '3000-1', orderKey: 'SAMINC-3000-1' });
    expect(split.body.original.advancedOptions).toMatchObject({ mergedOrSplit: true, parentId: null });
    expect(split.body.original.items.map((i: { quantity: number }) => i.quantity)).toEqual([3, 6]);
    expect(split.body.child).toMatchObject({ orderNumber: '3000-2' });
    expect(split.body.child.advancedOptions).toMatchObject({ mergedOrSplit: true, parentId: order.orderId });
    expect(split.body.child.items).toEqual([expect.objectContaining({ lineItemKey: '64', quantity: 4 })]);
    expect((await v1(sim.origin, 'GET', '/orders?orderNumber=3000')).body.total).toBe(2);

    const a = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(3100))).body;
    const b = (await v1(sim.origin, 'POST', '/orders/createorder', v1Order(3101))).body;
    const merged = await admin(sim, 'POST', '/orders/merge', { orderIds: [a.orderId, b.orderId] });
    expect(merged.body.advancedOptions).toMatchObject({ mergedOrSplit: true, mergedIds: [b.orderId] });
    expect(merged.body.items).toHaveLength(4);
    expect((await v1(sim.origin, 'GET', `/orders/${b.orderId}`)).body.orderStatus).toBe('cancelled');

    const edited = await admin(sim, 'POST', `/orders/${a.orderId}/edit`, {
      serviceCode: 'ups_next_day_air',
      weight: { value: 2, units: 'pounds' },
    });
    expect(edited.body).toMatchObject({ serviceCode: 'ups_next_day_air', weight: { value: 2, units: 'pounds' } });
    const held = await admin(sim, 'POST', `/orders/${a.orderId}/hold`, { holdUntilDate: '2099-12-31' });
    expect(held.body.orderStatus).toBe('on_hold');
    await admin(sim, 'POST', `/orders/${a.orderId}/restore`);
    const label = await admin(sim, 'POST', `/orders/${a.orderId}/label`, { packages: 2 });
    expect(label.body.trackingNumbers).toHaveLength(2);
    const tracked = await admin(sim, 'POST', `/shipments/${label.body.shipmentId}/tracking`, {
      statusCode: 'DE',
      description: 'Delivered',
      city: 'Seattle',
    });
    expect(tracked.body.trackingEvents).toHaveLength(1);
    const track = await v2(sim.origin, 'GET', `/labels/se-${label.body.shipmentId}/track`);
    expect(track.body).toMatchObject({ status_code: 'DE', tracking_number: label.body.trackingNumber });
    expect((await v2(sim.origin, 'GET', `/labels/se-${label.body.shipmentId}`)).body.tracking_status).toBe('delivered');

    const stats = await admin(sim, 'GET', '/stats');
    expect(stats.body.byRoute['v1 POST /orders/createorder']).toEqual({ '200': 3 });
    expect((await admin(sim, 'POST', '/stats/reset')).body.total).toBe(0);
    expect((await admin(sim, 'GET', '/nope')).status).toBe(404);
    expect((await admin(sim, 'POST', '/faults', { storm: {} })).status).toBe(400);
  });
});
