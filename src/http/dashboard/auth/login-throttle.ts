import type { Clock } from '../../../domain/clock.js';

export interface ThrottleLimits {
  /** Failed sign-ins per client address in the window before attempts from it are slowed down. */
  perAddress: number;
  /** Failed sign-ins from all addresses together before every attempt is slowed down (guessing from many). */
  overall: number;
  windowMs: number;
  /** The first slowdown; it doubles with each further failure. */
  baseDelayMs?: number;
  /** The longest wait; never more than MAX_DELAY_MS whatever is configured. */
  maxDelayMs?: number;
}

/** The right password is never kept waiting longer than this (issue 13: slow guessing down, lock nobody out). */
export const MAX_DELAY_MS = 2000;

export const DEFAULT_THROTTLE: ThrottleLimits = { perAddress: 5, overall: 30, windowMs: 5 * 60_000 };

/**
 * Sign-in slowdown, in memory per process. Nobody is locked out: a lockout lets anyone who can send
 * wrong passwords (from any number of addresses) keep the admin out. Instead every attempt waits before
 * the password is checked, longer the more failures its address, or all addresses together, had in the
 * window: `baseDelayMs` doubling per failure beyond the allowance, capped at 2 s. With scrypt hashes and
 * passwords of 8 characters or more, that leaves guessing hopeless while the right password always gets in.
 * A success clears the address's failures.
 */
export class LoginThrottle {
  private readonly byAddress = new Map<string, number[]>();
  private overall: number[] = [];
  private readonly base: number;
  private readonly cap: number;

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {
    this.cap = Math.min(limits.maxDelayMs ?? MAX_DELAY_MS, MAX_DELAY_MS);
    this.base = Math.min(limits.baseDelayMs ?? 250, this.cap);
  }

  /** How long an attempt from `address` waits before its password is checked. */
  delayMs(address: string): number {
    this.prune(this.clock.now());
    const own = this.byAddress.get(address)?.length ?? 0;
    const excess = Math.max(own - this.limits.perAddress, this.overall.length - this.limits.overall);
    if (excess < 0) return 0;
    return Math.min(this.cap, this.base * 2 ** Math.min(excess, 20));
  }

  failed(address: string): void {
    const now = this.clock.now();
    const own = this.byAddress.get(address) ?? [];
    own.push(now);
    // Bounded memory: past the allowance plus enough doublings to reach the cap, more changes nothing.
    this.byAddress.set(address, own.slice(-(this.limits.perAddress + 32)));
    this.overall.push(now);
    this.overall = this.overall.slice(-(this.limits.overall + 32));
    if (this.byAddress.size > 10_000) this.byAddress.delete(this.byAddress.keys().next().value as string);
  }

  succeeded(address: string): void {
    this.byAddress.delete(address);
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
