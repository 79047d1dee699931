/**
 * Time left for a push. Before enough sends have been seen, the budget's own rate decides (200 a minute:
 * 10,000 SKUs in one location take ~50 minutes); afterwards the rate actually achieved, which includes
 * whatever other flows of the account spend from the same budget.
 */
export class PushEstimator {
  private readonly startedAt: number;

  constructor(
    private readonly total: number,
    now: number,
    /** Expected sends per millisecond (the V2 budget: limit / window), when known. */
    private readonly expectedPerMs?: number,
  ) {
    this.startedAt = now;
  }

  /** Milliseconds left after `done` sends, or undefined when there is nothing to go on yet. */
  etaMs(done: number, now: number): number | undefined {
    const left = Math.max(0, this.total - done);
    if (left === 0) return 0;
    const elapsed = now - this.startedAt;
    const observed = done >= Math.min(20, this.total) && elapsed > 0 ? done / elapsed : undefined;
    const rate = observed ?? this.expectedPerMs;
    return rate && rate > 0 ? Math.round(left / rate) : undefined;
  }
}

/** `2 h 05 min`, `3 min 10 s`, `45 s`: how people read a wait. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
