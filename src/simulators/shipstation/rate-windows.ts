import type { RateDecision } from './rate-limiter.js';
import { type ApiName, RequestStats } from './stats.js';

export interface RateWindowSnapshot {
  limit: number;
  windowMs: number;
  /** Authenticated requests of this API (429s included). */
  requests: number;
  /** Answered 429, by the limiter or by a 429-storm fault. */
  rateLimited: number;
  /** The most requests that arrived within one of the server's windows (429s included). */
  maxPerWindow: number;
  /** The most requests that arrived within any `windowMs` span, however it lies against the server's windows. */
  maxPerSlidingWindow: number;
}

/**
 * What a benchmark asks of an account: how close its clients came to the limit. The server's windows open at the
 * first request and last `windowMs` (rate-limiter.ts); a window is recognised from the limiter's own answer
 * (its start is `now + resetMs - windowMs`), so a reset of the limiter starts a new one here too.
 */
export class RateWindowCounter {
  private requests = 0;
  private rateLimited = 0;
  private windowStart = Number.NaN;
  private inWindow = 0;
  private maxPerWindow = 0;
  private recent: number[] = [];
  private head = 0;
  private maxPerSlidingWindow = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  arrival(now: number, decision: RateDecision, refused: boolean): void {
    this.requests++;
    if (refused) this.rateLimited++;
    const start = now + decision.resetMs - this.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.inWindow = 0;
    }
    this.inWindow++;
    this.maxPerWindow = Math.max(this.maxPerWindow, this.inWindow);
    this.recent.push(now);
    while ((this.recent[this.head] as number) <= now - this.windowMs) this.head++;
    this.maxPerSlidingWindow = Math.max(this.maxPerSlidingWindow, this.recent.length - this.head);
    if (this.head > 1024 && this.head * 2 > this.recent.length) {
      this.recent = this.recent.slice(this.head);
      this.head = 0;
    }
  }

  snapshot(): RateWindowSnapshot {
    return {
      limit: this.limit,
      windowMs: this.windowMs,
      requests: this.requests,
      rateLimited: this.rateLimited,
      maxPerWindow: this.maxPerWindow,
      maxPerSlidingWindow: this.maxPerSlidingWindow,
    };
  }

  reset(): void {
    this.requests = 0;
    this.rateLimited = 0;
    this.windowStart = Number.NaN;
    this.inWindow = 0;
    this.maxPerWindow = 0;
    this.recent = [];
    this.head = 0;
    this.maxPerSlidingWindow = 0;
  }
}

/** An account's request statistics: the route counts of RequestStats plus its rate windows; one reset clears both. */
export class AccountStats extends RequestStats {
  readonly windows: Record<ApiName, RateWindowCounter>;

  constructor(limits: Record<ApiName, { limit: number; windowMs: number }>) {
    super();
    this.windows = {
      v1: new RateWindowCounter(limits.v1.limit, limits.v1.windowMs),
      v2: new RateWindowCounter(limits.v2.limit, limits.v2.windowMs),
    };
  }

  rateWindows(): Record<ApiName, RateWindowSnapshot> {
    return { v1: this.windows.v1.snapshot(), v2: this.windows.v2.snapshot() };
  }

  override reset(): void {
    super.reset();
    this.windows.v1.reset();
    this.windows.v2.reset();
  }
}
