import { hostname } from 'node:os';
import type { Clock } from '../domain/clock.js';
import { ConnectorError, toConnectorError } from '../domain/errors.js';
import type { Lease } from '../domain/lease.js';
import { LeaseLostError } from '../domain/lease-lost-error.js';
import type { Logger } from '../domain/logger.js';
import { PassHistory } from './pass-history.js';
import type { EngineStore, FlowOutcome } from './ports.js';

export type FlowName = 'orders' | 'shipments' | 'inventory' | 'reference' | 'reconcile';

export type FlowRunResult =
  | { status: 'ran'; outcome: FlowOutcome; ms: number }
  | { status: 'busy'; holder: string }
  | { status: 'paused' }
  | { status: 'failed'; error: Error; ms: number };

export interface FlowRunOptions {
  store: EngineStore;
  connectionId: number;
  flow: FlowName;
  clock: Clock;
  logger: Logger;
  /** Lease time-to-live; renewed every third of it while the flow runs. */
  ttlMs?: number;
  dryRun?: boolean;
  /** Run even when the flow is paused (an explicit "run now" from a person). */
  ignorePause?: boolean;
  signal?: AbortSignal;
  /** How many days the runs history keeps a pass (FLOW_RUNS_KEEP_DAYS). */
  keepRunsDays?: number;
  /** The worker running the pass, the first part of its lease holder (default this process, `PROCESS_HOLDER`). */
  worker?: string;
}

/** Identifies this process, the worker, in leases (host, pid and a random part, so a restarted pid is new). */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

let passes = 0;

/**
 * A lease's holder: the worker and the pass (`<worker id>/<pass id>`). A live lease is never re-taken, not
 * even by the same process, so a second pass of a flow in one process finds it busy like any other.
 */
export function passHolder(worker: string = PROCESS_HOLDER): string {
  passes += 1;
  return `${worker}/${passes}`;
}

/** The code of a pass ended by a stop (the service shutting down, Ctrl-C): not a failure of the flow. */
export const STOPPED = 'stopped';

/** The result of a pass that a stop ended (or that was stopped before it began). */
export function stoppedResult(ms: number): FlowRunResult {
  return {
    status: 'failed',
    error: new ConnectorError(STOPPED, 'The pass was stopped: the service is shutting down.'),
    ms,
  };
}

/** Whether a result is a pass a stop ended. */
export function wasStopped(result: FlowRunResult): boolean {
  return result.status === 'failed' && (result.error as { code?: string }).code === STOPPED;
}

/**
 * Runs one pass of a flow of a connection under its lease (one runner per connection and flow across
 * processes), and records what happened for `status` and the dashboard: the flow's last pass in `flows` and
 * this pass's row in the runs history (`PassHistory`). A dry run takes no lease and records nothing: it only reads.
 */
export async function runFlow(
  options: FlowRunOptions,
  body: (lease: Lease | null, signal: AbortSignal) => Promise<FlowOutcome>,
): Promise<FlowRunResult> {
  const { store, connectionId, flow, clock, logger } = options;
  const ttl = options.ttlMs ?? 60_000;
  const log = logger.child({ flow, connectionId });
  if (!options.dryRun && !options.ignorePause && (await store.flows.get(connectionId, flow)).paused) {
    return { status: 'paused' };
  }
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let lease: Lease | null = null;
  let history: PassHistory | null = null;
  if (!options.dryRun) {
    lease = await store.leases.acquire(connectionId, flow, passHolder(options.worker), ttl);
    if (!lease) {
      const current = await store.leases.current(connectionId, flow);
      options.signal?.removeEventListener('abort', onOuterAbort);
      return { status: 'busy', holder: current?.holder ?? 'another process' };
    }
    history = await PassHistory.start(store, lease, clock, options.keepRunsDays ?? 30, log);
  }
  const started = clock.now();
  const heartbeat = lease ? keepLease(store, lease, ttl, clock, controller, log) : Promise.resolve();
  try {
    const outcome = await body(lease, controller.signal);
    // A pass that ended on its own after losing its lease still lost it: the new holder's pass is the one
    // that counts, and this one must not be recorded as a success over it.
    if (controller.signal.reason instanceof LeaseTakenOver) throw controller.signal.reason.error;
    await history?.ok(outcome);
    return { status: 'ran', outcome, ms: clock.now() - started };
  } catch (error) {
    // Look at why the pass ended before saying it failed: a stop and a lost lease are not the flow's fault.
    const lost = controller.signal.reason instanceof LeaseTakenOver ? controller.signal.reason : null;
    if (options.signal?.aborted && !lost) {
      // Stopped by the service shutting down: not a failure; the next start carries on from the store.
      log.info({}, 'flow run stopped: the service is shutting down');
      await history?.stopped();
      return stoppedResult(clock.now() - started);
    }
    const e = lost ? lost.error : toConnectorError(error);
    log.error({ err: e, ...(lost ? { holder: lost.holder } : {}) }, 'flow run failed');
    // A lost lease is recorded too, naming who took it, so the Flows and Runs pages say why this pass ended.
    await history?.failed(e.message);
    return { status: 'failed', error: e, ms: clock.now() - started };
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    if (!controller.signal.aborted) controller.abort('flow finished');
    await heartbeat;
    if (lease) await store.leases.release(lease).catch(() => {});
  }
}

/** Why a run was aborted when its lease was renewed no more: who holds it now. */
class LeaseTakenOver {
  readonly error: ConnectorError;
  constructor(
    lease: Lease,
    readonly holder: string,
  ) {
    const lost = new LeaseLostError(lease.connectionId, lease.flow, lease.token);
    this.error = new ConnectorError(
      lost.code,
      `The lease of this pass was taken over by ${holder} (another process stalled past its expiry, or took it); this pass stopped and that one carries on.`,
      { cause: lost, context: { ...lost.context, holder } },
    );
  }
}

/** Renews the lease until the run ends; if it is lost, aborts the run (fenced writes would fail anyway). */
async function keepLease(
  store: EngineStore,
  lease: Lease,
  ttl: number,
  clock: Clock,
  controller: AbortController,
  log: Logger,
): Promise<void> {
  while (!controller.signal.aborted) {
    try {
      await clock.sleep(ttl / 3, controller.signal);
    } catch {
      return;
    }
    try {
      if (!(await store.leases.renew(lease, ttl))) {
        const holder =
          (await store.leases.current(lease.connectionId, lease.flow).catch(() => null))?.holder ?? 'unknown';
        log.warn({ token: lease.token, holder }, `lease lost to ${holder}: stopping this run`);
        controller.abort(new LeaseTakenOver(lease, holder));
        return;
      }
    } catch (error) {
      log.warn({ err: error }, 'could not renew the lease; will try again');
    }
  }
}
