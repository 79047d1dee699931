import type { Clock } from '../../domain/clock.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The IIS app pool: a bounded number of requests in flight, an optional cold start after idleness. */
export class AppPool {
  /** The most requests seen in flight at once (a benchmark's "never above SAGE300_CONCURRENCY"). */
  maxInFlight = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private warming: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly mode: 'reject' | 'queue',
    private coldStart: { afterIdleSeconds: number; delayMs: number } | undefined,
  ) {}

  setColdStart(settings: { afterIdleSeconds: number; delayMs: number } | null): void {
    this.coldStart = settings ?? undefined;
    // Turning it on means "the pool is idle now": the next request pays the start-up.
    this.lastRequestAt = Number.NEGATIVE_INFINITY;
  }

  async warm(): Promise<void> {
    const now = this.clock.now();
    if (this.warming) {
      await this.warming;
    } else if (this.coldStart && now - this.lastRequestAt >= this.coldStart.afterIdleSeconds * 1000) {
      this.warming = realSleep(this.coldStart.delayMs).finally(() => {
        this.warming = undefined;
      });
      await this.warming;
    }
    this.lastRequestAt = this.clock.now();
  }

  tryEnter(): boolean {
    if (this.inFlight < this.max) {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      return true;
    }
    return false;
  }

  async enter(): Promise<boolean> {
    if (this.tryEnter()) return true;
    if (this.mode === 'reject' || this.closed) return false;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return true;
  }

  leave(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
  }
}
