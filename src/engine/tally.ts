import type { FlowOutcome, PlannedWrite } from './ports.js';

/**
 * A pass's running tallies, shared by every flow's run: how many of each thing happened (what `status`,
 * the dashboard and the logs report) and, in a dry run, the writes it would have made.
 */
export interface Tally {
  counts: Record<string, number>;
  planned: PlannedWrite[];
}

export function count(tally: Tally, key: string, n = 1): void {
  tally.counts[key] = (tally.counts[key] ?? 0) + n;
}

/** The pass's outcome: only the tallies, not the rest of the run that carries them. */
export function outcome(tally: Tally): FlowOutcome {
  return { counts: tally.counts, planned: tally.planned };
}
