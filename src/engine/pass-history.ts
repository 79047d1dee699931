import type { Clock } from '../domain/clock.js';
import type { Lease } from '../domain/lease.js';
import type { Logger } from '../domain/logger.js';
import type { EngineStore, FlowOutcome } from './ports.js';

const DAY_MS = 86_400_000;

type RunEnd = Parameters<EngineStore['flowRuns']['finish']>[1];

/**
 * Where a pass is recorded, from its start to its end: the flow's last pass in `flows` (for `status` and the
 * Flows page) and its own row in the runs history, `flow_runs` (the Runs page). The history is for people:
 * a failure to write it is logged and never fails the pass; `flows` is written as before.
 */
export class PassHistory {
  private constructor(
    private readonly store: EngineStore,
    private readonly lease: Lease,
    private readonly log: Logger,
    private readonly runId: number | null,
  ) {}

  /**
   * Records the start of a pass that holds `lease`, and applies the history's retention: there is no
   * housekeeping job, and one indexed delete per pass start keeps the table at FLOW_RUNS_KEEP_DAYS.
   */
  static async start(
    store: EngineStore,
    lease: Lease,
    clock: Clock,
    keepDays: number,
    log: Logger,
  ): Promise<PassHistory> {
    await store.flows.started(lease.connectionId, lease.flow);
    const warn = (what: string) => (err: unknown) => {
      log.warn({ err }, `could not ${what} the runs history`);
      return null;
    };
    const runId = await store.flowRuns
      .start({ connectionId: lease.connectionId, flow: lease.flow, holder: lease.holder, leaseToken: lease.token })
      .catch(warn('add this pass to'));
    await store.flowRuns.prune(clock.now() - keepDays * DAY_MS).catch(warn('trim'));
    return new PassHistory(store, lease, log, runId);
  }

  /** The pass ended on its own; `off` (the flow cannot run for this connection) is a success with a reason. */
  async ok(outcome: FlowOutcome): Promise<void> {
    await this.store.flows.finished(this.lease.connectionId, this.lease.flow, { ok: true, counts: outcome.counts });
    await this.run({ result: outcome.off ? 'off' : 'ok', counts: outcome.counts, error: outcome.off ?? null });
  }

  /** A stop (the service shutting down) ended the pass: not a failure of the flow. */
  async stopped(): Promise<void> {
    const error = 'stopped while the service shut down';
    await this.store.flows
      .finished(this.lease.connectionId, this.lease.flow, { ok: false, status: 'stopped', error, counts: {} })
      .catch(() => {});
    await this.run({ result: 'stopped', counts: {}, error });
  }

  /** The pass failed, or lost its lease (the message names who took it, so the pages say why it ended). */
  async failed(message: string): Promise<void> {
    await this.store.flows
      .finished(this.lease.connectionId, this.lease.flow, { ok: false, error: message, counts: {} })
      .catch(() => {});
    await this.run({ result: 'failed', counts: {}, error: message });
  }

  private async run(end: RunEnd): Promise<void> {
    if (this.runId === null) return;
    await this.store.flowRuns.finish(this.runId, end).catch((err: unknown) => {
      this.log.warn({ err }, 'could not record the end of this pass in the runs history');
    });
  }
}
