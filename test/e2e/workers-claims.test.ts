import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import type { Connection } from '../../src/domain/connection.js';
import { type FlowRunResult, runFlow } from '../../src/engine/flow-runner.js';
import { silentLogger } from '../../src/observability/logger.js';
import { FLOWS } from '../../src/runtime/flows/registry.js';
import type { JobFactory } from '../../src/runtime/jobs.js';
import { Service } from '../../src/runtime/service.js';
import { createTestDatabase, postgresReachable, type TestDatabase } from '../helpers/databases.js';

const pgOk = await postgresReachable();
const ALL_FLOW_JOBS = FLOWS.flatMap((f) => f.jobs.map((j) => j.name));

interface Pass {
  worker: string;
  connection: string;
  start: number;
  end: number;
}

/**
 * Issue 15 point 2: two workers (two services, each with its own store connection) on one PostgreSQL database
 * with the same connections. Each keeps its scheduler; a due pass runs on the worker that claimed it only.
 */
describe.skipIf(!pgOk)('two workers on one PostgreSQL database', () => {
  let database: TestDatabase | undefined;
  const running: { service: Service; app: App }[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.service.stop();
      await r.app.close();
    }
    await database?.drop();
  });

  async function worker(id: string, env: Record<string, string>, jobs: JobFactory): Promise<Service> {
    const app = await openApp({
      env: {
        ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-workers-')),
        DATABASE_URL: database!.url,
        ML_CONNECTOR_MASTER_KEY: MASTER,
        LOG_LEVEL: 'silent',
        WORKER_POLL_MS: '100',
        WORKER_HEARTBEAT_SECONDS: '1',
        FLOW_LEASE_SECONDS: '5',
        ...env,
      },
      logger: silentLogger(),
      notice: () => {},
    });
    const service = new Service(app, { skipJobs: ALL_FLOW_JOBS, extraJobs: [jobs], workerId: id });
    running.push({ service, app });
    await service.prepare();
    service.start();
    return service;
  }

  /** A job that records each pass it runs, under the flow's lease and in the runs history like any pass. */
  function recordingJob(
    passes: Pass[],
    options: { everySeconds: number; atStart?: boolean; hold?: (c: Connection) => Promise<void> },
  ) {
    return (host: { app: App }, _connection: Connection) => [
      {
        name: 'probe',
        tag: 'reference',
        runAtStart: options.atStart ?? true,
        timing: { every: { seconds: options.everySeconds } },
        run: (c: Connection, signal: AbortSignal): Promise<FlowRunResult> => {
          const app = host.app;
          return runFlow(
            {
              store: app.store,
              connectionId: c.id,
              flow: 'reference',
              clock: app.clock,
              logger: app.logger,
              ttlMs: 5000,
              signal,
              worker: workerOf.get(app)!,
            },
            async () => {
              const start = Date.now();
              await (options.hold ? options.hold(c) : new Promise((r) => setTimeout(r, 50)));
              passes.push({ worker: workerOf.get(app)!, connection: c.name, start, end: Date.now() });
              return { counts: { probe: 1 }, planned: [] };
            },
          );
        },
      },
    ];
  }
  const workerOf = new Map<App, string>();
  const MASTER = randomBytes(32).toString('base64');

  async function setUp(names: string[]): Promise<void> {
    database = await createTestDatabase('postgres');
    const app = await openApp({
      env: {
        ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-workers-')),
        DATABASE_URL: database.url,
        ML_CONNECTOR_MASTER_KEY: MASTER,
        LOG_LEVEL: 'silent',
      },
      logger: silentLogger(),
      notice: () => {},
    });
    for (const name of names) await app.store.connections.upsert({ name, source: 'cli' });
    await app.close();
  }

  async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 25_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('runs each due pass once, on one worker: every pass in the runs history once, none refused as busy', async () => {
    await setUp(['east', 'west']);
    const passes: Pass[] = [];
    const results: string[] = [];
    const jobs: JobFactory = (host, c) =>
      // Not at start: a second worker starting asks for a job that runs at start once more (by design).
      recordingJob(passes, { everySeconds: 1, atStart: false })(host, c).map((j) => ({
        ...j,
        run: async (conn: Connection, signal: AbortSignal) => {
          const r = await j.run(conn, signal);
          results.push(r.status);
          return r;
        },
      }));
    const a = await worker('host-a:1:a', {}, wrap(jobs, 'host-a:1:a'));
    const b = await worker('host-b:2:b', {}, wrap(jobs, 'host-b:2:b'));
    await until(() => passes.length >= 8, '8 passes');
    await a.stop();
    await b.stop();
    const store = running[0]!.app.store;
    const runs = [
      ...(await store.flowRuns.list({ connectionId: 1, flow: 'reference', limit: 100 })),
      ...(await store.flowRuns.list({ connectionId: 2, flow: 'reference', limit: 100 })),
    ];
    // Every pass a worker ran is one row of the runs history, and no worker ran a pass another was running.
    expect(runs.filter((r) => r.result === 'ok')).toHaveLength(passes.length);
    expect(results.filter((r) => r !== 'ran' && r !== 'failed')).toEqual([]);
    for (const name of ['east', 'west']) {
      const mine = passes.filter((p) => p.connection === name).sort((x, y) => x.start - y.start);
      // Once per due time: the next pass starts a whole interval after the previous one ended (never beside it).
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.start - mine[i - 1]!.end).toBeGreaterThanOrEqual(900);
    }
    expect(new Set(runs.map((r) => r.holder.split('/')[0]))).toEqual(new Set(passes.map((p) => p.worker)));
  });

  it('a worker at WORKER_CONCURRENCY leaves a due pass to the other', async () => {
    await setUp(['busy', 'other']);
    const passes: Pass[] = [];
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let holding = false;
    const jobs: JobFactory = recordingJob(passes, {
      everySeconds: 1,
      hold: async (c) => {
        if (c.name !== 'busy') return new Promise((r) => setTimeout(r, 20));
        holding = true;
        await held;
      },
    });
    const first = await worker('host-a:1:a', { WORKER_CONCURRENCY: '1' }, wrap(jobs, 'host-a:1:a'));
    // The first worker is alone: it claims one pass and is then at its cap of one.
    await until(() => holding || passes.length > 0, 'the first worker to take a pass');
    await worker('host-b:2:b', { WORKER_CONCURRENCY: '1' }, wrap(jobs, 'host-b:2:b'));
    await until(() => holding, 'the busy connection held on a worker');
    await until(() => passes.filter((p) => p.connection === 'other').length >= 3, 'three passes of the other');
    const store = running[0]!.app.store;
    const lease = await store.leases.current(1, 'reference');
    const busyWorker = lease!.holder.split('/')[0];
    const others = passes.filter((p) => p.connection === 'other' && p.start > 0);
    // While one worker is held by the busy connection's pass, the other runs the other connection's passes.
    const afterHold = others.slice(-2);
    expect(afterHold.every((p) => p.worker !== busyWorker)).toBe(true);
    const workers = await store.workers.list(60_000);
    expect(workers.map((w) => [w.id, w.alive])).toEqual([
      ['host-a:1:a', true],
      ['host-b:2:b', true],
    ]);
    await until(async () => (await store.workers.list(60_000)).some((w) => w.passesRunning === 1), 'a heartbeat');
    // Each worker's /metrics says how many passes it runs, under its worker id.
    const metrics = (await first.metrics.render()).body;
    expect(metrics).toMatch(/mlc_worker_passes_running\{worker="host-a:1:a"\} [01]/);
    expect(metrics).toContain('mlc_worker_concurrency{worker="host-a:1:a"} 1');
    release();
  });

  function wrap(jobs: JobFactory, id: string): JobFactory {
    return (host, c) => {
      workerOf.set(host.app, id);
      return jobs(host, c);
    };
  }
});
