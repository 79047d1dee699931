import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import type { FlowRunResult } from '../../src/engine/flow-runner.js';
import { createLogger } from '../../src/observability/logger.js';
import { Service } from '../../src/runtime/service.js';
import { enterOrders } from '../helpers/sage-orders.js';
import { startWorld, type World } from '../helpers/world.js';
import { mappedTargets, sageOnHand, shipStationOnHand } from '../inventory/inventory-helpers.js';

/** A pass of a flow as the store saw it: from `started` (lease taken) to `finished`. */
interface Interval {
  flow: string;
  start: number;
  end: number | null;
}

function overlaps(intervals: readonly Interval[]): number {
  let n = 0;
  for (let i = 0; i < intervals.length; i++)
    for (let j = i + 1; j < intervals.length; j++) {
      const a = intervals[i]!;
      const b = intervals[j]!;
      if (a.flow !== b.flow) continue;
      const aEnd = a.end ?? Number.POSITIVE_INFINITY;
      const bEnd = b.end ?? Number.POSITIVE_INFINITY;
      if (a.start < bEnd && b.start < aEnd) n++;
    }
  return n;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('one pass per connection and flow inside one process (issue 12, point 1)', () => {
  let w: World;
  let app: App;
  let service: Service;
  const logs: { level: number; msg: string; err?: { type?: string; code?: string } }[] = [];
  const intervals: Interval[] = [];
  const runs: { key: string; result: FlowRunResult; at: number }[] = [];
  let seq = 0;
  let edited = '';

  beforeAll(async () => {
    w = await startWorld({ rateWindowMs: 300 });
    // An order the start round sends, for the edits pass to update later.
    [edited] = enterOrders(w.sage, 1, { start: 700 }) as [string];
    app = await openApp({
      // Long intervals: only the start round and the test's own triggers run.
      env: {
        ...w.env,
        ORDERS_POLL_SECONDS: '3600',
        ORDERS_EDITS_POLL_SECONDS: '3600',
        INVENTORY_POLL_SECONDS: '3600',
        REFERENCE_POLL_SECONDS: '3600',
        FLOW_LEASE_SECONDS: '3',
      },
      logger: createLogger({ level: 'warn', destination: { write: (line: string) => logs.push(JSON.parse(line)) } }),
      notice: () => {},
    });
    // The store's view of each pass, in the order of events (a counter, not the wall clock).
    const flows = app.store.flows;
    const started = flows.started.bind(flows);
    const finished = flows.finished.bind(flows);
    const open = new Map<string, Interval>();
    flows.started = async (id, flow) => {
      const interval: Interval = { flow, start: ++seq, end: null };
      intervals.push(interval);
      open.set(flow, interval);
      return started(id, flow);
    };
    flows.finished = async (id, flow, outcome) => {
      const interval = open.get(flow);
      if (interval) interval.end = ++seq;
      return finished(id, flow, outcome);
    };
    service = new Service(app, { skipJobs: ['shipments'] });
    const add = service.scheduler.add.bind(service.scheduler);
    service.scheduler.add = (job) =>
      add({
        ...job,
        run: async (signal) => {
          const result = await job.run(signal);
          runs.push({ key: job.key, result, at: ++seq });
          return result;
        },
      });
    await service.prepare();
    service.start();
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await app?.close();
    await w?.stop();
  });

  const id = () => w.connection.id;
  const JOBS = [
    'orders',
    'orders-edits',
    'reconcile',
    'inventory',
    'inventory-reconcile',
    'reference',
    'reference-extras',
  ];

  it('runs every job made due at the same instant, one pass of a flow at a time, each doing its work', async () => {
    // The start round: reference, its extras, inventory, then orders after the reference pass.
    const atStart = ['reference', 'reference-extras', 'inventory', 'orders'].map((j) => `${id()}:${j}`);
    await until('the start round', () => atStart.every((k) => runs.some((r) => r.key === k)));

    // Work for every pass: a new order, an edit of a sent one, a stock change.
    expect(w.ss.admin.getOrderByKey(`SAMINC-${edited}-1`)['orderStatus']).toBe('awaiting_shipment');
    w.sage.admin.editOrder(edited, { header: { ShipToAddressLine1: '12 Gate Street', ShipToCity: 'Olympia' } });
    const [fresh] = enterOrders(w.sage, 1, { start: 701 });
    expect(() => w.ss.admin.getOrderByKey(`SAMINC-${fresh}-1`)).toThrow(/No order/);
    const item = [...(await sageOnHand(w)).keys()].find((k) => k.startsWith('1|'))!.slice(2);
    w.sage.admin.adjustStock({ item, location: '1', quantity: 7, kind: 'receipt' });
    const before = runs.length;
    const mark = ++seq;
    // All seven jobs due at the same instant — and each asked twice, as a webhook or "run now" would.
    for (const job of [...JOBS, ...JOBS]) service.trigger(`${id()}:${job}`);
    await until('every job to run once more', () =>
      JOBS.every((j) => runs.some((r) => r.key === `${id()}:${j}` && r.at > mark)),
    );
    const after = runs.slice(before);
    // Every job's pass ran: none was busy (turned away), failed or stopped.
    expect(after.filter((r) => r.result.status !== 'ran').map((r) => `${r.key}: ${JSON.stringify(r.result)}`)).toEqual(
      [],
    );
    // Never two passes of one flow at once.
    expect(intervals.length).toBeGreaterThanOrEqual(atStart.length + JOBS.length);
    expect(overlaps(intervals)).toBe(0);
    // No lease was lost or found busy, and no pass failed.
    expect(logs.filter((l) => /lease/i.test(l.msg) || l.err?.code === 'lease_lost')).toEqual([]);
    expect(logs.filter((l) => /flow run failed|scheduled flow failed/.test(l.msg))).toEqual([]);
    // The work is done: the new order and the edit are in ShipStation, its levels are Sage's.
    expect(w.ss.admin.getOrderByKey(`SAMINC-${fresh}-1`)['orderStatus']).toBe('awaiting_shipment');
    expect(w.ss.admin.getOrderByKey(`SAMINC-${edited}-1`)['shipTo']).toMatchObject({
      street1: '12 Gate Street',
      city: 'Olympia',
    });
    const targets = await mappedTargets(w);
    const sage = await sageOnHand(w);
    const shown = await shipStationOnHand(w, targets);
    let compared = 0;
    for (const t of targets)
      for (const [key, onHand] of sage) {
        const [location, sku] = key.split('|') as [string, string];
        if (location !== t.sageLocation) continue;
        expect(shown.get(`${t.inventoryLocationId}|${sku}`), `${sku} at ${location}`).toBe(
          Math.max(0, Math.floor(onHand)),
        );
        compared++;
      }
    expect(compared).toBe(sage.size);
  }, 120_000);
});
