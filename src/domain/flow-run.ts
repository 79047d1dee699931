/**
 * What became of one pass of a flow: `running` while it runs, then `ok`, `failed` (an error, or its lease
 * taken over by another process), `stopped` (the service shut down) or `off` (the flow cannot run for this
 * connection; the reason is the error). A `running` pass whose process died is read as `failed`.
 */
export const RUN_RESULTS = ['running', 'ok', 'failed', 'stopped', 'off'] as const;
export type RunResult = (typeof RUN_RESULTS)[number];

/** One pass of a flow of a connection, from the runs history (`flow_runs`). */
export interface FlowRun {
  id: number;
  connectionId: number;
  flow: string;
  /** The lease holder, `<worker id>/<pass id>`: which process ran it. */
  holder: string;
  /** The lease's fencing token: grows at every pass of this flow of this connection, across processes. */
  leaseToken: number;
  startedAt: string;
  finishedAt: string | null;
  result: RunResult;
  counts: Record<string, number> | null;
  error: string | null;
}
