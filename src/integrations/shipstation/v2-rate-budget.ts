import { type Clock, systemClock } from '../../domain/clock.js';
import { RateBudget, type RateOutcome, type RatePolicy, type RequestPriority } from './rate-budget.js';

export interface V2RateBudgetOptions {
  /** Requests per window (V2 documents 200 per minute; more on request to ShipStation). */
  limit?: number;
  windowMs?: number;
  /** Requests of any window kept for writes: polls wait when no more than this many are left. */
  reserveForWrites?: number;
  /**
   * Slack added to the window after a request's answer: covers the server's window edges and clock
   * rounding (latency itself is covered by counting from the answer, see below).
   */
  marginMs?: number;
  /** Wait after a 429 that carries no `Retry-After`. */
  defaultRetryAfterMs?: number;
  clock?: Clock;
}

/** The default margin: 1/50 of the window, 50 ms to 1 s. */
export function defaultV2MarginMs(windowMs: number): number {
  return Math.min(1000, Math.max(50, windowMs / 50));
}

/**
 * V2 sends no `X-Rate-Limit-*` headers (V2 sheet §1.3), so the connector throttles itself. The server
 * counts a request when it ARRIVES, which is some time between our grant and its answer — milliseconds
 * on a quiet network, seconds behind a slow link, a GC pause or a busy event loop. So a request holds
 * its slot from the grant until its answer (or its timeout) arrives, and then for one window plus the
 * margin: whenever the server saw it, it has left every window of the server's before the slot is
 * reused. At most `limit` requests are then in any server window, whatever the latency. A 429 — another
 * app on the same key, or a lower limit than configured — blocks every request of the account for
 * `Retry-After` seconds ("retry globally, not per call", same section).
 */
export function createV2RateBudget(options: V2RateBudgetOptions = {}): RateBudget {
  return new RateBudget(new V2SelfThrottlePolicy(options), options.clock ?? systemClock);
}

export class V2SelfThrottlePolicy implements RatePolicy {
  readonly kind = 'self-throttle' as const;
  private readonly limit: number;
  /** How long a slot stays taken after its request's answer: the window plus the margin. */
  private readonly span: number;
  private readonly reserve: number;
  private readonly defaultRetryAfterMs: number;
  /** Granted requests whose answer has not arrived: their slots are taken for an unknown time yet. */
  private open = 0;
  /** Answer times of settled requests still within the span, oldest first. */
  private settled: number[] = [];
  private blockedUntil: number | undefined;

  constructor(options: V2RateBudgetOptions) {
    this.limit = options.limit ?? 200;
    const windowMs = options.windowMs ?? 60_000;
    this.span = windowMs + (options.marginMs ?? defaultV2MarginMs(windowMs));
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
    if (this.open + this.settled.length < usable) return 0;
    // Slots free in answer order; when the one that must free is still in flight, its answer wakes us.
    const needFromSettled = usable - this.open;
    if (needFromSettled <= 0) return Number.POSITIVE_INFINITY;
    const oldest = this.settled[this.settled.length - needFromSettled]!;
    return Math.max(1, oldest + this.span - now);
  }

  onSend(): void {
    this.open += 1;
  }

  onSettle(outcome: RateOutcome | undefined, now: number): void {
    // Every settle ends one open request; which one does not matter, their slots are alike.
    if (this.open > 0) this.open -= 1;
    this.settled.push(now);
    if (outcome?.status !== 429) return;
    const wait = retryAfterMs(outcome.headers, now) ?? this.defaultRetryAfterMs;
    this.blockedUntil = Math.max(this.blockedUntil ?? 0, now + wait);
  }

  snapshot(now: number) {
    this.forget(now);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.open - this.settled.length),
      resetAt: this.settled.length > 0 ? this.settled[0]! + this.span : null,
      blockedUntil: this.blockedUntil !== undefined && this.blockedUntil > now ? this.blockedUntil : null,
    };
  }

  private forget(now: number): void {
    let drop = 0;
    while (drop < this.settled.length && this.settled[drop]! + this.span <= now) drop += 1;
    if (drop > 0) this.settled = this.settled.slice(drop);
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
