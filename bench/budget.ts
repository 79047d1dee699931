import { type App, openApp } from '../src/app.js';
import { silentLogger } from '../src/observability/logger.js';
import { Connector } from '../src/runtime/connector.js';
import { postgresReachable } from '../src/testing/databases.js';
import { startWorld } from '../src/testing/world.js';

/**
 * `npm run bench -- budget`: three workers (Apps with their own pool and budget, on one PostgreSQL database)
 * keep V2 requests going at one ShipStation simulator account for a few windows. Figures: requests per
 * minute achieved against the account's limit, 429s, the most the simulator answered in any window, and
 * the store transactions the shared budget spent (grants, settle writes) per request.
 */
export interface BudgetFigures {
  workers: number;
  limit: number;
  windowMs: number;
  latencyMs: number;
  requests: number;
  perWorker: number[];
  rateLimited: number;
  mostInAnyWindow: number;
  elapsedMs: number;
  perMinute: number;
  limitPerMinute: number;
  /** What the latency rule allows polls at most: each of limit − reserve slots busy for latency + window + margin. */
  boundPerMinute: number;
  grants: number;
  /** Grant transactions that found no free slot (several workers racing for one freed slot). */
  emptyGrants: number;
  settles: number;
}

export async function benchBudget(
  options: { workers?: number; limit?: number; windowMs?: number; windows?: number; latencyMs?: number } = {},
): Promise<BudgetFigures | undefined> {
  const workers = options.workers ?? 3;
  const limit = options.limit ?? 40;
  const windowMs = options.windowMs ?? 10_000;
  const latencyMs = options.latencyMs ?? 200;
  const runMs = windowMs * (options.windows ?? 3);
  if (!(await postgresReachable())) return undefined;
  const w = await startWorld({
    db: 'postgres',
    v2Only: true,
    rateWindowMs: windowMs,
    shipstation: { v2Rate: limit },
    env: { SHIPSTATION_V2_RATE_LIMIT: String(limit) },
  });
  w.ss.admin.setFaults({ seed: 1, latency: [{ api: 'v2', ms: latencyMs, jitterMs: 0 }] });
  const apps: App[] = [w.app];
  for (let i = 1; i < workers; i++) apps.push(await openApp({ env: w.env, logger: silentLogger(), notice: () => {} }));
  const spent = { grants: 0, emptyGrants: 0, settles: 0 };
  for (const app of apps) countTransactions(app, spent);
  const started = Date.now();
  const deadline = started + runMs;
  const perWorker = await Promise.all(apps.map((app) => keepBusy(new Connector(app), deadline, limit)));
  // Requests queued at the deadline still go: the run ends with the last answer.
  const elapsedMs = Date.now() - started;
  const server = w.ss.stats.snapshot();
  const times = w.ss.stats.answerTimes('v2');
  const span = windowMs + Math.min(1000, Math.max(50, windowMs / 50));
  const figures: BudgetFigures = {
    workers,
    limit,
    windowMs,
    latencyMs,
    requests: server.total,
    perWorker,
    rateLimited: server.rateLimited,
    mostInAnyWindow: mostInAnyWindow(times, windowMs),
    elapsedMs,
    perMinute: Math.round((server.total / elapsedMs) * 60_000),
    limitPerMinute: Math.round((limit / windowMs) * 60_000),
    boundPerMinute: Math.round(((limit - 2) / (span + latencyMs)) * 60_000),
    grants: spent.grants,
    emptyGrants: spent.emptyGrants,
    settles: spent.settles,
  };
  for (const app of apps.slice(1)) await app.close();
  await w.stop();
  print(figures);
  return figures;
}

/** Each worker keeps `concurrency` requests waiting in its budget until the deadline. */
async function keepBusy(connector: Connector, deadline: number, concurrency: number): Promise<number> {
  const connection = (await connector.app.store.connections.getByName('default'))!;
  const v2 = (await connector.runtime(connection)).v2!;
  const lane = async () => {
    while (Date.now() < deadline) await v2.listWarehouses();
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return v2.stats.snapshot().requests;
}

function countTransactions(app: App, spent: { grants: number; emptyGrants: number; settles: number }): void {
  const slots = app.store.rateSlots;
  const take = slots.take.bind(slots);
  const settle = slots.settle.bind(slots);
  slots.take = (request) => {
    spent.grants += 1;
    return take(request).then((grant) => {
      if (grant.ids.length === 0) spent.emptyGrants += 1;
      return grant;
    });
  };
  slots.settle = (slot, ids, at) => {
    spent.settles += 1;
    return settle(slot, ids, at);
  };
}

function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

function print(f: BudgetFigures): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `shared V2 budget: ${f.workers} workers on one PostgreSQL database, one account, ${f.limit} per ${f.windowMs} ms`,
  );
  out(
    `  ${(f.elapsedMs / 1000).toFixed(1)} s, requests ${f.requests} (per worker ${f.perWorker.join(' / ')}), ${f.rateLimited} × 429`,
  );
  out(`  most answered in any window: ${f.mostInAnyWindow} (limit ${f.limit})`);
  out(
    `  ${f.perMinute} requests/min achieved; limit ${f.limitPerMinute}/min; bound for polls (limit − reserve 2, each slot busy latency ${f.latencyMs} ms + window + margin): ${f.boundPerMinute}/min`,
  );
  const per = (n: number) => (f.requests > 0 ? (n / f.requests).toFixed(2) : '0');
  out(
    `  store: ${f.grants} grant transactions (${per(f.grants)}/request, ${f.emptyGrants} found no free slot), ${f.settles} settle writes (${per(f.settles)}/request)`,
  );
}
