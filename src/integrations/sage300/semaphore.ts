/**
 * A counting semaphore: at most `limit` holders at once, the rest wait in arrival order. One per client, so
 * every caller (orders flow, shipments flow, inventory) shares Sage's few app-pool slots (default 2).
 *
 * A slot is held from the grant until the work's answer has arrived (or its timeout fired), never from the
 * send alone: Sage's app pool is busy with a request until it answers, so that is the only count that cannot
 * be outrun by latency (the same rule as the V2 budget, v2-rate-budget.ts).
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('semaphore limit must be at least 1');
  }

  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  get inUse(): number {
    return this.active;
  }
}
