import type { App } from '../app.js';
import type { Connection } from '../domain/connection.js';
import type { FlowName, FlowRunResult } from '../engine/flow-runner.js';
import { type ScheduledJob, Scheduler } from '../engine/scheduler.js';
import { healthRoutes } from '../http/routes/health.js';
import { type HttpServers, type RouteGroup, startHttpServers } from '../http/server.js';
import { Metrics } from '../observability/metrics.js';
import { Connector } from './connector.js';
import { resolveFlowSettings } from './flow-settings.js';

/** A flow's scheduled job(s) for one connection: added by the flows that exist (orders, shipments, ...). */
export type JobFactory = (service: Service, connection: Connection) => ScheduledJob[];

export interface ServiceOptions {
  /** Extra route groups (webhooks, dashboard). */
  routes?: (service: Service) => RouteGroup[];
  /** Extra jobs per connection (shipments, inventory). */
  jobs?: JobFactory[];
  /** Called once listening (the demo prints where to look). */
  onListening?: (servers: HttpServers) => void;
}

/**
 * `ml-connector start`: the scheduler (per connection, per flow) and the HTTP server(s), over one store.
 * Everything has start/stop; SIGHUP re-reads the keyring (after `keys rotate`) without stopping.
 */
export class Service {
  readonly connector: Connector;
  readonly metrics = new Metrics();
  readonly scheduler: Scheduler;
  readonly started: number;
  servers: HttpServers | null = null;
  private connections: Connection[] = [];
  /** Resolved after each connection's first reference pass: the first orders pass waits for its mappings. */
  private readonly referenceDone = new Map<number, Promise<unknown>>();

  constructor(
    readonly app: App,
    private readonly options: ServiceOptions = {},
  ) {
    this.connector = new Connector(app);
    this.scheduler = new Scheduler(app.clock, app.logger.child({ component: 'scheduler' }));
    this.started = app.clock.now();
    this.metrics.onCollect(() => this.refreshGauges());
  }

  async start(): Promise<HttpServers> {
    const c = this.app.config;
    this.connections = await this.app.store.connections.list();
    for (const connection of this.connections) this.addJobs(connection);
    this.servers = await startHttpServers({
      public: { host: c.HOST, port: c.PORT },
      admin: c.ADMIN_PORT !== undefined ? { host: c.ADMIN_HOST ?? c.HOST, port: c.ADMIN_PORT } : undefined,
      groups: [healthRoutes(this.app, this.metrics, this.started), ...(this.options.routes?.(this) ?? [])],
      logger: this.app.logger,
    });
    this.scheduler.start();
    this.options.onListening?.(this.servers);
    this.app.logger.info(
      {
        url: this.servers.publicUrl,
        dashboard: this.servers.adminUrl,
        connections: this.connections.map((x) => x.name),
      },
      'ml-connector service started',
    );
    return this.servers;
  }

  async stop(): Promise<void> {
    this.connector.stop();
    await this.scheduler.stop();
    await this.servers?.stop();
  }

  /** After `keys rotate`: the new key is read without a restart (SIGHUP). */
  reloadKeys(): void {
    this.app.keyring.reload();
    this.app.logger.info({ keys: this.app.keyring.keyIds, current: this.app.keyring.currentKeyId }, 'keyring reloaded');
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

  private addJobs(connection: Connection): void {
    const c = this.app.config;
    const s = connection.settings;
    const record = (flow: FlowName) => async (result: FlowRunResult, nextAt: number | null) =>
      this.recordRun(connection, flow, result, nextAt);
    const name = connection.name;
    const jobs: ScheduledJob[] = [
      {
        key: `${connection.id}:reference`,
        connectionId: connection.id,
        connectionName: name,
        flow: 'reference',
        everyMs: (s.referencePollSeconds ?? c.REFERENCE_POLL_SECONDS) * 1000,
        runAtStart: true,
        run: (signal) => {
          const run = this.connector.runReference(this.current(connection), { signal });
          if (!this.referenceDone.has(connection.id))
            this.referenceDone.set(
              connection.id,
              run.catch(() => {}),
            );
          return run;
        },
        onResult: record('reference'),
      },
      {
        key: `${connection.id}:orders`,
        connectionId: connection.id,
        connectionName: name,
        flow: 'orders',
        everyMs: (s.ordersPollSeconds ?? c.ORDERS_POLL_SECONDS) * 1000,
        runAtStart: true,
        run: async (signal) => {
          await this.referenceDone.get(connection.id);
          return this.connector.runOrders(this.current(connection), 'new', { signal });
        },
        onResult: record('orders'),
      },
      {
        key: `${connection.id}:orders-edits`,
        connectionId: connection.id,
        connectionName: name,
        flow: 'orders',
        everyMs: (s.ordersEditsPollSeconds ?? c.ORDERS_EDITS_POLL_SECONDS) * 1000,
        run: (signal) => this.connector.runOrders(this.current(connection), 'edits', { signal }),
        onResult: record('orders'),
      },
      {
        key: `${connection.id}:reconcile`,
        connectionId: connection.id,
        connectionName: name,
        flow: 'reconcile',
        cron: s.cron?.['reconcile'] ?? c.RECONCILE_CRON,
        run: (signal) => this.connector.runOrders(this.current(connection), 'reconcile', { signal }),
        onResult: record('orders'),
      },
      ...(this.options.jobs ?? []).flatMap((factory) => factory(this, connection)),
    ];
    // A cron expression (connection setting, else the service's <JOB>_CRON) replaces a job's interval.
    const crons: Record<string, string | undefined> = {
      orders: c.ORDERS_CRON,
      'orders-edits': c.ORDERS_EDITS_CRON,
      shipments: c.SHIPMENTS_CRON,
      inventory: c.INVENTORY_CRON,
      reference: c.REFERENCE_CRON,
    };
    const timezone = resolveFlowSettings(c, connection).timezone;
    for (const job of jobs) {
      const suffix = job.key.slice(job.key.indexOf(':') + 1);
      const cron = s.cron?.[suffix] ?? crons[suffix];
      this.scheduler.add(cron ? { ...job, cron, timezone } : job.cron ? { ...job, timezone } : job);
    }
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
    } else if (result.status === 'failed') {
      this.metrics.failures.inc({ ...labels, code: (result.error as { code?: string }).code ?? 'error' });
    }
    if (nextAt !== null) await this.app.store.flows.setNextRun(connection.id, flow, nextAt).catch(() => {});
  }

  private async refreshGauges(): Promise<void> {
    const store = this.app.store;
    for (const connection of this.connections) {
      const name = connection.name;
      const states = await store.records.countByState(connection.id);
      for (const kind of ['held', 'conflict', 'failed'] as const)
        this.metrics.attention.set({ connection: name, kind }, states[kind] ?? 0);
      this.metrics.queueDepth.set({ connection: name, queue: 'held_orders' }, states['held'] ?? 0);
      this.metrics.queueDepth.set({ connection: name, queue: 'failed_orders' }, states['failed'] ?? 0);
      const inbox = await store.inbox.counts(connection.id);
      this.metrics.queueDepth.set({ connection: name, queue: 'webhook_inbox' }, inbox['pending'] ?? 0);
      const stale = this.app.config.STALE_AFTER_MINUTES * 60_000;
      for (const f of await store.flows.list(connection.id)) {
        const last = f.lastSuccessAt ? Date.parse(f.lastSuccessAt) : null;
        if (last) this.metrics.lastSuccess.set({ connection: name, flow: f.flow }, last / 1000);
        const since = last ?? this.started;
        this.metrics.stale.set(
          { connection: name, flow: f.flow },
          !f.paused && this.app.clock.now() - since > stale ? 1 : 0,
        );
      }
    }
    for (const b of this.connector.budgets.all()) {
      const st = b.budget.state();
      const labels = { account: b.label, api: b.api };
      this.metrics.rateRemaining.set(labels, st.remaining ?? -1);
      this.metrics.rateLimit.set(labels, st.limit);
      this.metrics.rateLimited.set(labels, st.rateLimited);
    }
  }
}
