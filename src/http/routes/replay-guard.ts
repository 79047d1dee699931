import type { Clock } from '../../domain/clock.js';

/**
 * Remembers V2 deliveries already taken, by their signature (which covers the timestamp and the body, so
 * it names one delivery), for as long as a replay could still pass the timestamp check: the 5-minute
 * tolerance either way. A captured delivery sent again inside that window is answered but not stored
 * twice; outside it, the timestamp check refuses it. In memory per process, bounded.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 10 * 60_000,
    private readonly max = 50_000,
  ) {}

  /** True the first time `identity` is seen within the window; false for a replay. */
  firstTime(identity: string): boolean {
    const now = this.clock.now();
    for (const [key, until] of this.seen) {
      if (until > now && this.seen.size <= this.max) break; // oldest first: the rest are newer
      this.seen.delete(key);
    }
    if ((this.seen.get(identity) ?? 0) > now) return false;
    this.seen.set(identity, now + this.windowMs);
    return true;
  }
}
