import { hostname } from 'node:os';
import type { Clock } from '../domain/clock.js';
import { toConnectorError } from '../domain/errors.js';
import type { Lease } from '../domain/lease.js';
import { LeaseLostError } from '../domain/lease-lost-error.js';
import type { Logger } from '../domain/logger.js';
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
}

/** Identifies this process in leases (host, pid and a random part, so a restarted pid is new). */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * Runs one pass of a flow of a connection under its lease (one runner per connection and flow across
 * processes), and records what happened for `status` and the dashboard. A dry run takes no lease and
 * records nothing: it only reads.
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
  if (!options.dryRun) {
    lease = await store.leases.acquire(connectionId, flow, PROCESS_HOLDER, ttl);
    if (!lease) {
      const current = await store.leases.current(connectionId, flow);
      options.signal?.removeEventListener('abort', onOuterAbort);
      return { status: 'busy', holder: current?.holder ?? 'another process' };
    }
    await store.flows.started(connectionId, flow);
  }
  const started = clock.now();
  const heartbeat = lease ? keepLease(store, lease, ttl, clock, controller, log) : Promise.resolve();
  try {
    const outcome = await body(lease, controller.signal);
    if (lease) await store.flows.finished(connectionId, flow, { ok: true, counts: outcome.counts });
    return { status: 'ran', outcome, ms: clock.now() - started };
  } catch (error) {
    const e = toConnectorError(error);
    log.error({ err: e }, 'flow run failed');
    if (lease && options.signal?.aborted) {
      // Stopped by the service shutting down: not a failure; the next start carries on from the store.
      await store.flows
        .finished(connectionId, flow, {
          ok: false,
          status: 'stopped',
          error: 'stopped while the service shut down',
          counts: {},
        })
        .catch(() => {});
    } else if (lease && !(error instanceof LeaseLostError)) {
      await store.flows.finished(connectionId, flow, { ok: false, error: e.message, counts: {} }).catch(() => {});
    }
    return { status: 'failed', error: e, ms: clock.now() - started };
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    if (!controller.signal.aborted) controller.abort('flow finished');
    await heartbeat;
    if (lease) await store.leases.release(lease).catch(() => {});
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
        log.warn({ token: lease.token }, 'lease lost to another process: stopping this run');
        controller.abort(new LeaseLostError(lease.connectionId, lease.flow, lease.token));
        return;
      }
    } catch (error) {
      log.warn({ err: error }, 'could not renew the lease; will try again');
    }
  }
}
