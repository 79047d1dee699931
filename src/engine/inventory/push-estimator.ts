/**
 * Time left for a long piece of work (a push, a pass). Before enough progress has been seen, the budget's own
 * rate decides (200 a minute: 10,000 SKUs in one location take ~50 minutes); afterwards the pace of the last
 * 60 s, which includes whatever other flows of the account spend from the same budget — not the average
 * since the start, which a fast first burst skews ("about 1 s left", then "about 2 min 22 s left").
 *
 * An estimate never rises by more than 50 % over the lowest one given in the last 60 s unless the work left
 * rose: a person reads a jump as a fault, and a real slow-down still shows within a minute or two.
 */
export class PushEstimator {
  /** Progress samples; those before `head` have left the window (dropped in bulk, not one shift at a time). */
  private samples: { at: number; done: number }[];
  private head = 0;
  /**
   * The estimates given in the last window that could still be its lowest, oldest first and rising: a newer
   * estimate that is no higher makes older ones irrelevant. So the lowest is always the first, and each call
   * costs O(1) on average — a first push of 30,000 levels calls this once per level, and a scan of every
   * estimate of the last minute made it quadratic (and `Math.min(...list)` overflows the stack past ~125k).
   */
  private lows: { at: number; eta: number }[] = [];
  private lowsHead = 0;
  private lastLeft: number | undefined;

  constructor(
    private total: number,
    now: number,
    /** Expected sends per millisecond (the V2 budget: limit / window), when known. */
    private readonly expectedPerMs?: number,
    private readonly windowMs = 60_000,
  ) {
    this.samples = [{ at: now, done: 0 }];
  }

  /** The work grew or shrank (a pass that finds more to do). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Milliseconds left after `done` units, or undefined when there is nothing to go on yet. */
  etaMs(done: number, now: number): number | undefined {
    const left = Math.max(0, this.total - done);
    if (this.lastLeft !== undefined && left > this.lastLeft) {
      this.lows = [];
      this.lowsHead = 0;
    }
    this.lastLeft = left;
    if (left === 0) return 0;
    const rate = this.pace(done, now) ?? this.expectedPerMs;
    if (!rate || rate <= 0) return undefined;
    const raw = left / rate;
    while (this.lowsHead < this.lows.length && now - (this.lows[this.lowsHead]?.at ?? now) > this.windowMs)
      this.lowsHead += 1;
    const lowest = this.lows[this.lowsHead];
    const cap = lowest ? 1.5 * lowest.eta : Number.POSITIVE_INFINITY;
    const eta = Math.round(Math.min(raw, cap));
    while (this.lows.length > this.lowsHead && (this.lows[this.lows.length - 1]?.eta ?? 0) >= eta) this.lows.pop();
    this.lows.push({ at: now, eta });
    if (this.lowsHead > 1024 && this.lowsHead * 2 > this.lows.length) {
      this.lows = this.lows.slice(this.lowsHead);
      this.lowsHead = 0;
    }
    return eta;
  }

  /** Units per millisecond over the last window, once it holds enough to go on. */
  private pace(done: number, now: number): number | undefined {
    const last = this.samples[this.samples.length - 1];
    if (last && (now > last.at || done !== last.done)) this.samples.push({ at: now, done });
    // Keep the newest sample at or before the window's start as the base, so the window spans 60 s.
    while (this.samples.length - this.head > 2 && (this.samples[this.head + 1]?.at ?? now) <= now - this.windowMs)
      this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.samples.length) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
    const base = this.samples[this.head];
    if (!base || now <= base.at) return undefined;
    const progressed = done - base.done;
    const enough = progressed >= Math.min(20, this.total) || (now - base.at >= this.windowMs && progressed > 0);
    return enough ? progressed / (now - base.at) : undefined;
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
