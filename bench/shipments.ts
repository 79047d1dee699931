import { pathToFileURL } from 'node:url';
import { startService } from '../src/compose.js';
import { runOrders } from '../src/runtime/flows/orders-flow.js';
import { runReference } from '../src/runtime/flows/reference-flow.js';
import { runShipments } from '../src/runtime/flows/shipments-flow.js';
import { ensureWebhookSubscriptions } from '../src/runtime/webhook-subscriptions.js';
import { startWorld, type World } from '../src/testing/world.js';

/**
 * The shipments flow against both simulators (real HTTP, SQLite):
 * - webhook → Sage latency, one label at a time, webhook delay 0: from the simulator's delivery attempt (and
 *   from the label purchase) until the Sage order shows the shipment, p50/p95, V1 and V2;
 * - the same while the service's first poll runs (the simulator holds its last list for two minutes): a
 *   webhook must not wait behind a poll (issue 12, point 6), so the figures should match the ones above;
 * - throughput: many labels at once, written back by polling passes: shipments per minute, Sage requests and
 *   ShipStation requests per shipment (rate window shortened to `windowMs`, same arithmetic as the real minute).
 */
export interface ShipmentsFigures {
  latency: { api: 'v1' | 'v2'; labels: number; fromDelivery: Pct; fromLabel: Pct }[];
  /** The same, measured while a slow first poll runs; `pollStillRunning`: it had not ended when the last label was in Sage. */
  duringPoll: { api: 'v1' | 'v2'; labels: number; fromDelivery: Pct; fromLabel: Pct; pollStillRunning: boolean }[];
  throughput: {
    labels: number;
    ms: number;
    perMinute: number;
    sagePerShipment: number;
    shipstationPerShipment: number;
  };
}

interface Pct {
  p50: number;
  p95: number;
}

export async function benchShipments(
  options: {
    latencyLabels?: number;
    duringPollLabels?: number;
    throughputLabels?: number;
    windowMs?: number;
    print?: (line: string) => void;
  } = {},
): Promise<ShipmentsFigures> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const latencyLabels = options.latencyLabels ?? 100;
  const throughputLabels = options.throughputLabels ?? 500;
  const windowMs = options.windowMs ?? 1000;
  const latency: ShipmentsFigures['latency'] = [];
  for (const api of ['v1', 'v2'] as const) latency.push(await latencyRun(api, latencyLabels, windowMs));
  const duringPollLabels = options.duringPollLabels ?? 20;
  const duringPoll: ShipmentsFigures['duringPoll'] = [];
  for (const api of ['v1', 'v2'] as const) {
    const run = await latencyRun(api, duringPollLabels, windowMs, { slowPollMs: SLOW_POLL_MS });
    duringPoll.push({ ...run, pollStillRunning: run.pollStillRunning ?? false });
  }
  const throughput = await throughputRun(throughputLabels, windowMs);

  print(`shipments: webhook → Sage latency (webhook delay 0, one label at a time, ${latencyLabels} labels per API)`);
  for (const l of latency) {
    print(
      `  ${l.api.toUpperCase()}: from delivery p50 ${l.fromDelivery.p50.toFixed(0)} ms, p95 ${l.fromDelivery.p95.toFixed(0)} ms; ` +
        `from label purchase p50 ${l.fromLabel.p50.toFixed(0)} ms, p95 ${l.fromLabel.p95.toFixed(0)} ms`,
    );
  }
  print(
    `shipments: the same while the first poll runs (its last list held ${SLOW_POLL_MS / 1000} s), ${duringPollLabels} labels per API`,
  );
  for (const l of duringPoll) {
    print(
      `  ${l.api.toUpperCase()}: from delivery p50 ${l.fromDelivery.p50.toFixed(0)} ms, p95 ${l.fromDelivery.p95.toFixed(0)} ms; ` +
        `from label purchase p50 ${l.fromLabel.p50.toFixed(0)} ms, p95 ${l.fromLabel.p95.toFixed(0)} ms; ` +
        `poll still running after the last label: ${l.pollStillRunning ? 'yes' : 'NO (figures not while polling)'}`,
    );
  }
  const t = throughput;
  print(`shipments: ${t.labels} labels written back by polling (V1 + V2 key, rate window ${windowMs} ms)`);
  print(`  ${t.perMinute.toFixed(0)} shipments/min (${(t.ms / 1000).toFixed(1)} s)`);
  print(`  Sage requests per shipment: ${t.sagePerShipment.toFixed(2)}`);
  print(`  ShipStation requests per shipment: ${t.shipstationPerShipment.toFixed(3)}`);
  return { latency, duringPoll, throughput };
}

/** How long the simulator holds the first poll's last list (the safety net's shipped orders) in `duringPoll`. */
const SLOW_POLL_MS = 120_000;
/** That list, per API: only the poll reads it (webhook resources and a label's own reads are other paths). */
const SLOW_ROUTE = { v1: '/^\\/orders$/', v2: '/^\\/v2\\/shipments$/' } as const;

interface BenchWorld extends World {
  orders: { uniquifier: string; orderKey: string }[];
}

async function benchWorld(
  api: 'v1' | 'v2',
  orders: number,
  windowMs: number,
  env: Record<string, string> = {},
): Promise<BenchWorld> {
  const world = await startWorld({
    api,
    v2Only: api === 'v2',
    rateWindowMs: windowMs,
    sage: { seed: 'demo', pageSize: 1000 },
    env: { PORT: '0', ...env },
  });
  const { sage, connector, connection } = world;
  sage.admin.addItem({
    itemNumber: 'BENCH-A',
    description: 'Bench A',
    unitWeight: 1,
    weightUnit: 'lbs.',
    price: 10,
    onHand: 10_000_000,
  });
  sage.admin.addItem({
    itemNumber: 'BENCH-B',
    description: 'Bench B',
    unitWeight: 2,
    weightUnit: 'lbs.',
    price: 20,
    onHand: 10_000_000,
  });
  const made = Array.from({ length: orders }, (_, i) => {
    const o = sage.admin.createOrder({
      customerNumber: '1100',
      shipViaCode: 'UPSGND',
      location: '1',
      lines: [
        { item: 'BENCH-A', quantity: 1 + (i % 4), location: '1' },
        { item: 'BENCH-B', quantity: 1, location: '1' },
      ],
    }) as { OrderUniquifier: number; OrderNumber: string };
    return { uniquifier: String(o.OrderUniquifier), orderKey: `SAMINC-${o.OrderNumber}-1` };
  });
  await runReference(connector, connection);
  const sent = await runOrders(connector, connection, 'new');
  if (sent.status !== 'ran') throw new Error(`orders pass: ${JSON.stringify(sent)}`);
  return Object.assign(world, { orders: made });
}

const orderIdOf = (w: BenchWorld, orderKey: string) =>
  (w.ss.admin.getOrderByKey(orderKey) as { orderId: number }).orderId;
const shipments = (w: BenchWorld, uniquifier: string) =>
  (w.sage.admin.getOrder(Number(uniquifier)) as { NumberOfShipments: number }).NumberOfShipments;

async function latencyRun(api: 'v1' | 'v2', labels: number, windowMs: number, options: { slowPollMs?: number } = {}) {
  const slow = options.slowPollMs;
  const env = slow ? { SHIPSTATION_TIMEOUT_SECONDS: String(Math.ceil(slow / 1000) + 60) } : {};
  const w = await benchWorld(api, labels, windowMs, { SHIPMENTS_POLL_SECONDS: '3600', ...env });
  // The service's first shipments pass (at start) polls a 3-day look-back; held here, it runs for `slow` ms.
  if (slow) w.ss.admin.setFaults({ latency: [{ api, method: 'GET', route: SLOW_ROUTE[api], ms: slow }] });
  // The service as `start` runs it, with the orders, reference and shipments jobs only.
  const service = await startService(w.app, {
    dashboard: false,
    skipJobs: ['inventory', 'inventory-reconcile', 'reference-extras'],
  });
  const servers = service.servers;
  await ensureWebhookSubscriptions(service.service.connector, w.connection, { publicUrl: servers.publicUrl });
  const rt = await w.connector.runtime(w.connection);
  const fromDelivery: number[] = [];
  const fromLabel: number[] = [];
  let pollStillRunning: boolean | undefined;
  try {
    for (const o of w.orders) {
      const orderId = orderIdOf(w, o.orderKey);
      const t0 = Date.now();
      const batch =
        api === 'v1'
          ? (await rt.v1!.createLabelForOrder({
              orderId,
              carrierCode: 'ups',
              serviceCode: 'ups_ground',
              shipDate: '2026-11-27',
            })) &&
            (w.ss.admin.listShipments() as { orderId: number; batchId: number }[]).find((s) => s.orderId === orderId)
              ?.batchId
          : Number((await rt.v2!.createLabelFromShipment(`se-${orderId}`)).batch_id?.toString().replace(/^se-/, ''));
      while (shipments(w, o.uniquifier) < 1) {
        if (Date.now() - t0 > 30_000) throw new Error(await stuck(w, o.orderKey));
        await new Promise((r) => setTimeout(r, 2));
      }
      const done = Date.now();
      const sent = w.ss.admin
        .deliveries()
        .filter(
          (d) =>
            d.status === 'delivered' &&
            String((d.payload as { resource_url?: string }).resource_url ?? '').match(
              new RegExp(`batch_?[iI]d=(se-)?${batch}(&|$)`),
            ),
        )
        .flatMap((d) => d.attempts.map((a) => a.at));
      fromLabel.push(done - t0);
      fromDelivery.push(done - (sent.length > 0 ? Math.min(...sent) : t0));
    }
    // The first poll saves its cursor when it ends: none yet means every label above went through while it ran.
    if (slow) pollStillRunning = !(await w.app.store.cursors.get(w.connection.id, 'shipments', `poll:${api}`));
  } finally {
    await service.stop();
    await w.stop();
  }
  return { api, labels, fromDelivery: pct(fromDelivery), fromLabel: pct(fromLabel), pollStillRunning };
}

async function throughputRun(labels: number, windowMs: number) {
  const w = await benchWorld('v1', labels, windowMs);
  try {
    for (const o of w.orders) w.ss.admin.createLabel(orderIdOf(w, o.orderKey), {});
    const sageBefore = w.sage.stats.snapshot().total;
    const ssBefore = w.ss.admin.stats().total;
    const t0 = Date.now();
    let written = 0;
    for (let pass = 0; pass < 50 && written < labels; pass++) {
      const r = await runShipments(w.connector, w.connection);
      if (r.status !== 'ran') throw new Error(`shipments pass: ${JSON.stringify(r)}`);
      written = (await w.app.store.shipmentEvents.byState(w.connection.id, ['written'], 100_000)).length;
    }
    const ms = Date.now() - t0;
    if (written < labels) throw new Error(`only ${written} of ${labels} written`);
    return {
      labels,
      ms,
      perMinute: (labels / ms) * 60_000,
      sagePerShipment: (w.sage.stats.snapshot().total - sageBefore) / labels,
      shipstationPerShipment: (w.ss.admin.stats().total - ssBefore) / labels,
    };
  } finally {
    await w.stop();
  }
}

/** Why a label did not reach Sage in time: what the inbox and the order's shipment events say. */
async function stuck(w: BenchWorld, orderKey: string): Promise<string> {
  const inbox = await w.app.store.inbox.counts(w.connection.id);
  const waiting = (await w.app.store.inbox.pending(w.connection.id, 5)).map(
    (i) => `${i.attempts} × ${i.error ?? 'no error'}`,
  );
  const events = await w.app.store.shipmentEvents.forOrderKeys(w.connection.id, [orderKey]);
  const flow = await w.app.store.flows.get(w.connection.id, 'shipments');
  return `label of ${orderKey} not in Sage after 30 s; inbox ${JSON.stringify(inbox)} (${waiting.join('; ')}); events ${JSON.stringify(
    events.map((e) => [e.sourceId, e.state, e.reason]),
  )}; shipments flow ${flow?.lastStatus ?? '?'} ${flow?.lastError ?? ''}`;
}

function pct(xs: number[]): Pct {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
  return { p50: at(50), p95: at(95) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchShipments();
}
