import { type Clock, systemClock } from '../../domain/clock.js';
import { RateBudget, type RateOutcome, type RatePolicy, type RequestPriority } from './rate-budget.js';

export interface V2RateBudgetOptions {
  /** Requests per window (V2 documents 200 per minute; more on request to ShipStation). */
  limit?: number;
  windowMs?: number;
  /** Requests of any window kept for writes: polls wait when no more than this many are left. */
  reserveForWrites?: number;
  /**
   * Slack added to the window: the server counts arrivals, we count departures, and latency varies,
   * so two sends exactly one window apart could land in one server window.
   */
  marginMs?: number;
  /** Wait after a 429 that carries no `Retry-After`. */
  defaultRetryAfterMs?: number;
  clock?: Clock;
}

/**
 * V2 sends no `X-Rate-Limit-*` headers (V2 sheet §1.3), so the connector throttles itself: at most
 * `limit` sends in any `windowMs + marginMs` (a sliding log, which also respects any fixed window the
 * server uses). A 429 — another app on the same key, or a lower limit than configured — blocks every
 * request of the account for `Retry-After` seconds ("retry globally, not per call", same section).
 */
export function createV2RateBudget(options: V2RateBudgetOptions = {}): RateBudget {
  return new RateBudget(new V2SelfThrottlePolicy(options), options.clock ?? systemClock);
}

export class V2SelfThrottlePolicy implements RatePolicy {
  readonly kind = 'self-throttle' as const;
  private readonly limit: number;
  private readonly span: number;
  private readonly reserve: number;
  private readonly defaultRetryAfterMs: number;
  /** Send times within the last span, oldest first. */
  private sends: number[] = [];
  private blockedUntil: number | undefined;

  constructor(options: V2RateBudgetOptions) {
    this.limit = options.limit ?? 200;
    const windowMs = options.windowMs ?? 60_000;
    this.span = windowMs + (options.marginMs ?? Math.min(1000, Math.max(50, windowMs / 50)));
    this.reserve = Math.min(options.reserveForWrites ?? 2, Math.max(0, this.limit - 1));
    this.defaultRetryAfterMs = options.defaultRetryAfterMs ?? 1000;
  }

  waitFor(priority: RequestPriority, now: number): number {
    if (this.blockedUntil !== undefined) {
      if (now < this.blockedUntil) return this.blockedUntil - now;
      this.blockedUntil = undefined;
    }
    this.forget(now);
    const usable = priority === 'write' ? this.limit : this.limit - this.reserve;
    if (this.sends.length < usable) return 0;
    // The send that must age out before one more is allowed.
    const oldest = this.sends[this.sends.length - usable]!;
    return Math.max(1, oldest + this.span - now);
  }

  onSend(now: number): void {
    this.sends.push(now);
  }

  onSettle(outcome: RateOutcome | undefined, now: number): void {
    if (outcome?.status !== 429) return;
    const wait = retryAfterMs(outcome.headers, now) ?? this.defaultRetryAfterMs;
    this.blockedUntil = Math.max(this.blockedUntil ?? 0, now + wait);
  }

  snapshot(now: number) {
    this.forget(now);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.sends.length),
      resetAt: this.sends.length > 0 ? this.sends[0]! + this.span : null,
      blockedUntil: this.blockedUntil !== undefined && this.blockedUntil > now ? this.blockedUntil : null,
    };
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.sends.length && this.sends[drop]! + this.span <= now) drop += 1;
    if (drop > 0) this.sends = this.sends.slice(drop);
  }
}

/** `Retry-After` as delta-seconds (what V2 documents) or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
