import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import { silentLogger } from '../../src/observability/logger.js';
import { accountKey } from '../../src/runtime/budgets.js';
import { Connector } from '../../src/runtime/connector.js';
import { DEMO_V2_KEY } from '../../src/simulators/demo-world.js';
import { DATABASE_KINDS, postgresReachable } from '../helpers/databases.js';
import { startWorld, type World } from '../helpers/world.js';

const pgOk = await postgresReachable();
const LIMIT = 10;
/** Polls leave 2 of every window to writes (the default reserve): a burst of polls holds at most this many. */
const POLL_SLOTS = LIMIT - 2;
const WINDOW_MS = 500;
const WORKER = fileURLToPath(new URL('./budget-worker.ts', import.meta.url));
const SLOTS = { account: accountKey('v2', DEMO_V2_KEY), api: 'v2' as const };

/** The most answers the simulator gave inside any window of `windowMs`. */
function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

type Counts = { requests: number; rateLimited: number };

/** Another worker on the world's database, sending a burst of V2 requests through its own connector. */
interface Worker {
  ready: Promise<void>;
  /** Starts the burst; resolves with the worker's client counts once every request is answered. */
  go(count: number): Promise<Counts>;
  /** Dies at once, settling nothing in the store. */
  kill(): Promise<void>;
}

/**
 * On PostgreSQL another App in this process is a worker as good as another process (its own pool, its own
 * budget); on SQLite it is not: better-sqlite3 waits out a lock synchronously, so two connections of one
 * process can stall each other where two processes cannot. There the worker is a process, as a CLI `sync`
 * beside `start` is.
 */
function startWorker(w: World, kind: 'sqlite' | 'postgres'): Worker {
  return kind === 'sqlite' ? startWorkerProcess(w) : startWorkerApp(w);
}

/** A worker App in this process: on SQLite only while this process's own App writes nothing meanwhile. */
function startWorkerApp(w: World): Worker {
  const app = openApp({ env: w.env, logger: silentLogger(), notice: () => {} });
  apps.push(app);
  return {
    ready: app.then(() => undefined),
    go: async (count) => burst(new Connector(await app), count),
    // Its requests still go and come back, but their answers can no longer reach the store.
    kill: async () => (await app).close(),
  };
}

/** A worker process of its own on the world's database, as a second `start` or a CLI `sync` is. */
function startWorkerProcess(w: World): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...w.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  workers.push(child);
  let out = '';
  let err = '';
  const lines: ((line: string) => void)[] = [];
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      for (const l of lines) l(line);
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}): ${err}`))),
  );
  const next = (test: (line: string) => boolean) =>
    Promise.race([new Promise<string>((resolve) => lines.push((l) => test(l) && resolve(l))), exited]);
  const ready = next((l) => l === 'ready').then(() => undefined);
  const result = next((l) => l.startsWith('{')).then((l) => JSON.parse(l));
  // A worker killed on purpose never prints its result: that is no unhandled failure.
  result.catch(() => {});
  return {
    ready,
    go: (count) => {
      child.stdin!.write(`go ${count}\n`);
      return result;
    },
    kill: async () => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

async function burst(connector: Connector, count: number) {
  const connection = (await connector.app.store.connections.getByName('default'))!;
  const v2 = (await connector.runtime(connection)).v2!;
  await Promise.all(Array.from({ length: count }, () => v2.listWarehouses()));
  const { requests, rateLimited } = v2.stats.snapshot();
  return { requests, rateLimited };
}

let world: World | undefined;
const workers: ChildProcess[] = [];
const apps: Promise<App>[] = [];
afterEach(async () => {
  for (const child of workers.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const app of apps.splice(0)) await (await app).close().catch(() => {});
  await world?.stop();
  world = undefined;
});

describe.each(DATABASE_KINDS)('one V2 budget per account across worker processes (%s)', (kind) => {
  const run = kind === 'postgres' && !pgOk ? it.skip : it;

  async function start(timeoutSeconds: number): Promise<World> {
    world = await startWorld({
      db: kind,
      v2Only: true,
      rateWindowMs: WINDOW_MS,
      shipstation: { v2Rate: LIMIT },
      env: { SHIPSTATION_V2_RATE_LIMIT: String(LIMIT), SHIPSTATION_TIMEOUT_SECONDS: String(timeoutSeconds) },
    });
    return world;
  }

  run(
    'three workers bursting at one account with 100–400 ms latency: zero 429s, never above the limit in a window',
    async () => {
      const w = await start(10);
      w.ss.admin.setFaults({ seed: 7, latency: [{ api: 'v2', ms: 100, jitterMs: 300 }] });
      // Three workers on PostgreSQL; on SQLite this process and one other (each process costs seconds to start).
      const others = kind === 'postgres' ? [startWorker(w, kind), startWorker(w, kind)] : [startWorker(w, kind)];
      await Promise.all(others.map((o) => o.ready));
      const each = 36 / (others.length + 1);
      // Each alone would send its burst at once; together they are 36 against 10 per window.
      const stats = await Promise.all([burst(w.connector, each), ...others.map((o) => o.go(each))]);
      expect(stats).toEqual(Array.from({ length: others.length + 1 }, () => ({ requests: each, rateLimited: 0 })));
      expect(w.ss.stats.snapshot()).toMatchObject({ total: 36, rateLimited: 0 });
      expect(mostInAnyWindow(w.ss.stats.answerTimes('v2'), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    },
  );

  run(
    'a worker gone mid-burst (its store closed before its answers): its slots expire by themselves and the survivor carries on',
    async () => {
      // Slots of unanswered requests live the request timeout plus the span: 1 s + 0.55 s here.
      const w = await start(1);
      w.ss.admin.setFaults({ seed: 3, latency: [{ api: 'v2', ms: 400, jitterMs: 0 }] });
      // In this process on both databases (a process costs seconds to start): the survivor only reads while
      // the doomed worker writes, so SQLite's synchronous lock wait cannot stall them.
      const doomed = startWorkerApp(w);
      await doomed.ready;
      void doomed.go(20).catch(() => {});
      // The doomed worker holds every slot polls may take, its requests in flight; then it dies settling nothing.
      await vi.waitFor(async () => expect(await w.app.store.rateSlots.count(SLOTS)).toBe(POLL_SLOTS), {
        timeout: 15_000,
        interval: 10,
      });
      await doomed.kill();
      expect(await burst(w.connector, 12)).toEqual({ requests: 12, rateLimited: 0 });
      const server = w.ss.stats.snapshot();
      expect(server.rateLimited).toBe(0);
      // The killed worker's requests that left before the kill were counted and answered (no one heard them).
      expect(server.total).toBeGreaterThanOrEqual(12);
      expect(mostInAnyWindow(w.ss.stats.answerTimes('v2'), WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
      // Nothing outlives its lifetime: a span after the survivor's last answer, the account holds no slot.
      await vi.waitFor(async () => expect(await w.app.store.rateSlots.count(SLOTS)).toBe(0), { timeout: 10_000 });
    },
  );
});
