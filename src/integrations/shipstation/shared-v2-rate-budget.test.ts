import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/manual-clock.js';
import type { RateSlotGrant, RateSlotRequest, RateSlotStore } from '../../domain/rate-slots.js';
import type { RatePermit } from './rate-budget.js';
import { createSharedV2RateBudget } from './shared-v2-rate-budget.js';

/** The store's arithmetic in memory (the real one is tested on both databases in test/store/rate-slots.test.ts). */
class MemorySlots implements RateSlotStore {
  readonly slots = new Map<string, { expires: number; settled: boolean }>();
  readonly wants: number[] = [];
  private next = 0;
  constructor(private readonly clock: ManualClock) {}
  live(): number {
    for (const [id, s] of this.slots) if (s.expires <= this.clock.now()) this.slots.delete(id);
    return this.slots.size;
  }
  async take(r: RateSlotRequest): Promise<RateSlotGrant> {
    this.wants.push(r.want);
    const free = Math.min(r.want, r.usable - this.live());
    const ids = Array.from({ length: Math.max(0, free) }, () => `s${++this.next}`);
    for (const id of ids) this.slots.set(id, { expires: this.clock.now() + r.holdMs, settled: false });
    return { ids, retryInMs: ids.length < r.want ? r.spanMs : 0, taken: this.slots.size, blockedUntil: null };
  }
  async settle(_a: unknown, ids: readonly string[], expiresAt: number): Promise<void> {
    for (const id of ids) this.slots.set(id, { expires: expiresAt, settled: true });
  }
  async release(_a: unknown, ids: readonly string[]): Promise<void> {
    for (const id of ids) this.slots.delete(id);
  }
  async block(): Promise<void> {}
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function setUp() {
  const clock = new ManualClock();
  const store = new MemorySlots(clock);
  const budget = createSharedV2RateBudget({
    clock,
    store,
    account: 'a',
    limit: 10,
    windowMs: 1_000,
    marginMs: 0,
    requestTimeoutMs: 5_000,
  });
  return { clock, store, budget };
}

describe('the shared V2 budget (slots in a store)', () => {
  it('takes slots in batches for the requests waiting, polls leaving the write reserve, and frees them a span after the answers', async () => {
    const { clock, store, budget } = setUp();
    const permits: RatePermit[] = [];
    for (let i = 0; i < 15; i++) void budget.acquire('poll').then((p) => permits.push(p));
    await flush();
    // One grant for the batch of ten waiting; polls get the limit less the reserve of 2.
    expect(store.wants).toEqual([10]);
    expect(permits).toHaveLength(8);
    for (const p of permits.splice(0)) p.settle({ status: 200, headers: new Headers() });
    await flush();
    // Answered slots stay a span (the window here) after their answers: nothing yet, and no grant asked for.
    expect(permits).toHaveLength(0);
    expect(store.wants).toEqual([10]);
    await clock.advance(1_000);
    await flush();
    expect(permits).toHaveLength(7);
    expect(store.wants).toEqual([10, 7]);
    expect(budget.state()).toMatchObject({ inFlight: 7, granted: 15 });
  });

  it('slots granted for waiters that went away meanwhile are given back at once', async () => {
    const { store, budget } = setUp();
    const gone = new AbortController();
    const waiters = Array.from({ length: 5 }, () => budget.acquire('write', gone.signal).catch(() => 'aborted'));
    // The grant is under way when the waiters leave.
    gone.abort(new Error('stopped'));
    expect(await Promise.all(waiters)).toEqual(Array.from({ length: 5 }, () => 'aborted'));
    await flush();
    expect(store.live()).toBe(0);
  });
});
