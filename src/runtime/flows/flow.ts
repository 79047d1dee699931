import type { Connection } from '../../domain/connection.js';
import type { FlowName, FlowRunResult } from '../../engine/flow-runner.js';
import type { Connector, RunOptions } from '../connector.js';
import type { JobTiming } from '../jobs.js';

/** A job the service schedules per connection: one pass of its flow with a fixed request. */
export interface FlowJob<R> {
  /** The job's key after `<connection id>:`, and its own key in the connection's `cron` setting. */
  name: string;
  /** The scheduler's tag when it is not the flow's name (the orders reconcile is `reconcile`). */
  tag?: string;
  timing: JobTiming;
  runAtStart?: boolean;
  /** A job of the same connection whose first run this one waits for (see `ServiceJob.after`). */
  after?: string;
  /** The pass it asks for (the scheduler adds its stop signal). */
  request: R;
}

/**
 * One flow of a connection: its name (the lease, the row in `flows`, the metrics label, the Flows page and
 * `sync <flow>`), how one pass runs, the passes a person asks for, and the jobs the service schedules.
 * `R` is the flow's request: which variant of a pass (orders new/edits/reconcile, reference extras, …).
 */
export interface FlowModule<R extends RunOptions = RunOptions> {
  readonly name: FlowName;
  /** One pass for a connection. Only `runPass` calls it: every pass starts there. */
  run(connector: Connector, connection: Connection, request: R): Promise<FlowRunResult>;
  /** The passes of a run by hand: `sync` with its `--mode`, or the dashboard's "Run now" (no mode). */
  byHand(mode?: string): R[];
  /** Why a pass that ran did nothing because the flow is off for the connection (`sync` says so). */
  offReason?(result: FlowRunResult): string | undefined;
  readonly jobs: readonly FlowJob<R>[];
}
