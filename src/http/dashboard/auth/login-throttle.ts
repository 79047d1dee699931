import type { Clock } from '../../../domain/clock.js';

export interface ThrottleLimits {
  /** Failed sign-ins allowed per client address in the window. */
  perAddress: number;
  /** Failed sign-ins allowed from all addresses together in the window (guessing from many addresses). */
  overall: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAddress: 5, overall: 30, windowMs: 5 * 60_000 };

export type ThrottleVerdict = { ok: true } | { ok: false; waitSeconds: number };

/**
 * Sign-in throttling, in memory per process: after `perAddress` failures from one address (or `overall`
 * from all) within the window, attempts are refused until the oldest of those failures leaves the window.
 * A success clears the address's failures. The overall limit matters because the address comes from
 * X-Forwarded-For when behind a proxy (trustProxy), which a guesser could vary.
 */
export class LoginThrottle {
  private readonly byAddress = new Map<string, number[]>();
  private overall: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  check(address: string): ThrottleVerdict {
    const now = this.clock.now();
    this.prune(now);
    const own = this.byAddress.get(address) ?? [];
    const waits: number[] = [];
    if (own.length >= this.limits.perAddress) waits.push(this.waitFor(own, this.limits.perAddress, now));
    if (this.overall.length >= this.limits.overall) waits.push(this.waitFor(this.overall, this.limits.overall, now));
    if (waits.length === 0) return { ok: true };
    return { ok: false, waitSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
  }

  failed(address: string): void {
    const now = this.clock.now();
    const own = this.byAddress.get(address) ?? [];
    own.push(now);
    // Only the newest failures matter for the verdict; keep memory bounded per address.
    this.byAddress.set(address, own.slice(-this.limits.perAddress));
    this.overall.push(now);
    this.overall = this.overall.slice(-this.limits.overall);
  }

  succeeded(address: string): void {
    this.byAddress.delete(address);
  }

  /** Time until the failure that makes the count reach `limit` leaves the window. */
  private waitFor(times: number[], limit: number, now: number): number {
    const oldestCounted = times[times.length - limit] ?? now;
    return oldestCounted + this.limits.windowMs - now;
  }

  private prune(now: number): void {
    const since = now - this.limits.windowMs;
    this.overall = this.overall.filter((t) => t > since);
    for (const [address, times] of this.byAddress) {
      const kept = times.filter((t) => t > since);
      if (kept.length === 0) this.byAddress.delete(address);
      else this.byAddress.set(address, kept);
    }
  }
}
