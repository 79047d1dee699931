import { Counter, Gauge, Registry } from 'prom-client';

/**
 * Prometheus metrics (`/metrics`): what flowed, what failed, what waits, how much rate budget is left.
 * Gauges that mirror the store (queue depths, held orders) are refreshed by a collect callback so a
 * scrape always shows the current truth, whichever process made the change.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly recordsSynced: Counter<'connection' | 'flow' | 'result'>;
  readonly flowRuns: Counter<'connection' | 'flow' | 'status'>;
  readonly failures: Counter<'connection' | 'flow' | 'code'>;
  readonly webhooksReceived: Counter<'connection' | 'api' | 'result'>;
  readonly queueDepth: Gauge<'connection' | 'queue'>;
  readonly rateRemaining: Gauge<'account' | 'api'>;
  readonly rateLimit: Gauge<'account' | 'api'>;
  readonly rateLimited: Gauge<'account' | 'api'>;
  readonly lastSuccess: Gauge<'connection' | 'flow'>;
  readonly stale: Gauge<'connection' | 'flow'>;
  readonly attention: Gauge<'connection' | 'kind'>;
  readonly passesRunning: Gauge<'worker'>;
  readonly workerConcurrency: Gauge<'worker'>;

  constructor() {
    const r = this.registry;
    this.recordsSynced = new Counter({
      name: 'mlc_records_synced_total',
      help: 'Records handled by a flow, by result (created, updated, written_back, held, skipped, ...)',
      labelNames: ['connection', 'flow', 'result'],
      registers: [r],
    });
    this.flowRuns = new Counter({
      name: 'mlc_flow_runs_total',
      help: 'Flow passes, by status (ran, failed, busy, paused)',
      labelNames: ['connection', 'flow', 'status'],
      registers: [r],
    });
    this.failures = new Counter({
      name: 'mlc_failures_total',
      help: 'Failed flow passes and parked records, by error code',
      labelNames: ['connection', 'flow', 'code'],
      registers: [r],
    });
    this.webhooksReceived = new Counter({
      name: 'mlc_webhooks_received_total',
      help: 'Webhook deliveries received, by result (stored, refused)',
      labelNames: ['connection', 'api', 'result'],
      registers: [r],
    });
    this.queueDepth = new Gauge({
      name: 'mlc_queue_depth',
      help: 'Work waiting per connection: webhook inbox, shipments to write back, held orders, failed orders',
      labelNames: ['connection', 'queue'],
      registers: [r],
    });
    this.rateRemaining = new Gauge({
      name: 'mlc_rate_budget_remaining',
      help: 'ShipStation requests left in the current window per account (-1 when not yet known)',
      labelNames: ['account', 'api'],
      registers: [r],
    });
    this.rateLimit = new Gauge({
      name: 'mlc_rate_budget_limit',
      help: 'ShipStation requests allowed per window per account',
      labelNames: ['account', 'api'],
      registers: [r],
    });
    this.rateLimited = new Gauge({
      name: 'mlc_rate_limited_total',
      help: '429 answers seen per account since start',
      labelNames: ['account', 'api'],
      registers: [r],
    });
    this.lastSuccess = new Gauge({
      name: 'mlc_flow_last_success_timestamp_seconds',
      help: 'When each flow last finished without error',
      labelNames: ['connection', 'flow'],
      registers: [r],
    });
    this.stale = new Gauge({
      name: 'mlc_flow_stale',
      help: '1 when a flow has not succeeded for longer than STALE_AFTER_MINUTES',
      labelNames: ['connection', 'flow'],
      registers: [r],
    });
    this.attention = new Gauge({
      name: 'mlc_attention',
      help: 'Records that need a person, by kind (held, conflict, voided label, write-back refused, failed)',
      labelNames: ['connection', 'kind'],
      registers: [r],
    });
    // Per worker (each `start` process serves its own /metrics): the worker id is the lease holders' prefix.
    this.passesRunning = new Gauge({
      name: 'mlc_worker_passes_running',
      help: 'Passes this worker runs now (at most WORKER_CONCURRENCY are claimed from the shared schedule)',
      labelNames: ['worker'],
      registers: [r],
    });
    this.workerConcurrency = new Gauge({
      name: 'mlc_worker_concurrency',
      help: 'WORKER_CONCURRENCY of this worker',
      labelNames: ['worker'],
      registers: [r],
    });
  }

  /** Called before each scrape to refresh gauges from the store. */
  onCollect(refresh: () => Promise<void>): void {
    this.collectors.push(refresh);
  }

  private readonly collectors: (() => Promise<void>)[] = [];

  async render(): Promise<{ contentType: string; body: string }> {
    for (const c of this.collectors) await c().catch(() => {});
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
