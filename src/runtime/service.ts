import type { App } from '../app.js';
import type { Connection } from '../domain/connection.js';
import { type FlowName, type FlowRunResult, wasStopped } from '../engine/flow-runner.js';
import { type ScheduledJob, Scheduler } from '../engine/scheduler.js';
import { Metrics } from '../observability/metrics.js';
import { Connector, type RunOptions } from './connector.js';
import type { FlowModule } from './flows/flow.js';
import { flowJobs } from './flows/registry.js';
import { runPass } from './flows/run-pass.js';
import { type JobFactory, jobTiming, type ServiceJob } from './jobs.js';
import type { KeysReloadOutcome } from './keys-reload-request.js';
import { KeysReloadWatcher } from './keys-reload-watcher.js';
import { refreshGauges } from './service-gauges.js';
import { workerCoordination } from './shared-schedule.js';
import { WorkerHeartbeat } from './worker-heartbeat.js';

/** Per job name: the end of its first run, for the jobs that wait for it (`ServiceJob.after`). */
type FirstRuns = Map<string, { ended: Promise<void>; end: () => void }>;

export interface ServiceOptions {
  /** Jobs of the flows not to schedule, by name (harnesses that exercise some flows alone). */
  skipJobs?: readonly string[];
  /** Jobs per connection beyond the flows' own (the dashboard's attention alerts). */
  extraJobs?: readonly JobFactory[];
  /** This worker's id (default `PROCESS_HOLDER`): only a test running several services in one process sets it. */
  workerId?: string;
}

/**
 * `ml-connector start`'s scheduler: every flow of the registry, per connection, on its schedule, with the
 * metrics of their passes. The HTTP side is assembled around it by the composition root (`compose.ts`).
 * Everything has start/stop; `keys reload` (a request file in the data folder, on every platform) and SIGHUP
 * (POSIX) re-read the keyring after `keys rotate` without stopping.
 */
export class Service {
  readonly connector: Connector;
  readonly metrics = new Metrics();
  readonly scheduler: Scheduler;
  readonly started: number;
  private connections: Connection[] = [];
  private readonly keysReload: KeysReloadWatcher;
  /** This process in the workers table; its id prefixes the holder of every lease it takes. */
  readonly worker: WorkerHeartbeat;

  constructor(
    readonly app: App,
    private readonly options: ServiceOptions = {},
  ) {
    this.worker = new WorkerHeartbeat(app, () => this.scheduler.running(), options.workerId);
    this.connector = new Connector(app, this.worker.id);
    this.scheduler = new Scheduler(
      app.clock,
      app.logger.child({ component: 'scheduler' }),
      workerCoordination(app, this.worker.id),
    );
    this.started = app.clock.now();
    this.metrics.onCollect(async () => {
      this.metrics.passesRunning.set({ worker: this.worker.id }, this.scheduler.running());
      this.metrics.workerConcurrency.set({ worker: this.worker.id }, app.config.WORKER_CONCURRENCY);
      await refreshGauges(this.app, this.metrics, this.connections, this.connector, this.started);
    });
    this.keysReload = new KeysReloadWatcher(app.config.ML_CONNECTOR_DATA_DIR, () => this.reloadKeys(), app.logger);
  }

  /** Reads the connections and schedules their jobs; nothing runs before `start`. */
  async prepare(): Promise<Connection[]> {
    this.connections = await this.app.store.connections.list();
    for (const connection of this.connections) this.addJobs(connection);
    return this.connections;
  }

  start(): void {
    this.worker.start();
    this.scheduler.start();
    this.keysReload.start();
  }

  async stop(): Promise<void> {
    this.keysReload.stop();
    this.connector.stop();
    await this.scheduler.stop();
    await this.worker.stop();
  }

  /**
   * After `keys rotate`: the new key is read without a restart (`keys reload`, SIGHUP). The connections'
   * clients are rebuilt on their next pass, so their credentials are opened with the keys just read (after a
   * `keys prune` the old key is nowhere). A keyring that cannot be read leaves the keys in use as they were.
   */
  reloadKeys(): Omit<KeysReloadOutcome, 'id' | 'pid'> {
    const keyring = this.app.keyring;
    let error: string | undefined;
    try {
      keyring.reload();
      for (const connection of this.connections) this.connector.forget(connection.id);
      this.app.logger.info({ keys: keyring.keyIds, current: keyring.currentKeyId }, 'keyring reloaded');
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.app.logger.error({ keys: keyring.keyIds, current: keyring.currentKeyId, error }, 'keyring not reloaded');
    }
    return {
      ok: error === undefined,
      currentKeyId: keyring.currentKeyId,
      keyIds: keyring.keyIds,
      fromEnvironment: keyring.fromEnvironment,
      ...(error !== undefined ? { error } : {}),
    };
  }

  /** A connection added or edited while running (dashboard): (re)schedule its flows. */
  async connectionChanged(connection: Connection): Promise<void> {
    this.connector.forget(connection.id);
    const known = this.connections.findIndex((c) => c.id === connection.id);
    // An edited connection replaces the kept copy: `current()` hands the jobs the saved version.
    if (known >= 0) this.connections[known] = connection;
    else {
      this.connections.push(connection);
      this.addJobs(connection);
    }
  }

  /** One pass of a flow of a connection now (the dashboard), through the one entry point of every pass. */
  runPass<R extends RunOptions>(connection: Connection, flow: FlowModule<R>, request: R): Promise<FlowRunResult> {
    return runPass(this.connector, connection, flow, request);
  }

  jobs(): ReturnType<Scheduler['list']> {
    return this.scheduler.list();
  }

  trigger(key: string): void {
    this.scheduler.trigger(key);
  }

  triggerFlow(connectionId: number, flow: string): void {
    this.scheduler.triggerFlow(connectionId, flow);
  }

  budgets(): ReturnType<Connector['budgets']['all']> {
    return this.connector.budgets.all();
  }

  private addJobs(connection: Connection): void {
    const skip = new Set(this.options.skipJobs ?? []);
    const jobs = [
      ...flowJobs(this.connector).filter((job) => !skip.has(job.name)),
      ...(this.options.extraJobs ?? []).flatMap((factory) => factory(this, connection)),
    ];
    // The first run of a job others wait for (`after`), per connection: the orders pass waits for the mappings.
    const firstRuns: FirstRuns = new Map();
    for (const job of jobs) {
      if (!jobs.some((j) => j.after === job.name)) continue;
      let end = () => {};
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      firstRuns.set(job.name, { ended, end });
    }
    for (const job of jobs) this.scheduler.add(this.scheduled(connection, job, firstRuns));
  }

  private scheduled(connection: Connection, job: ServiceJob, firstRuns: FirstRuns): ScheduledJob {
    const records = job.records;
    return {
      key: `${connection.id}:${job.name}`,
      connectionId: connection.id,
      connectionName: connection.name,
      flow: job.tag,
      ...jobTiming(this.app.config, connection, job),
      ...(job.runAtStart ? { runAtStart: true } : {}),
      // Another worker took this job's due pass: jobs waiting for its first run here need not wait for ever.
      onSkipped: () => firstRuns.get(job.name)?.end(),
      run: async (signal) => {
        const before = job.after ? firstRuns.get(job.after) : undefined;
        if (before) await before.ended;
        const run = job.run(this.current(connection), signal);
        const mine = firstRuns.get(job.name);
        if (mine) run.then(mine.end, mine.end);
        return run;
      },
      ...(records
        ? {
            onResult: (result: FlowRunResult, nextAt: number | null) =>
              this.recordRun(connection, records, result, nextAt),
          }
        : {}),
    };
  }

  /** The latest saved version of a connection (settings edited in the dashboard apply on the next run). */
  current(connection: Connection): Connection {
    return this.connections.find((c) => c.id === connection.id) ?? connection;
  }

  async recordRun(connection: Connection, flow: FlowName, result: FlowRunResult, nextAt: number | null): Promise<void> {
    const labels = { connection: connection.name, flow };
    this.metrics.flowRuns.inc({ ...labels, status: result.status });
    if (result.status === 'ran') {
      for (const [k, v] of Object.entries(result.outcome.counts))
        this.metrics.recordsSynced.inc({ ...labels, result: k }, v);
    } else if (result.status === 'failed' && !wasStopped(result)) {
      // A pass a stop ended is counted in flowRuns, not as a failure (a restart must not raise an alert).
      this.metrics.failures.inc({ ...labels, code: (result.error as { code?: string }).code ?? 'error' });
    }
    if (nextAt !== null) await this.app.store.flows.setNextRun(connection.id, flow, nextAt).catch(() => {});
  }
}
