import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/manual-clock.js';
import type { RateSlotRequest } from '../../src/domain/rate-slots.js';
import type { Store } from '../../src/store/store.js';
import { DATABASE_KINDS, postgresReachable } from '../helpers/databases.js';
import { openTestStore } from '../helpers/test-store.js';

const pgOk = await postgresReachable();
const account = { account: 'acct-1', api: 'v2' as const };
const ask = (want: number, usable = 10): RateSlotRequest => ({
  ...account,
  want,
  usable,
  holdMs: 5_000,
  spanMs: 1_000,
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe.each(DATABASE_KINDS)('the shared rate slots (%s)', (kind) => {
  const run = kind === 'postgres' && !pgOk ? it.skip : it;
  const clock = new ManualClock();
  async function open(): Promise<Store> {
    const opened = await openTestStore(kind, clock);
    close = opened.close;
    return opened.store;
  }

  run('grants up to the usable count, then says when the first slot can free', async () => {
    const store = await open();
    const first = await store.rateSlots.take(ask(7));
    expect(first).toMatchObject({ taken: 7, blockedUntil: null });
    expect(first.ids).toHaveLength(7);
    expect((await store.rateSlots.take(ask(7))).ids).toHaveLength(3);
    // A poll's usable count (the limit less the write reserve) is already exceeded: nothing, however many want.
    const none = await store.rateSlots.take(ask(5, 8));
    expect(none.ids).toEqual([]);
    // All in flight: none can free before its answer plus the span.
    expect(none.retryInMs).toBe(1_000);
    // Another account is not touched.
    expect((await store.rateSlots.take({ ...ask(3), account: 'acct-2' })).ids).toHaveLength(3);
  });

  run('an answered slot frees a span after its answer; an unanswered one at its hold time', async () => {
    const store = await open();
    const [a, b] = (await store.rateSlots.take(ask(2, 2))).ids as [string, string];
    await clock.advance(200);
    await store.rateSlots.settle(account, [a], clock.now() + 1_000);
    expect((await store.rateSlots.take(ask(1, 2))).retryInMs).toBe(1_000);
    await clock.advance(1_000);
    expect((await store.rateSlots.take(ask(2, 2))).ids).toHaveLength(1);
    expect(await store.rateSlots.count(account)).toBe(2);
    // b's worker never answered: its slot goes at grant + hold (5 s), with nobody's help.
    await clock.advance(3_800);
    expect(await store.rateSlots.count(account)).toBe(1);
    void b;
  });

  run('a 429 holds every grant off until its time; released slots free at once', async () => {
    const store = await open();
    const ids = (await store.rateSlots.take(ask(4))).ids;
    await store.rateSlots.release(account, ids.slice(0, 3));
    expect(await store.rateSlots.count(account)).toBe(1);
    await store.rateSlots.block(account, clock.now() + 2_000);
    // A shorter Retry-After seen later does not cut the longer one.
    await store.rateSlots.block(account, clock.now() + 500);
    expect(await store.rateSlots.take(ask(1))).toMatchObject({ ids: [], retryInMs: 2_000 });
    await clock.advance(2_000);
    expect((await store.rateSlots.take(ask(1))).ids).toHaveLength(1);
  });
});
