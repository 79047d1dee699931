import { pathToFileURL } from 'node:url';
import { V1Client } from '../src/integrations/shipstation/v1-client.js';
import { createV1RateBudget } from '../src/integrations/shipstation/v1-rate-budget.js';
import type { V1OrderInput } from '../src/integrations/shipstation/v1-types.js';
import { V2Client } from '../src/integrations/shipstation/v2-client.js';
import { createV2RateBudget } from '../src/integrations/shipstation/v2-rate-budget.js';
import type { V2ShipmentInput } from '../src/integrations/shipstation/v2-types.js';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../src/simulators/demo-world.js';
import { startShipStationSimulator } from '../src/simulators/shipstation/shipstation-simulator.js';

/**
 * The connector's ShipStation push through the real clients and rate budgets, against the simulator with the
 * documented limits (V1 40, V2 200 per window) and the window shortened so the run takes seconds with the
 * same arithmetic. Figures: calls, 429s, ShipStation requests per order, elapsed time, and what the same
 * push costs at the real one-minute window. A second V1 run has "another app" spending requests of the same
 * key pair meanwhile, which only the server's X-Rate-Limit-* headers reveal.
 */
export interface ShipStationPushFigures {
  orders: number;
  windowMs: number;
  v1: PushRun;
  v1WithOtherApp: PushRun & { otherAppRequests: number; otherApp429s: number };
  v2: PushRun;
}

export interface PushRun {
  calls: number;
  rateLimited: number;
  requestsPerOrder: number;
  elapsedMs: number;
  /** Rate windows the calls span: at the real one-minute window the push takes about windows − 1 minutes. */
  windows: number;
}

export async function benchShipStationPush(
  options: { orders?: number; windowMs?: number; print?: (line: string) => void } = {},
): Promise<ShipStationPushFigures> {
  const orders = options.orders ?? 5_000;
  const windowMs = options.windowMs ?? 2_000;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));

  const v1 = await runV1(orders, windowMs, 0);
  const other = await runV1(orders, windowMs, 8);
  const v2 = await runV2(orders, windowMs);
  const figures: ShipStationPushFigures = { orders, windowMs, v1, v1WithOtherApp: other, v2 };

  print(`shipstation push: ${orders} orders, rate window shortened to ${windowMs} ms (same arithmetic)`);
  const line = (name: string, r: PushRun) =>
    print(
      `  ${name.padEnd(34)} ${String(r.calls).padStart(4)} calls, ${r.rateLimited} × 429, ` +
        `${r.requestsPerOrder.toFixed(3)} requests/order, ${(r.elapsedMs / 1000).toFixed(1)} s ` +
        `(${r.windows} window${r.windows === 1 ? '' : 's'}: ≈ ${r.windows - 1} min + seconds at the real limit)`,
    );
  line('V1 createorders (40/window)', v1);
  line('V1 with another app on the key', other);
  print(`    the other app sent ${other.otherAppRequests} requests and received ${other.otherApp429s} × 429`);
  line('V2 POST /v2/shipments (200/window)', v2);
  return figures;
}

async function runV1(count: number, windowMs: number, otherPerWindow: number) {
  const sim = await startShipStationSimulator({ v1Rate: 40, rateWindowMs: windowMs });
  const client = new V1Client({
    baseUrl: sim.origin,
    credentials: { apiKey: DEMO_V1_KEY, apiSecret: DEMO_V1_SECRET },
    budget: createV1RateBudget(),
  });
  const other = { running: true, requests: 0, refused: 0 };
  const auth = `Basic ${Buffer.from(`${DEMO_V1_KEY}:${DEMO_V1_SECRET}`).toString('base64')}`;
  const otherApp = (async () => {
    // Spends `otherPerWindow` requests per window, spread evenly, ignoring the headers as a careless app would.
    while (other.running && otherPerWindow > 0) {
      const response = await fetch(`${sim.origin}/warehouses`, { headers: { authorization: auth } });
      await response.text();
      other.requests += 1;
      if (response.status === 429) other.refused += 1;
      await new Promise((r) => setTimeout(r, windowMs / otherPerWindow));
    }
  })();
  try {
    const batch: V1OrderInput[] = Array.from({ length: count }, (_, i) => order(i));
    const started = performance.now();
    const results = await client.createOrders(batch);
    const elapsedMs = performance.now() - started;
    if (results.some((r) => !r.success)) throw new Error('some orders failed');
    const stats = client.stats.snapshot();
    return {
      calls: stats.requests,
      rateLimited: stats.rateLimited,
      requestsPerOrder: stats.requests / count,
      elapsedMs,
      windows: Math.ceil(stats.requests / Math.max(1, 40 - otherPerWindow)),
      otherAppRequests: other.requests,
      otherApp429s: other.refused,
    };
  } finally {
    other.running = false;
    await otherApp;
    await sim.stop();
  }
}

async function runV2(count: number, windowMs: number): Promise<PushRun> {
  const sim = await startShipStationSimulator({ v2Rate: 200, rateWindowMs: windowMs });
  try {
    const client = new V2Client({
      baseUrl: sim.v2Url,
      credentials: { apiKey: DEMO_V2_KEY },
      budget: createV2RateBudget({ limit: 200, windowMs }),
    });
    const warehouseId = (await client.listWarehouses())[0]!.warehouse_id;
    client.stats.reset();
    const shipments: V2ShipmentInput[] = Array.from({ length: count }, (_, i) => shipment(i, warehouseId));
    const started = performance.now();
    const results = await client.createShipments(shipments);
    const elapsedMs = performance.now() - started;
    if (results.some((r) => !r.ok)) throw new Error('some shipments failed');
    const stats = client.stats.snapshot();
    return {
      calls: stats.requests,
      rateLimited: stats.rateLimited,
      requestsPerOrder: stats.requests / count,
      elapsedMs,
      windows: Math.ceil(stats.requests / 200),
    };
  } finally {
    await sim.stop();
  }
}

const address = {
  name: 'Buyer',
  street1: '1 Main St',
  city: 'Seattle',
  state: 'WA',
  postalCode: '98101',
  country: 'US',
  phone: '206-555-0100',
};

function order(n: number): V1OrderInput {
  return {
    orderKey: `SAMINC-${100_000 + n}-1`,
    orderNumber: String(100_000 + n),
    orderDate: '2026-11-20T12:00:00.0000000',
    orderStatus: 'awaiting_shipment',
    customerUsername: `C${n % 50}`,
    billTo: address,
    shipTo: address,
    items: [
      { lineItemKey: '32', sku: `SKU-${n % 200}`, name: 'Item', quantity: 2, unitPrice: 3.5 },
      { lineItemKey: '64', sku: `SKU-${(n + 1) % 200}`, name: 'Item', quantity: 1, unitPrice: 9 },
    ],
    carrierCode: 'ups',
    serviceCode: 'ups_ground',
  };
}

function shipment(n: number, warehouseId: string): V2ShipmentInput {
  return {
    external_shipment_id: `SAMINC-${100_000 + n}-1`,
    shipment_number: String(100_000 + n),
    create_sales_order: true,
    warehouse_id: warehouseId,
    ship_to: {
      name: 'Buyer',
      phone: '206-555-0100',
      address_line1: '1 Main St',
      city_locality: 'Seattle',
      state_province: 'WA',
      postal_code: '98101',
      country_code: 'US',
      address_residential_indicator: 'unknown',
    },
    items: [{ name: 'Item', sku: `SKU-${n % 200}`, quantity: 2, unit_price: 3.5, external_order_item_id: '32' }],
    packages: [{ package_code: 'package', weight: { value: 20, unit: 'ounce' } }],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchShipStationPush();
}
