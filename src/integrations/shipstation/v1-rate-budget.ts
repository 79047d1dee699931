import { type Clock, systemClock } from '../../domain/clock.js';
import { RateBudget, type RateOutcome, type RatePolicy, type RequestPriority } from './rate-budget.js';

export interface V1RateBudgetOptions {
  /** Assumed until the first answer says otherwise (V1 documents 40 per minute per key pair). */
  limit?: number;
  /** Requests of the window kept for writes: polls wait when no more than this many remain. */
  reserveForWrites?: number;
  /**
   * Added after the advertised reset before the next window is tried. The real API gives whole seconds
   * (rounding unknown), so the default covers one second of rounding; the simulator's millisecond header
   * (below) needs only a hair.
   */
  resetMarginMs?: number;
  /**
   * Unknown window: how long a probe without an answer holds the others back before another probe may go
   * (default 2 s). One slow request (a large list page, a hung connection) must not stop every other V1
   * call — a webhook's fetch above all — until it times out; at one probe per 2 s the unknown window is
   * still spent at 30 a minute at most, under V1's 40, and the first answer makes the window known again.
   */
  probePatienceMs?: number;
  clock?: Clock;
}

/**
 * V1's budget follows the server: every V1 response carries `X-Rate-Limit-Limit`, `-Remaining` and
 * `-Reset` (seconds to the next window), per key pair, so requests made by ANOTHER app with the same
 * key are counted too (V1 sheet §3, gotcha 8: "throttle on X-Rate-Limit-Remaining, not only on 429").
 *
 * - Known window: a request goes while remaining − in-flight ≥ 1 (writes) or > reserve (polls);
 *   remaining only falls within a window, so the lowest value seen wins (answers can arrive out of order).
 * - Unknown window (at start, and once the advertised reset has passed): one probe at a time, because
 *   another app may already have spent the new window; its answer makes the window known again. A probe
 *   that has not answered within `probePatienceMs` no longer holds the queue: the next probe goes.
 * - 429 (should not happen in steady state): nothing is sent until the advertised reset plus the margin.
 *
 * `X-Rate-Limit-Reset-Ms` is a SIMULATOR-ONLY header (same reset, in milliseconds, for shortened test
 * windows); the real API does not send it and the seconds header is used then.
 */
export function createV1RateBudget(options: V1RateBudgetOptions = {}): RateBudget {
  const clock = options.clock ?? systemClock;
  return new RateBudget(new V1HeaderPolicy(options), clock);
}

const PRECISE_MARGIN_MS = 25;

export class V1HeaderPolicy implements RatePolicy {
  readonly kind = 'server-headers' as const;
  private limit: number;
  private readonly reserve: number;
  private readonly secondsMarginMs: number;
  private readonly probePatienceMs: number;
  private window: { remaining: number; resetAt: number } | undefined;
  private blockedUntil: number | undefined;
  /** When the last request went out while the window was unknown (the latest probe). */
  private lastProbeAt: number | undefined;

  constructor(options: V1RateBudgetOptions) {
    this.limit = options.limit ?? 40;
    this.reserve = options.reserveForWrites ?? 2;
    this.secondsMarginMs = options.resetMarginMs ?? 1000;
    this.probePatienceMs = options.probePatienceMs ?? 2000;
  }

  waitFor(priority: RequestPriority, now: number, inFlight: number): number {
    if (this.blockedUntil !== undefined) {
      if (now < this.blockedUntil) return this.blockedUntil - now;
      this.blockedUntil = undefined;
    }
    if (this.window && now >= this.window.resetAt) this.window = undefined;
    if (!this.window) {
      if (inFlight === 0) return 0;
      // Requests are out and none has told us the window yet: wait for an answer, but not for ever.
      if (this.lastProbeAt === undefined) return 0;
      return Math.max(0, this.lastProbeAt + this.probePatienceMs - now);
    }
    const available = this.window.remaining - inFlight;
    const needed = priority === 'write' ? 1 : this.reserve + 1;
    if (available >= needed) return 0;
    return this.window.resetAt - now;
  }

  onSend(now: number): void {
    if (this.window && now >= this.window.resetAt) this.window = undefined;
    if (!this.window) this.lastProbeAt = now;
  }

  onSettle(outcome: RateOutcome | undefined, now: number): void {
    if (!outcome) return;
    const seen = readHeaders(outcome.headers, this.secondsMarginMs);
    if (!seen) {
      // A 429 without the headers (a proxy's?): hold everyone back a little rather than keep knocking.
      if (outcome.status === 429) this.blockedUntil = Math.max(this.blockedUntil ?? 0, now + this.secondsMarginMs);
      return;
    }
    if (seen.limit !== undefined) this.limit = seen.limit;
    // An answer came: the probe that waits are measured from is over (a slow request may still be out,
    // but it no longer makes the next window's first probe wait).
    this.lastProbeAt = undefined;
    const resetAt = now + seen.resetInMs;
    if (outcome.status === 429) {
      this.blockedUntil = Math.max(this.blockedUntil ?? 0, resetAt);
      this.window = { remaining: 0, resetAt };
      return;
    }
    // Within one window the lowest remaining wins; our reset estimate stays the earliest seen. A larger
    // remaining before our estimate passes is either a late answer or an early new window: ignoring it
    // only costs a little idle time at the window's end.
    if (!this.window) this.window = { remaining: seen.remaining, resetAt };
    else this.window.remaining = Math.min(this.window.remaining, seen.remaining);
  }

  snapshot(now: number, inFlight: number) {
    const window = this.window && now < this.window.resetAt ? this.window : undefined;
    return {
      limit: this.limit,
      remaining: window ? Math.max(0, window.remaining - inFlight) : null,
      resetAt: window?.resetAt ?? null,
      blockedUntil: this.blockedUntil !== undefined && this.blockedUntil > now ? this.blockedUntil : null,
    };
  }
}

interface SeenHeaders {
  limit: number | undefined;
  remaining: number;
  resetInMs: number;
}

function readHeaders(headers: Headers, secondsMarginMs: number): SeenHeaders | undefined {
  const remaining = intHeader(headers, 'x-rate-limit-remaining');
  const resetMs = intHeader(headers, 'x-rate-limit-reset-ms');
  const resetSeconds = intHeader(headers, 'x-rate-limit-reset');
  if (remaining === undefined || (resetMs === undefined && resetSeconds === undefined)) return undefined;
  const resetInMs = resetMs !== undefined ? resetMs + PRECISE_MARGIN_MS : resetSeconds! * 1000 + secondsMarginMs;
  return { limit: intHeader(headers, 'x-rate-limit-limit'), remaining, resetInMs };
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}
