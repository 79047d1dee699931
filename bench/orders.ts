import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parsePacific } from '../src/integrations/shipstation/pacific-time.js';
import { spawnCli, startCli } from '../src/testing/cli.js';
import { enterOrders } from '../src/testing/sage-orders.js';
import { startWorld, type World } from '../src/testing/world.js';

/**
 * The orders flow at volume (issue 5): a 10,000-order backlog pushed by `ml-connector sync orders` in its own
 * process against both simulators, with the ShipStation rate window shortened to `windowMs` (same
 * arithmetic as the real 60 s window: 40 requests per window on V1, 200 on V2). Then a steady-state run of
 * `ml-connector start` with orders entered one by one, for the latency from entry in Sage to visible in
 * ShipStation. Prints: orders per minute (scaled to the real window) against the rate bound, ShipStation
 * and Sage requests per order, p50/p95 latency, the connector's peak RSS (its own process only: the
 * simulators run in the bench's process, the connector in a child). `npm run bench -- orders --orders
 * 100000` sets the backlog. Peak RSS of `sync orders` on a 2-core box (issue 15): before the heap's growth
 * was bounded (src/cli/heap-growth.ts) 247 MB at 10,000 orders, 295 MB at 50,000; after, 184 MB at 10,000 and
 * 190 MB at 100,000 (V1, default window).
 */
export interface OrdersBenchFigures {
  api: 'v1' | 'v2';
  orders: number;
  seconds: number;
  windows: number;
  perRealMinute: number;
  boundPerRealMinute: number;
  shipstationPerOrder: number;
  sagePerOrder: number;
  rateLimited: number;
  peakRssMb: number;
  backlogLatency: { p50: number; p95: number };
  steady: { orders: number; p50: number; p95: number; pollSeconds: number };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : Number.NaN;
};

/** Peak resident memory (VmHWM) of a process, read while it runs. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function visibleAt(w: World, key: string): number {
  const o = w.ss.admin.getOrderByKey(key);
  return parsePacific(String(o['createDate'])).getTime();
}

export async function benchOrders(
  options: {
    api?: 'v1' | 'v2';
    orders?: number;
    windowMs?: number;
    steadyOrders?: number;
    print?: (l: string) => void;
  } = {},
): Promise<OrdersBenchFigures> {
  const api = options.api ?? 'v1';
  const count = options.orders ?? 10_000;
  const windowMs = options.windowMs ?? 2000;
  const print = options.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const limit = api === 'v1' ? 40 : 200;
  const w = await startWorld({
    api,
    rateWindowMs: windowMs,
    sage: { seed: 'demo', pageSize: 100 },
    env: { LOG_LEVEL: 'silent' },
  });
  try {
    await w.app.close();
    for (const step of [
      ['sync', 'reference'],
      ['sync', 'orders', '--mode', 'new'],
    ]) {
      const r = spawnCli(step, { env: w.env });
      if ((await r.exited) !== 0) throw new Error(`${step.join(' ')} failed: ${r.output()}`);
    }
    const numbers = enterOrders(w.sage, count);
    const entered = Date.now();
    w.ss.admin.resetStats();
    w.sage.stats.reset();
    const run = spawnCli(['sync', 'orders', '--mode', 'new'], { env: w.env });
    let rss = 0;
    const sampler = setInterval(() => {
      rss = Math.max(rss, peakRss(run.child.pid ?? 0));
    }, 100);
    const code = await run.exited;
    clearInterval(sampler);
    if (code !== 0) throw new Error(`sync failed (${code}): ${run.output().slice(-2000)}`);
    const ms = Date.now() - entered;
    const ss = w.ss.admin.stats();
    const sage = w.sage.stats.snapshot();
    const latencies = numbers.map((n) => visibleAt(w, `SAMINC-${n}-1`) - entered);
    const windows = ms / windowMs;
    const figures: OrdersBenchFigures = {
      api,
      orders: count,
      seconds: ms / 1000,
      windows,
      perRealMinute: count / windows,
      boundPerRealMinute: 100 * limit,
      shipstationPerOrder: ss.total / count,
      sagePerOrder: sage.total / count,
      rateLimited: ss.rateLimited,
      peakRssMb: rss,
      backlogLatency: { p50: pct(latencies, 50) / 1000, p95: pct(latencies, 95) / 1000 },
      steady: { orders: 0, p50: Number.NaN, p95: Number.NaN, pollSeconds: 1 },
    };

    // Steady state: the service polls every second; a clerk enters an order every 200 ms.
    const steadyCount = options.steadyOrders ?? 100;
    const service = await startCli(['start'], {
      env: { ...w.env, PORT: '0', ORDERS_POLL_SECONDS: '1' },
      ready: /ml-connector running/,
    });
    const enteredAt = new Map<string, number>();
    for (let i = 0; i < steadyCount; i++) {
      const [n] = enterOrders(w.sage, 1, { start: count + i });
      enteredAt.set(n!, Date.now());
      await new Promise((r) => setTimeout(r, 200));
    }
    const deadline = Date.now() + 60_000;
    const keys = [...enteredAt.keys()].map((n) => `SAMINC-${n}-1`);
    while (Date.now() < deadline) {
      const missing = keys.filter((k) => {
        try {
          w.ss.admin.getOrderByKey(k);
          return false;
        } catch {
          return true;
        }
      });
      if (missing.length === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    service.child.kill('SIGTERM');
    await new Promise((r) => service.child.once('exit', r));
    const steady = [...enteredAt].map(([n, t]) => visibleAt(w, `SAMINC-${n}-1`) - t);
    figures.steady = { orders: steadyCount, p50: pct(steady, 50) / 1000, p95: pct(steady, 95) / 1000, pollSeconds: 1 };

    print(
      `orders bench (${api.toUpperCase()}, ${count.toLocaleString('en-US')}-order backlog, rate window ${windowMs} ms = 1 real minute)`,
    );
    print(`  drained in ${figures.seconds.toFixed(1)} s = ${windows.toFixed(1)} rate windows`);
    const perSecond = count / figures.seconds;
    print(
      `  connector processing rate: ${Math.round(perSecond)} orders/s = ${Math.round(perSecond * 60).toLocaleString('en-US')}/min of wall time; at the real 60 s window the rate limit is the bottleneck, so real throughput is min(that, the bound) = ${Math.round(Math.min(perSecond * 60, figures.boundPerRealMinute)).toLocaleString('en-US')} orders/min`,
    );
    print(
      `  throughput: ${Math.round(figures.perRealMinute).toLocaleString('en-US')} orders per real minute; bound ${figures.boundPerRealMinute.toLocaleString('en-US')} (${api === 'v1' ? '100 orders per createorders × 40 requests' : '100 shipments per bulk POST × 200 requests'} per minute) = ${((100 * figures.perRealMinute) / figures.boundPerRealMinute).toFixed(0)}% of the bound`,
    );
    print(
      `  ShipStation requests per order: ${figures.shipstationPerOrder.toFixed(4)} (${ss.total} requests, ${ss.rateLimited} answered 429)`,
    );
    print(`  Sage 300 requests per order: ${figures.sagePerOrder.toFixed(4)} (${sage.total} requests)`);
    print(
      `  backlog latency, entry in Sage → visible in ShipStation: p50 ${figures.backlogLatency.p50.toFixed(1)} s, p95 ${figures.backlogLatency.p95.toFixed(1)} s (all entered at once)`,
    );
    print(
      `  steady state (service polling every ${figures.steady.pollSeconds} s, one order per 200 ms): p50 ${figures.steady.p50.toFixed(2)} s, p95 ${figures.steady.p95.toFixed(2)} s over ${steadyCount} orders`,
    );
    print(
      `  connector peak RSS (its own process, the backlog pass): ${figures.peakRssMb.toFixed(0)} MB; the bench with both simulators: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    return figures;
  } finally {
    await w.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchOrders({ api: (process.argv[2] as 'v1' | 'v2') ?? 'v1' });
}
