import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import { admin, sage } from './sim-http.js';

/** Operations: the /_sim/ desktop actions, faults, app-pool saturation, cold start, stats, state file. */
let sim: Sage300Simulator;
const clock = new ManualClock();
beforeAll(async () => {
  sim = await startSage300Simulator({ clock, maxConcurrency: 2 });
});
afterAll(async () => {
  await sim?.stop();
});
afterEach(() => {
  sim.faults.clear();
  sim.setColdStart(null);
});

const stock = async (item: string, location: string) =>
  (await sage(sim, `/IC/ICLocationDetails(ItemNumber='${item}',Location='${location}')`)).json;

describe('/_sim/: acting as a Sage desktop user', () => {
  it('creates, edits, holds, releases, ships and deletes orders as Sage would allow', async () => {
    const created = await admin(sim, 'POST', '/orders', {
      customerNumber: '1400',
      shipViaCode: 'FDX2DY',
      location: '3',
      onHold: true,
      lines: [
        { item: 'A1-105/0', quantity: 4 },
        { item: 'A1-105/0', quantity: 1, unit: 'CAS' },
      ],
      charges: [{ code: 'FRT', amount: 12.5 }],
    });
    expect(created.status).toBe(201);
    const number = created.json.OrderNumber;
    expect(created.json).toMatchObject({ OnHold: true, ShipViaCode: 'FDX2DY', DefaultLocationCode: '3' });

    const edited = await admin(sim, 'PATCH', `/orders/${number}`, {
      header: { ShipToAddressLine1: '1 New Street', OrderComment: 'Leave at dock' },
      setQuantities: [{ lineNumber: 32, quantity: 6 }],
      addLines: [{ item: 'A1-105/0', quantity: 2 }],
      lostSale: [64],
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ ShipToAddressLine1: '1 New Street', OrderComment: 'Leave at dock' });
    const lines = edited.json.OrderDetails.filter((d: { LineType: string }) => d.LineType === 'Item');
    expect(
      lines.map((d: { LineNumber: number; QuantityOrdered: number }) => [d.LineNumber, d.QuantityOrdered]),
    ).toEqual([
      [32, 6],
      [64, 0],
      [128, 2],
    ]);

    const refused = await admin(sim, 'POST', `/orders/${number}/ship`, {});
    expect(refused.json.error.code).toBe('RecordInvalid');
    await admin(sim, 'POST', `/orders/${number}/release`);
    const before = await stock('A1-105/0', '3');
    const shipped = await admin(sim, 'POST', `/orders/${number}/ship`, {
      lines: [{ lineNumber: 32, quantity: 6 }],
      trackingNumber: 'DESK-1',
    });
    expect(shipped.json).toMatchObject({ NumberOfShipments: 1, ShipmentTrackingNumber: 'DESK-1' });
    expect((await stock('A1-105/0', '3')).QuantityOnHand).toBe(before.QuantityOnHand - 6);

    const del = await admin(sim, 'DELETE', `/orders/${number}`);
    expect(del.json.error.code).toBe('RecordInvalid');
    const other = await admin(sim, 'POST', '/orders', {
      customerNumber: '1100',
      lines: [{ item: 'A1-105/0', quantity: 1 }],
    });
    expect((await admin(sim, 'DELETE', `/orders/${other.json.OrderUniquifier}`)).status).toBe(204);
    expect((await sage(sim, `/OE/OEOrders(${other.json.OrderUniquifier})`)).status).toBe(404);
  });

  it('changes stock, adds ship-via codes and items, generates orders fast', async () => {
    const before = await stock('A1-105/0', '1');
    await admin(sim, 'POST', '/stock', { item: 'A1-105/0', location: '1', quantity: 50, kind: 'receipt' });
    expect((await stock('A1-105/0', '1')).QuantityOnHand).toBe(before.QuantityOnHand + 50);
    expect((await admin(sim, 'POST', '/ship-vias', { code: 'DHLEXP', name: 'DHL Express Worldwide' })).status).toBe(
      201,
    );
    expect((await sage(sim, "/OE/OEShipViaCodes('DHLEXP')")).json.Name).toBe('DHL Express Worldwide');
    expect(
      (
        await admin(sim, 'POST', '/items', {
          itemNumber: 'K1-001/0',
          description: 'Kilo kit',
          unitWeight: 2,
          weightUnit: 'kg',
          onHand: 5,
        })
      ).status,
    ).toBe(201);
    expect((await sage(sim, "/IC/ICItems('K10010')")).json).toMatchObject({
      ItemNumber: 'K1-001/0',
      WeightUnitOfMeasure: 'kg',
    });
    const started = performance.now();
    const gen = await admin(sim, 'POST', '/orders/generate', { count: 5000, status: 'mixed', days: 90 });
    expect(gen.json.count).toBe(5000);
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await sage(sim, `/OE/OEOrders(${gen.json.last})`)).status).toBe(200);
  });

  it('counts requests per route and status, and resets', async () => {
    await admin(sim, 'DELETE', '/stats');
    await sage(sim, '/OE/OEOrders?$top=1');
    await sage(sim, '/OE/OEOrders(1)');
    await sage(sim, '/OE/OEOrders(999999)');
    const s = (await admin(sim, 'GET', '/stats')).json;
    expect(s).toEqual({
      total: 3,
      byRoute: { 'GET OE/OEOrders': 1, 'GET OE/OEOrders(key)': 2 },
      byStatus: { '200': 2, '404': 1 },
    });
  });
});

describe('faults', () => {
  it('error, TooManyRequests, per route and for a number of requests', async () => {
    await admin(sim, 'POST', '/faults', { kind: 'error', status: 503, path: 'OE/OEOrders', count: 1 });
    const r = await sage(sim, '/OE/OEOrders?$top=1');
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('TooManyRequests');
    expect((await sage(sim, '/OE/OEOrders?$top=1')).status).toBe(200);
    sim.faults.add({ kind: 'tooManyRequests', path: 'IC/*' });
    expect((await sage(sim, '/IC/ICItems?$top=1')).status).toBe(429);
    expect((await sage(sim, '/AR/ARCustomers?$top=1')).status).toBe(200);
    sim.faults.add({ kind: 'error', method: 'GET' });
    expect((await sage(sim, '/AR/ARCustomers?$top=1')).json.error.code).toBe('InternalServerError');
    expect((await admin(sim, 'GET', '/faults')).json).toHaveLength(2);
    await admin(sim, 'DELETE', '/faults');
    expect((await sage(sim, '/AR/ARCustomers?$top=1')).status).toBe(200);
  });

  it('drops the connection', async () => {
    sim.faults.add({ kind: 'drop', count: 1 });
    await expect(sage(sim, '/OE/OEOrders?$top=1')).rejects.toThrow();
    expect((await sage(sim, '/OE/OEOrders?$top=1')).status).toBe(200);
  });

  it('applies the write, then never answers', async () => {
    const o = (
      await sage(sim, '/OE/OEOrders', {
        body: { CustomerNumber: '1100', OrderDetails: [{ Item: 'A1-105/0', QuantityOrdered: 2 }] },
      })
    ).json;
    sim.faults.add({ kind: 'applyThenTimeout', method: 'PATCH', count: 1, holdMs: 300 });
    const patched = sage(sim, `/OE/OEOrders(${o.OrderUniquifier})`, {
      method: 'PATCH',
      body: {
        ShipmentTrackingNumber: 'LOST-ANSWER',
        OrderDetails: [{ LineNumber: 32, QuantityShipped: 2, UpdateOperation: 'Update' }],
      },
    });
    await expect(patched).rejects.toThrow();
    const after = (await sage(sim, `/OE/OEOrders(${o.OrderUniquifier})`)).json;
    expect(after).toMatchObject({
      ShipmentTrackingNumber: 'LOST-ANSWER',
      NumberOfShipments: 1,
      OrderCompleted: 'CompleteNotIncluded',
    });
  });

  it('latency holds an app-pool slot: more than maxConcurrency at once get TooManyRequests', async () => {
    sim.faults.add({ kind: 'latency', ms: 800 });
    const results = await Promise.all(Array.from({ length: 5 }, () => sage(sim, '/OE/OEShipViaCodes')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    expect(results.find((r) => r.status === 429)?.json.error.code).toBe('TooManyRequests');
  });
});

describe('cold start', () => {
  it('the first request after the idle time waits; the next ones do not', async () => {
    await admin(sim, 'PUT', '/cold-start', { afterIdleSeconds: 60, delayMs: 1000 });
    let t = performance.now();
    await sage(sim, '/OE/OEShipViaCodes');
    expect(performance.now() - t).toBeGreaterThanOrEqual(950);
    t = performance.now();
    await sage(sim, '/OE/OEShipViaCodes');
    expect(performance.now() - t).toBeLessThan(700);
    await clock.advance(61_000);
    t = performance.now();
    await sage(sim, '/OE/OEShipViaCodes');
    expect(performance.now() - t).toBeGreaterThanOrEqual(950);
  });

  it('queue mode answers slowly instead of refusing', async () => {
    const queued = await startSage300Simulator({
      seed: 'empty',
      maxConcurrency: 1,
      saturation: 'queue',
      faults: [{ kind: 'latency', ms: 100 }],
    });
    try {
      const t = performance.now();
      const results = await Promise.all(Array.from({ length: 3 }, () => sage(queued, '/OE/OEShipViaCodes')));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(performance.now() - t).toBeGreaterThanOrEqual(280);
    } finally {
      await queued.stop();
    }
  });
});

describe('--state FILE', () => {
  it('saves on stop and loads on start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sage-state-'));
    const file = join(dir, 'sage.json');
    try {
      const a = await startSage300Simulator({ stateFile: file });
      const o = a.admin.createOrder({ customerNumber: '1400', lines: [{ item: 'A1-105/0', quantity: 3 }] });
      a.admin.ship(String(o['OrderNumber']), { lines: [{ lineNumber: 32, quantity: 1 }], trackingNumber: 'KEEP-ME' });
      await a.stop();
      const b = await startSage300Simulator({ stateFile: file });
      try {
        const again = (await sage(b, `/OE/OEOrders(${o['OrderUniquifier']})`)).json;
        expect(again).toMatchObject({
          OrderNumber: o['OrderNumber'],
          ShipmentTrackingNumber: 'KEEP-ME',
          NumberOfShipments: 1,
        });
        const next = b.admin.createOrder({ customerNumber: '1400', lines: [{ item: 'A1-105/0', quantity: 1 }] });
        expect(next['OrderUniquifier']).toBe(Number(o['OrderUniquifier']) + 1);
      } finally {
        await b.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
