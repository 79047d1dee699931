import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../src/domain/errors.js';
import { Sage300Client, type Sage300ClientOptions } from '../../src/integrations/sage300/client.js';
import { Sage300ApiError } from '../../src/integrations/sage300/errors.js';
import { orderSchema } from '../../src/integrations/sage300/schemas.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';

/** The client's behaviour against the simulator over real HTTP: paging, concurrency, retries, timeouts. */
let sim: Sage300Simulator;
beforeAll(async () => {
  sim = await startSage300Simulator({ pageSize: 100, maxConcurrency: 2 });
});
afterAll(async () => {
  await sim?.stop();
});
afterEach(() => {
  sim.faults.clear();
  sim.setColdStart(null);
});

const client = (extra: Partial<Sage300ClientOptions> = {}) =>
  new Sage300Client({
    baseUrl: sim.baseUrl,
    user: 'webapi',
    password: 'webapi',
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });

describe('paging', () => {
  it('2,500 matching orders at page size 100 come back complete through nextLink: no duplicates, no gaps', async () => {
    const before = sim.state.counters.uniq;
    const { first, last } = sim.admin.generateOrders({ count: 2500, status: 'open', days: 30, seed: 7 });
    expect(last - first + 1).toBe(2500);
    const c = client();
    const seen: number[] = [];
    let pages = 0;
    for await (const page of c.list('OE', 'OEOrders', {
      filter: `OrderUniquifier gt ${before}`,
      select: ['OrderUniquifier', 'OrderNumber', 'OrderDate', 'OrderDetails'],
      schema: orderSchema,
    })) {
      pages += 1;
      expect(page.length).toBeLessThanOrEqual(100);
      seen.push(...page.map((o) => o.OrderUniquifier));
    }
    expect(pages).toBe(25);
    expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => first + i));
    expect(c.stats.requests).toBe(25);
  });

  it('$top within the page size gets one page and no nextLink; @odata.count counts the filter', async () => {
    const c = client();
    const pages: unknown[][] = [];
    for await (const page of c.list('OE', 'OEOrders', { top: 7, select: ['OrderUniquifier'] })) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([7]);
    expect(await c.count('OE', 'OEOrders', "OrderType eq 'Active'")).toBeGreaterThan(2500);
  });
});

describe('credentials, concurrency, retries', () => {
  it('upper-cases user and password unless keepCase', async () => {
    await expect(client().listAll('OE', 'OEShipViaCodes')).resolves.not.toHaveLength(0);
    const error = await client({ keepCase: true })
      .listAll('OE', 'OEShipViaCodes')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Sage300ApiError);
    expect((error as Sage300ApiError).status).toBe(401);
    const said = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(said).not.toContain(Buffer.from('webapi:webapi').toString('base64'));
    expect(said).not.toMatch(/Basic |authorization/i);
  });

  it('sends the Authorization header upper-cased by default and as typed with keepCase', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const baseUrl = `http://127.0.0.1:${port}/Sage300WebApi/v1.0/-/SAMINC`;
      const typed = { baseUrl, user: 'webapi2', password: 'Ship-Ready1' };
      await new Sage300Client(typed).listAll('OE', 'OEShipViaCodes');
      await new Sage300Client({ ...typed, keepCase: true }).listAll('OE', 'OEShipViaCodes');
      const decoded = seen.map((h) => Buffer.from(h.replace(/^Basic /, ''), 'base64').toString('utf8'));
      expect(decoded).toEqual(['WEBAPI2:SHIP-READY1', 'webapi2:Ship-Ready1']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('never has more than `concurrency` requests in flight, so the app pool is not saturated', async () => {
    sim.faults.add({ kind: 'latency', ms: 100 });
    const c = client({ concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => c.getByKey('OE', 'OEOrders', i + 1)));
    expect(results.every((r) => r !== null)).toBe(true);
    expect(c.stats.byStatus).toEqual({ '200': 6 });
    expect(c.stats.retries).toBe(0);
  });

  it('retries GETs on TooManyRequests and 5xx with backoff', async () => {
    sim.faults.add({ kind: 'error', status: 503, count: 1 });
    sim.faults.add({ kind: 'error', status: 500, count: 1 });
    const c = client();
    await expect(c.getByKey('AR', 'ARCustomers', '1400')).resolves.toMatchObject({ CustomerNumber: '1400' });
    expect(c.stats).toMatchObject({ requests: 3, retries: 2, byStatus: { '500': 1, '503': 1, '200': 1 } });
  });

  it('retries a reset connection on a GET; gives up after maxAttempts', async () => {
    sim.faults.add({ kind: 'drop', count: 1 });
    const c = client();
    await expect(c.listAll('OE', 'OEShipViaCodes')).resolves.not.toHaveLength(0);
    expect(c.stats.retries).toBe(1);
    sim.faults.add({ kind: 'error', status: 500 });
    const error = await client({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } })
      .listAll('OE', 'OEShipViaCodes')
      .catch((e: unknown) => e);
    expect((error as Sage300ApiError).status).toBe(500);
    expect((error as Sage300ApiError).retryable).toBe(true);
  });

  it('never retries a POST or a PATCH', async () => {
    sim.faults.add({ kind: 'error', status: 503, method: 'POST', count: 1 });
    const c = client();
    const post = await c
      .post('OE', 'OEOrders', { CustomerNumber: '1400', OrderDetails: [{ Item: 'A1-105/0', QuantityOrdered: 1 }] })
      .catch((e: unknown) => e);
    expect((post as Sage300ApiError).status).toBe(503);
    expect(c.stats).toMatchObject({ requests: 1, retries: 0 });
    sim.faults.add({ kind: 'error', status: 500, method: 'PATCH', count: 1 });
    await expect(c.patch('OE', 'OEOrders', 1, { OrderComment: 'x' })).rejects.toThrow(Sage300ApiError);
    expect(c.stats.requests).toBe(2);
  });

  it('a write whose answer never comes is a retryable timeout, and was applied: the caller must read back', async () => {
    const c = client({ timeoutMs: 1000, coldStartTimeoutMs: 1000 });
    const created = await c.post<{ OrderUniquifier: number }>('OE', 'OEOrders', {
      CustomerNumber: '1400',
      OrderDetails: [{ Item: 'A1-105/0', QuantityOrdered: 2 }],
    });
    sim.faults.add({ kind: 'applyThenTimeout', method: 'PATCH', count: 1, holdMs: 3000 });
    const error = await c
      .patch('OE', 'OEOrders', created.OrderUniquifier, {
        ShipmentTrackingNumber: 'TRK-1',
        OrderDetails: [{ LineNumber: 32, QuantityShipped: 2, UpdateOperation: 'Update' }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('timeout');
    const after = await c.getByKey('OE', 'OEOrders', created.OrderUniquifier, { schema: orderSchema });
    expect(after).toMatchObject({ ShipmentTrackingNumber: 'TRK-1', NumberOfShipments: 1 });
  });

  it('is patient with a cold start: the first request gets the longer timeout', async () => {
    sim.setColdStart({ afterIdleSeconds: 0, delayMs: 400 });
    const patient = client({ timeoutMs: 150, coldStartTimeoutMs: 3000, retry: { maxAttempts: 1 } });
    await expect(patient.listAll('OE', 'OEShipViaCodes')).resolves.not.toHaveLength(0);
    sim.setColdStart({ afterIdleSeconds: 0, delayMs: 400 });
    const impatient = client({ timeoutMs: 150, coldStartTimeoutMs: 150, retry: { maxAttempts: 1 } });
    await expect(impatient.listAll('OE', 'OEShipViaCodes')).rejects.toThrow(NetworkError);
  });

  it('an absolute URL (a nextLink) on another host is fetched from the configured origin only', async () => {
    const c = client();
    sim.stats.reset();
    const r = await c.request(
      'GET',
      'http://attacker.invalid:9/Sage300WebApi/v1.0/-/SAMINC/AR/ARShipToLocations?$top=1',
    );
    expect(r.status).toBe(200);
    expect(sim.stats.snapshot().byRoute).toMatchObject({ 'GET AR/ARShipToLocations': 1 });
  });
});
