import type { App } from '../app.js';
import type { Connection } from '../domain/connection.js';
import type { Lease } from '../domain/lease.js';
import { type FlowName, type FlowRunResult, runFlow } from '../engine/flow-runner.js';
import type { FlowContext, FlowOutcome, FlowProgress } from '../engine/ports.js';
import { BudgetRegistry } from './budgets.js';
import { buildConnectionRuntime, type ConnectionRuntime } from './connection-runtime.js';
import { resolveFlowSettings } from './flow-settings.js';

export interface RunOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: FlowProgress) => void;
  /** Run although the flow is paused (a person's explicit "run now"). */
  ignorePause?: boolean;
}

/**
 * What every flow's pass runs with, shared by the service, the CLI and the dashboard: it builds each
 * connection's clients once, shares one request budget per ShipStation account, and runs each pass under
 * the flow's lease. Passes start in `flows/run-pass.ts`, through the flow registry.
 */
export class Connector {
  readonly budgets: BudgetRegistry;
  /** Aborted by `stop()`: in-flight requests to Sage end at once instead of waiting out their retries. */
  private readonly stopping = new AbortController();
  private readonly runtimes = new Map<number, { at: string; runtime: Promise<ConnectionRuntime> }>();

  /**
   * `worker`: the id the lease holders of its passes start with (the service's worker id; this process's
   * `PROCESS_HOLDER` by default, for the commands).
   */
  constructor(
    readonly app: App,
    readonly worker?: string,
  ) {
    this.budgets = new BudgetRegistry({
      clock: app.clock,
      v2Limit: app.config.SHIPSTATION_V2_RATE_LIMIT,
      windowMs: app.config.SHIPSTATION_RATE_WINDOW_MS,
      // Every worker on this database (and a CLI `sync` beside `start`) spends from one V2 budget per account.
      shared: {
        store: app.store.rateSlots,
        requestTimeoutMs: app.config.SHIPSTATION_TIMEOUT_SECONDS * 1000,
        onError: (error) => app.logger.warn({ err: error }, 'the shared ShipStation V2 budget could not be read'),
      },
    });
  }

  /** The connection's clients, rebuilt when the connection was edited since. */
  runtime(connection: Connection): Promise<ConnectionRuntime> {
    const cached = this.runtimes.get(connection.id);
    if (cached && cached.at === connection.updatedAt) return cached.runtime;
    const runtime = buildConnectionRuntime(this.app, connection, this.budgets, this.stopping.signal);
    runtime.catch(() => this.runtimes.delete(connection.id));
    this.runtimes.set(connection.id, { at: connection.updatedAt, runtime });
    return runtime;
  }

  stop(): void {
    this.stopping.abort(new Error('the connector is stopping'));
  }

  forget(connectionId: number): void {
    this.runtimes.delete(connectionId);
  }

  context(connection: Connection, lease: Lease | null, signal: AbortSignal, options: RunOptions): FlowContext {
    return {
      connection,
      store: this.app.store,
      clock: this.app.clock,
      logger: this.app.logger.child({ connection: connection.name }),
      settings: resolveFlowSettings(this.app.config, connection),
      lease,
      dryRun: !!options.dryRun,
      signal,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
  }

  /**
   * One pass of any flow under its lease (with the configured lease time), with the connection's clients and
   * a flow context bound to that lease. Every flow module's `run` goes through here.
   */
  runUnderLease(
    connection: Connection,
    flow: FlowName,
    options: RunOptions,
    body: (ctx: FlowContext, rt: ConnectionRuntime) => Promise<FlowOutcome>,
  ): Promise<FlowRunResult> {
    return runFlow(
      {
        store: this.app.store,
        connectionId: connection.id,
        flow,
        clock: this.app.clock,
        logger: this.app.logger,
        ttlMs: this.app.config.FLOW_LEASE_SECONDS * 1000,
        keepRunsDays: this.app.config.FLOW_RUNS_KEEP_DAYS,
        ...(this.worker ? { worker: this.worker } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.ignorePause ? { ignorePause: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      async (lease, signal) => {
        const rt = await this.runtime(connection);
        return body(this.context(connection, lease, signal, options), rt);
      },
    );
  }
}
