export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the window after this one. */
  remaining: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed windows per credential, as V1 behaves: a window opens at the first request and lasts `windowMs`
 * (live headers show `X-Rate-Limit-Reset` counting down 22→20 one second apart and `Remaining` 29→28→27,
 * V1 sheet §3). V2 documents only the 200/min figure and 429 + Retry-After; the same arithmetic serves it.
 * A refused request does not use up the window (the API answered 429 without doing the work).
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  take(key: string, now: number): RateDecision {
    const window = this.current(key, now);
    if (window.count >= this.limit) return this.decision(window, now, false);
    window.count++;
    return this.decision(window, now, true);
  }

  /** The state of the window without using a request (for answers that do not count, like 429 storms). */
  peek(key: string, now: number): RateDecision {
    return this.decision(this.current(key, now), now, true);
  }

  reset(): void {
    this.windows.clear();
  }

  private current(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private decision(window: Window, now: number, allowed: boolean): RateDecision {
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetMs: Math.max(0, window.start + this.windowMs - now),
    };
  }
}
