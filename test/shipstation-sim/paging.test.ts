import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { v1, v1Order, v2 } from './sim-helpers.js';

describe('ShipStation simulator: paging', () => {
  let sim: ShipStationSimulator;
  beforeAll(async () => {
    sim = await startShipStationSimulator({ v1Rate: 10_000, v2Rate: 10_000 });
    for (let batch = 0; batch < 3; batch++) {
      const orders = Array.from({ length: 100 }, (_, i) => v1Order(20_000 + batch * 100 + i));
      expect((await v1(sim.origin, 'POST', '/orders/createorders', orders)).status).toBe(200);
    }
    const more = Array.from({ length: 5 }, (_, i) => v1Order(20_300 + i));
    await v1(sim.origin, 'POST', '/orders/createorders', more);
  });
  afterAll(() => sim.stop());

  it('V1: page/pageSize with total, page, pages; pageSize defaults to 100 and is clamped to 500', async () => {
    const first = (await v1(sim.origin, 'GET', '/orders')).body;
    expect(first).toMatchObject({ total: 305, page: 1, pages: 4 });
    expect(first.orders).toHaveLength(100);
    const last = (await v1(sim.origin, 'GET', '/orders?page=2&pageSize=200')).body;
    expect(last).toMatchObject({ total: 305, page: 2, pages: 2 });
    expect(last.orders).toHaveLength(105);
    expect(last.orders[0].orderNumber).toBe('20200');
    const clamped = (await v1(sim.origin, 'GET', '/orders?pageSize=1000')).body;
    expect(clamped).toMatchObject({ total: 305, pages: 1 });
    expect(clamped.orders).toHaveLength(305);
    const past = (await v1(sim.origin, 'GET', '/orders?page=9')).body;
    expect(past).toMatchObject({ orders: [], total: 305, page: 9, pages: 4 });
    const sorted = (await v1(sim.origin, 'GET', '/orders?sortBy=OrderDate&sortDir=DESC&pageSize=1')).body;
    expect(sorted.orders[0].orderNumber).toBe('20304');
    expect((await v1(sim.origin, 'GET', '/orders?page=abc')).status).toBe(400);
  });

  it('V2: page/page_size (default 25) with absolute links; absent prev/next are {}', async () => {
    const first = (await v2(sim.origin, 'GET', '/shipments?shipment_status=pending')).body;
    expect(first).toMatchObject({ total: 305, page: 1, pages: 13 });
    expect(first.shipments).toHaveLength(25);
    expect(first.links.first).toEqual({ href: `${sim.v2Url}/shipments?shipment_status=pending&page=1&page_size=25` });
    expect(first.links.last).toEqual({ href: `${sim.v2Url}/shipments?shipment_status=pending&page=13&page_size=25` });
    expect(first.links.prev).toEqual({});
    expect(first.links.next).toEqual({ href: `${sim.v2Url}/shipments?shipment_status=pending&page=2&page_size=25` });
    // Newest first by default; the next link continues where the page ended.
    const next = (await (await fetch(first.links.next.href, { headers: { 'api-key': 'demo-v2-key' } })).json()) as {
      shipments: unknown[];
      links: { prev: unknown };
    };
    expect(next.shipments).toHaveLength(25);
    expect(next.links.prev).toEqual({ href: `${sim.v2Url}/shipments?shipment_status=pending&page=1&page_size=25` });
    const end = (await v2(sim.origin, 'GET', '/shipments?page=4&page_size=100')).body;
    expect(end.shipments).toHaveLength(5);
    expect(end.links.next).toEqual({});
    const none = (await v2(sim.origin, 'GET', '/shipments?shipment_status=cancelled')).body;
    expect(none).toMatchObject({ total: 0, page: 1, pages: 0, shipments: [] });
    expect(none.links.last.href).toContain('page=1');
    const bad = await v2(sim.origin, 'GET', '/shipments?page_size=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ error_type: 'validation', field_name: 'page_size' });
  });
});
