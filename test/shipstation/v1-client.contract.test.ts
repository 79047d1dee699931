import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError, ResponseShapeError } from '../../src/domain/errors.js';
import { parsePacific } from '../../src/integrations/shipstation/pacific-time.js';
import { V1Client } from '../../src/integrations/shipstation/v1-client.js';
import { v1OrderToInput } from '../../src/integrations/shipstation/v1-order-input.js';
import { createV1RateBudget } from '../../src/integrations/shipstation/v1-rate-budget.js';
import { createLogger } from '../../src/observability/logger.js';
import type { ShipStationSimulator } from '../../src/simulators/shipstation/shipstation-simulator.js';
import { runPrefix, v1Order } from './fixtures.js';
import { admin, DEMO_V1_KEY, DEMO_V1_SECRET, startSim, v1For } from './sim-setup.js';

let sim: ShipStationSimulator;
let v1: V1Client;

beforeAll(async () => {
  sim = await startSim();
  v1 = v1For(sim);
});
afterAll(async () => {
  await sim.stop();
});

describe('V1 client against the simulator: reference data', () => {
  it('lists warehouses, stores, carriers with services and packages, tags', async () => {
    const warehouses = await v1.listWarehouses();
    expect(warehouses.map((w) => w.warehouseName)).toEqual([
      'Seattle Warehouse',
      'Chicago Warehouse',
      'Atlanta Warehouse',
    ]);
    expect((await v1.listStores()).map((s) => s.storeId)).toContain(310001);
    const carriers = await v1.listCarriers();
    expect(carriers.map((c) => c.code).sort()).toEqual(['fedex', 'ups', 'usps']);
    const services = await v1.listServices('ups');
    expect(services.find((s) => s.code === 'ups_ground')).toMatchObject({ carrierCode: 'ups', domestic: true });
    expect((await v1.listPackages('fedex')).map((p) => p.code)).toContain('package');
    expect((await v1.listTags()).map((t) => t.name)).toContain('Backorder');
  });
});

describe('V1 client against the simulator: orders', () => {
  it('createOrders upserts in calls of 100 with one result per order, in order', async () => {
    const prefix = runPrefix('B');
    const orders = Array.from({ length: 250 }, (_, i) => v1Order(prefix, i + 1));
    const before = v1.stats.snapshot().byEndpoint['POST /orders/createorders']?.requests ?? 0;
    const results = await v1.createOrders(orders);
    expect(v1.stats.snapshot().byEndpoint['POST /orders/createorders']?.requests).toBe(before + 3);
    expect(results).toHaveLength(250);
    expect(results.every((r, i) => r.success && r.orderKey === orders[i]!.orderKey && r.orderId)).toBe(true);
    // Idempotent by orderKey: sending the same batch again updates, never duplicates.
    const again = await v1.createOrders(orders.slice(0, 100));
    expect(again.map((r) => r.orderId)).toEqual(results.slice(0, 100).map((r) => r.orderId));
    const listed = await v1.listOrders({ orderNumberPrefix: prefix }).toArray();
    expect(listed).toHaveLength(250);
  });

  it('reports a per-order failure inside a batch without failing the others', async () => {
    const prefix = runPrefix('F');
    const good = v1Order(prefix, 1);
    const shipped = v1Order(prefix, 2);
    const [created] = await v1.createOrders([shipped]);
    await v1.markAsShipped({ orderId: created!.orderId!, carrierCode: 'ups', shipDate: '2026-11-25' });
    const results = await v1.createOrders([good, { ...shipped, internalNotes: 'edited after shipping' }]);
    expect(results[0]).toMatchObject({ success: true, orderKey: good.orderKey });
    expect(results[1]).toMatchObject({ success: false, orderKey: shipped.orderKey });
    expect(results[1]!.errorMessage).toMatch(/shipped/i);
  });

  it('createOrder is a full replace by orderKey; a shipped order is locked (order_locked)', async () => {
    const prefix = runPrefix('U');
    const first = await v1.createOrder(v1Order(prefix, 1, { internalNotes: 'first' }));
    const second = await v1.createOrder(v1Order(prefix, 1, { internalNotes: 'second', customerNotes: null }));
    expect(second.orderId).toBe(first.orderId);
    expect(second.internalNotes).toBe('second');
    const read = await v1.getOrder(first.orderId);
    expect(read).toMatchObject({
      orderKey: `${prefix}-1-1`,
      internalNotes: 'second',
      orderStatus: 'awaiting_shipment',
    });
    expect(parsePacific(read.createDate).getTime()).toBeLessThanOrEqual(parsePacific(read.modifyDate).getTime());

    const label = await v1.createLabelForOrder({
      orderId: first.orderId,
      carrierCode: 'ups',
      serviceCode: 'ups_ground',
      shipDate: '2026-11-26',
      weight: { value: 20, units: 'ounces' },
    });
    expect(label.trackingNumber).toBeTruthy();
    expect((await v1.getOrder(first.orderId)).orderStatus).toBe('shipped');
    const locked = await v1.createOrder(v1Order(prefix, 1, { internalNotes: 'third' })).catch((e) => e);
    expect(locked).toBeInstanceOf(ConnectorError);
    expect(locked).toMatchObject({ code: 'order_locked', retryable: false });

    const shipments = await v1.listShipments({ orderId: first.orderId, includeShipmentItems: true }).toArray();
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({ shipmentId: label.shipmentId, voided: false });
    expect(shipments[0]!.shipmentItems?.[0]).toMatchObject({ sku: 'A1-105/0', quantity: 2 });
    expect(await v1.voidLabel(label.shipmentId)).toMatchObject({ approved: true });
    const voided = await v1.listShipments({ orderId: first.orderId }).toArray();
    expect(voided[0]).toMatchObject({ voided: true });
  });

  it('a read-modify-write through v1OrderToInput keeps what warehouse staff changed', async () => {
    const order = await v1.createOrder(v1Order(runPrefix('O'), 1));
    await admin(sim, 'POST', `/orders/${order.orderId}/edit`, {
      carrierCode: 'fedex',
      serviceCode: 'fedex_2day',
      packageCode: 'fedex_envelope',
      weight: { value: 3, units: 'pounds' },
      tagIds: [1002],
    });
    const read = await v1.getOrder(order.orderId);
    const written = await v1.createOrder({ ...v1OrderToInput(read), internalNotes: 'changed by Sage' });
    expect(written).toMatchObject({
      orderId: order.orderId,
      internalNotes: 'changed by Sage',
      carrierCode: 'fedex',
      serviceCode: 'fedex_2day',
      packageCode: 'fedex_envelope',
      weight: { value: 3, units: 'pounds' },
      tagIds: [1002],
    });
    expect(written.items).toHaveLength(1);
  });

  it('holds, restores, marks shipped (a fulfillment, not a shipment) and deletes', async () => {
    const prefix = runPrefix('H');
    const order = await v1.createOrder(v1Order(prefix, 1));
    await v1.holdUntil(order.orderId, '2030-01-01');
    expect((await v1.getOrder(order.orderId)).orderStatus).toBe('on_hold');
    await v1.restoreFromHold(order.orderId);
    expect((await v1.getOrder(order.orderId)).orderStatus).toBe('awaiting_shipment');
    await v1.markAsShipped({
      orderId: order.orderId,
      carrierCode: 'fedex',
      shipDate: '2026-11-26',
      trackingNumber: 'TRK1',
    });
    const fulfillments = await v1.listFulfillments({ orderId: order.orderId }).toArray();
    expect(fulfillments).toHaveLength(1);
    expect(fulfillments[0]).toMatchObject({ orderId: order.orderId, trackingNumber: 'TRK1' });
    expect(await v1.listShipments({ orderId: order.orderId }).toArray()).toHaveLength(0);

    const other = await v1.createOrder(v1Order(prefix, 2));
    await v1.deleteOrder(other.orderId);
    // Soft delete: the order leaves the lists (whether GET by id still answers is UNKNOWN on the real API).
    const listed = await v1.listOrders({ orderNumberPrefix: prefix }).toArray();
    expect(listed.map((o) => o.orderId)).toEqual([order.orderId]);
  });

  it('pages lists as iterators and as pages, honouring a page limit', async () => {
    const prefix = runPrefix('P');
    await v1.createOrders(Array.from({ length: 7 }, (_, i) => v1Order(prefix, i + 1)));
    const pages = [];
    for await (const page of v1.listOrders({ orderNumberPrefix: prefix }, { pageSize: 3 }).pages()) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages[0]).toMatchObject({ total: 7, pages: 3, page: 1 });
    const limited = await v1.listOrders({ orderNumberPrefix: prefix }, { pageSize: 3, maxPages: 2 }).toArray();
    expect(limited).toHaveLength(6);
  });
});

describe('V1 client against the simulator: findOrdersByKeys never trusts the orderNumber prefix match', () => {
  let prefix: string;
  beforeAll(async () => {
    prefix = runPrefix('K');
    // `${prefix}00001` is a prefix of `${prefix}000012`: a lookup by orderNumber filter sees both.
    await v1.createOrders([
      v1Order(prefix, 1),
      v1Order(prefix, 12, { orderNumber: `${prefix}000012` }),
      v1Order(prefix, 1, { orderKey: `${prefix}-1-2`, orderNumber: `${prefix}00001-BO2` }),
      v1Order(prefix, 3),
    ]);
  });

  it('by covering prefixes: one query covers an order and its follow-ups', async () => {
    const before = v1.stats.snapshot().byEndpoint['GET /orders']?.requests ?? 0;
    const found = await v1.findOrdersByKeys([
      { orderKey: `${prefix}-1-1`, orderNumber: `${prefix}00001` },
      { orderKey: `${prefix}-1-2`, orderNumber: `${prefix}00001-BO2` },
      { orderKey: `${prefix}-404-1`, orderNumber: `${prefix}00404` },
    ]);
    expect([...found.keys()].sort()).toEqual([`${prefix}-1-1`, `${prefix}-1-2`]);
    expect(found.get(`${prefix}-1-1`)!.map((o) => o.orderNumber)).toEqual([`${prefix}00001`]);
    expect(v1.stats.snapshot().byEndpoint['GET /orders']?.requests).toBe(before + 2);
  });

  it('by a created-since scan when there are many keys', async () => {
    const found = await v1.findOrdersByKeys(
      [{ orderKey: `${prefix}-12-1`, orderNumber: `${prefix}000012` }, { orderKey: `${prefix}-3-1` }],
      { createdSince: new Date(Date.now() - 3_600_000), maxPrefixQueries: 0 },
    );
    expect([...found.keys()].sort()).toEqual([`${prefix}-12-1`, `${prefix}-3-1`]);
  });
});

describe('V1 client against the simulator: products and webhooks', () => {
  it('reads a product and writes it back whole', async () => {
    const [product] = await v1.listProducts({}, { maxPages: 1 }).toArray();
    expect(product).toBeDefined();
    const read = await v1.getProduct(product!.productId);
    await v1.updateProduct({ ...read, warehouseLocation: 'Aisle 9' });
    expect((await v1.getProduct(product!.productId)).warehouseLocation).toBe('Aisle 9');
  });

  it('subscribes, lists (PascalCase) and unsubscribes a webhook', async () => {
    const id = await v1.subscribeWebhook({
      targetUrl: 'http://127.0.0.1:9/hook',
      event: 'SHIP_NOTIFY',
      friendlyName: 'test',
    });
    const hooks = await v1.listWebhooks();
    expect(hooks.find((h) => h.WebHookID === id)).toMatchObject({
      HookType: 'SHIP_NOTIFY',
      Url: 'http://127.0.0.1:9/hook',
    });
    await v1.unsubscribeWebhook(id);
    expect((await v1.listWebhooks()).some((h) => h.WebHookID === id)).toBe(false);
  });
});

describe('V1 client against the simulator: failures', () => {
  it('refuses a resource_url outside the API before any request, sending no credential', async () => {
    let hits = 0;
    const trap = createServer((_req, res) => {
      hits += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const port = (trap.address() as AddressInfo).port;
    try {
      const before = v1.stats.snapshot().requests;
      for (const url of [
        `http://127.0.0.1:${port}/shipments?batchId=1`,
        `${sim.origin.replace('127.0.0.1', 'localhost')}/shipments`,
        `http://evil@${sim.origin.slice('http://'.length)}/shipments`,
      ]) {
        await expect(v1.fetchResource(url)).rejects.toMatchObject({ code: 'resource_url_refused', retryable: false });
      }
      expect(hits).toBe(0);
      expect(v1.stats.snapshot().requests).toBe(before);
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
  });

  it('a wrong secret is a permanent unauthorized error that names no credential', async () => {
    const secret = 'wrong-secret-value';
    const bad = new V1Client({
      baseUrl: sim.origin,
      credentials: { apiKey: DEMO_V1_KEY, apiSecret: secret },
      budget: createV1RateBudget(),
    });
    const error = (await bad.listWarehouses().catch((e) => e)) as ConnectorError;
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    const everything = JSON.stringify({ message: error.message, json: error.toJSON(), stack: error.stack });
    for (const secretText of [secret, DEMO_V1_KEY, Buffer.from(`${DEMO_V1_KEY}:${secret}`).toString('base64')]) {
      expect(everything).not.toContain(secretText);
    }
    expect(DEMO_V1_SECRET).not.toBe(secret);
  });

  it('logs requests and retries without a credential', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
    const secret = 'log-check-secret';
    const logged = new V1Client({
      baseUrl: sim.origin,
      credentials: { apiKey: 'log-check-key', apiSecret: secret },
      budget: createV1RateBudget(),
      logger,
    });
    await logged.listWarehouses().catch(() => undefined);
    const good = new V1Client({
      baseUrl: sim.origin,
      credentials: { apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
      budget: createV1RateBudget(),
      logger,
    });
    await admin(sim, 'POST', '/faults', { errors: [{ api: 'v1', route: '/warehouses', status: 503, count: 1 }] });
    await good.listWarehouses();
    await admin(sim, 'DELETE', '/faults');
    const text = lines.join('');
    expect(text).toContain('shipstation request will be retried');
    expect(text).toContain('GET /warehouses');
    for (const s of ['log-check-key', secret, DEMO_V1_KEY, DEMO_V1_SECRET, 'Basic ']) expect(text).not.toContain(s);
  });

  it('retries an idempotent createorders after a 500 and reports the retry', async () => {
    await admin(sim, 'POST', '/faults', {
      errors: [{ api: 'v1', route: '/orders/createorders', status: 500, count: 1 }],
    });
    const before = v1.stats.snapshot();
    const results = await v1.createOrders([v1Order(runPrefix('R'), 1)]);
    expect(results[0]!.success).toBe(true);
    const after = v1.stats.snapshot();
    expect(after.retries - before.retries).toBe(1);
    await admin(sim, 'DELETE', '/faults');
  });

  it('waits out a 429 storm for the advertised reset and succeeds, for every caller of the budget', async () => {
    await admin(sim, 'POST', '/faults', { storm: { api: 'v1', durationMs: 1_000 } });
    const fresh = v1For(sim);
    const started = performance.now();
    const [warehouses, carriers] = await Promise.all([fresh.listWarehouses(), fresh.listCarriers()]);
    expect(warehouses.length).toBeGreaterThan(0);
    expect(carriers.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeGreaterThan(900);
    // The first answer (a probe: the window was unknown) blocked the budget; the second call waited instead
    // of meeting the storm too.
    expect(fresh.stats.snapshot()).toMatchObject({ requests: 3, rateLimited: 1, retries: 1 });
    await admin(sim, 'DELETE', '/faults');
  });

  it('does not retry a label purchase after a lost answer', async () => {
    const order = await v1.createOrder(v1Order(runPrefix('L'), 1));
    await admin(sim, 'POST', '/faults', {
      timeouts: [{ api: 'v1', route: '/orders/createlabelfororder', count: 1, holdMs: 2_000, phase: 'after' }],
    });
    const quick = v1For(sim, {}, 500);
    const error = await quick
      .createLabelForOrder({
        orderId: order.orderId,
        carrierCode: 'ups',
        serviceCode: 'ups_ground',
        shipDate: '2026-11-26',
      })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(quick.stats.snapshot().retries).toBe(0);
    await admin(sim, 'DELETE', '/faults');
    // The server did the work: the engine would find the label by reading the order back.
    expect((await v1.getOrder(order.orderId)).orderStatus).toBe('shipped');
  });

  it('a malformed page is a permanent ResponseShapeError', async () => {
    await admin(sim, 'POST', '/faults', { malformed: { api: 'v1', count: 1, mode: 'wrong-shape' } });
    const error = await v1
      .listOrders({}, { maxPages: 1 })
      .toArray()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error.message).toMatch(/orders/);
    await admin(sim, 'DELETE', '/faults');
  });
});
