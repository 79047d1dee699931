import { pathToFileURL } from 'node:url';
import { DEMO_V1_KEY, DEMO_V1_SECRET, DEMO_V2_KEY } from '../src/simulators/demo-world.js';
import { startShipStationSimulator } from '../src/simulators/shipstation/shipstation-simulator.js';

/**
 * ShipStation simulator throughput over real HTTP, with rate limits lifted so that only the simulator is measured:
 * createorders of 100 (new and upserts), V1 and V2 list pages with the filters the connector polls with, labels and
 * their webhook follow-ups. The point is that the simulator is never the bottleneck of the connector's benchmarks
 * (the real V1 allows 40 requests a minute; one createorders here takes a few ms).
 */
export interface ShipStationSimFigures {
  orders: number;
  createordersMs: number;
  upsertMs: number;
  v1ModifiedPageMs: number;
  v1PrefixSearchMs: number;
  v2PageMs: number;
  v2ByExternalIdMs: number;
  labelMs: number;
  shipmentsByBatchMs: number;
  heapMb: number;
}

const V1_AUTH = `Basic ${Buffer.from(`${DEMO_V1_KEY}:${DEMO_V1_SECRET}`).toString('base64')}`;

function order(n: number, note = ''): Record<string, unknown> {
  return {
    orderNumber: String(100_000 + n),
    orderKey: `SAMINC-${100_000 + n}-1`,
    orderDate: '2026-11-20T12:00:00',
    orderStatus: 'awaiting_shipment',
    customerUsername: `C${n % 50}`,
    billTo: { name: 'Buyer' },
    shipTo: { name: 'Buyer', street1: '1 Main St', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US' },
    items: [
      { lineItemKey: '32', sku: `SKU-${n % 200}`, name: 'Item', quantity: 2, unitPrice: 3.5 },
      { lineItemKey: '64', sku: `SKU-${(n + 1) % 200}`, name: 'Item', quantity: 1, unitPrice: 9 },
    ],
    internalNotes: note || null,
    carrierCode: 'ups',
    serviceCode: 'ups_ground',
  };
}

async function timed(run: () => Promise<unknown>, repeat: number): Promise<number> {
  await run();
  const started = performance.now();
  for (let i = 0; i < repeat; i++) await run();
  return (performance.now() - started) / repeat;
}

async function call(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export async function benchShipStationSim(
  options: { orders?: number; print?: (line: string) => void } = {},
): Promise<ShipStationSimFigures> {
  const count = options.orders ?? 10_000;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const sim = await startShipStationSimulator({ v1Rate: 1_000_000, v2Rate: 1_000_000 });
  const v1 = { authorization: V1_AUTH, 'content-type': 'application/json' };
  const v2 = { 'api-key': DEMO_V2_KEY };
  try {
    let started = performance.now();
    for (let first = 0; first < count; first += 100) {
      const batch = Array.from({ length: Math.min(100, count - first) }, (_, i) => order(first + i));
      await call(`${sim.origin}/orders/createorders`, { method: 'POST', headers: v1, body: JSON.stringify(batch) });
    }
    const createordersMs = ((performance.now() - started) * 100) / count;
    let round = 0;
    const upsertMs = await timed(async () => {
      round++;
      const batch = Array.from({ length: 100 }, (_, i) => order(i, `round ${round}`));
      await call(`${sim.origin}/orders/createorders`, { method: 'POST', headers: v1, body: JSON.stringify(batch) });
    }, 20);
    const since = encodeURIComponent('2020-01-01 00:00:00');
    const v1ModifiedPageMs = await timed(
      () =>
        call(`${sim.origin}/orders?modifyDateStart=${since}&sortBy=ModifyDate&pageSize=500&page=3`, { headers: v1 }),
      20,
    );
    const v1PrefixSearchMs = await timed(() => call(`${sim.origin}/orders?orderNumber=1050`, { headers: v1 }), 20);
    const v2PageMs = await timed(
      () => call(`${sim.v2Url}/shipments?shipment_status=pending&page=2&page_size=100`, { headers: v2 }),
      20,
    );
    const v2ByExternalIdMs = await timed(
      () => call(`${sim.v2Url}/shipments/external_shipment_id/SAMINC-105000-1`, { headers: v2 }),
      50,
    );
    const orders = (await call(`${sim.origin}/orders?pageSize=500&page=2`, { headers: v1 })) as {
      orders: { orderId: number }[];
    };
    started = performance.now();
    let lastBatch = 0;
    for (const o of orders.orders.slice(0, 200)) {
      const label = (await call(`${sim.origin}/orders/createlabelfororder`, {
        method: 'POST',
        headers: v1,
        body: JSON.stringify({ orderId: o.orderId, carrierCode: 'ups', serviceCode: 'ups_ground' }),
      })) as { shipmentId: number };
      lastBatch = label.shipmentId;
    }
    const labelMs = (performance.now() - started) / 200;
    const batchId = sim.admin.listShipments().find((s) => s['shipmentId'] === lastBatch)?.['batchId'];
    const shipmentsByBatchMs = await timed(
      () => call(`${sim.origin}/shipments?batchId=${batchId}&includeShipmentItems=True`, { headers: v1 }),
      50,
    );
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    const figures = {
      orders: count,
      createordersMs,
      upsertMs,
      v1ModifiedPageMs,
      v1PrefixSearchMs,
      v2PageMs,
      v2ByExternalIdMs,
      labelMs,
      shipmentsByBatchMs,
      heapMb,
    };
    print(`shipstation simulator: ${count} orders over real HTTP (rate limits lifted)`);
    print(`  createorders of 100 (new):                 ${createordersMs.toFixed(1)} ms`);
    print(`  createorders of 100 (full-replace upsert): ${upsertMs.toFixed(1)} ms`);
    print(`  V1 /orders modifyDateStart, page of 500:   ${v1ModifiedPageMs.toFixed(1)} ms`);
    print(`  V1 /orders orderNumber prefix search:      ${v1PrefixSearchMs.toFixed(1)} ms`);
    print(`  V2 /shipments pending, page of 100:        ${v2PageMs.toFixed(1)} ms`);
    print(`  V2 shipment by external_shipment_id:       ${v2ByExternalIdMs.toFixed(2)} ms`);
    print(`  createlabelfororder:                       ${labelMs.toFixed(2)} ms`);
    print(`  /shipments?batchId (webhook follow-up):    ${shipmentsByBatchMs.toFixed(2)} ms`);
    print(`  heap in use at the end:                    ${heapMb.toFixed(0)} MB`);
    return figures;
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchShipStationSim();
}
