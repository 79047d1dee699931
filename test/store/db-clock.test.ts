import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { DbTime } from '../../src/store/db-time.js';
import { LeasesRepo } from '../../src/store/leases-repo.js';
import { ScheduleRepo } from '../../src/store/schedule-repo.js';
import type { Store } from '../../src/store/store.js';
import { WorkersRepo } from '../../src/store/workers-repo.js';
import { DATABASE_KINDS, postgresReachable } from '../helpers/databases.js';
import { openTestStore } from '../helpers/test-store.js';

const pgOk = await postgresReachable();

/** A worker on a host whose clock runs `skewMs` ahead of the others. */
function skewed(skewMs: number): Clock {
  return { now: () => Date.now() + skewMs, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
}

/**
 * Issue 15 point 2: lease expiry, claims of due passes and heartbeats are judged by the database's clock on
 * PostgreSQL, never a worker's; SQLite (one host) keeps the process clock.
 */
describe('the database judges time on PostgreSQL', () => {
  const skip = !pgOk;
  let store: Store;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (skip) return;
    ({ store, close } = await openTestStore('postgres', skewed(0)));
  });
  afterAll(async () => {
    await close?.();
  });

  it.skipIf(skip)('a worker whose clock runs 10 minutes fast cannot take a live lease', async () => {
    const a = await store.leases.acquire(1, 'orders', 'host-a:1:x/1', 60_000);
    expect(a).not.toBeNull();
    const fast = skewed(10 * 60_000);
    const other = new LeasesRepo(store.db, fast, new DbTime(store.capabilities, fast));
    expect(await other.acquire(1, 'orders', 'host-b:2:y/1', 60_000)).toBeNull();
    // Its renewal sets the expiry by the database's clock too: the slow host's lease is not shortened.
    expect(await store.leases.renew(a!, 60_000)).toBe(true);
    expect(await other.acquire(1, 'orders', 'host-b:2:y/2', 60_000)).toBeNull();
    expect((await store.leases.current(1, 'orders'))?.holder).toBe('host-a:1:x/1');
    // Once released, the fast host takes it like anyone else, and its lease lasts its ttl by the database.
    await store.leases.release(a!);
    const b = await other.acquire(1, 'orders', 'host-b:2:y/3', 60_000);
    expect(b?.token).toBe(a!.token + 1);
    expect(await store.leases.acquire(1, 'orders', 'host-a:1:x/2', 60_000)).toBeNull();
    expect((await store.leases.list()).find((l) => l.flow === 'orders')).toMatchObject({ live: true });
  });

  it.skipIf(skip)('a worker with a fast clock does not see a live worker as gone, nor a due pass early', async () => {
    const fast = skewed(10 * 60_000);
    const time = new DbTime(store.capabilities, fast);
    await store.workers.register({ id: 'w-slow', host: 'a', pid: 1, version: 't', concurrency: 2 });
    const seen = await new WorkersRepo(store.db, time).list(30_000);
    expect(seen.map((w) => [w.id, w.alive])).toEqual([['w-slow', true]]);
    const schedule = new ScheduleRepo(store.db, time);
    await store.schedule.add('1:orders', 60_000, false);
    expect(await schedule.claim('1:orders', 'w-fast', 60_000)).toBeNull();
  });
});

describe.each(DATABASE_KINDS)('workers and the shared schedule on %s', (kind) => {
  const skip = kind === 'postgres' && !pgOk;
  let store: Store;
  let close: () => Promise<void>;
  // SQLite judges by the process clock, here a ManualClock; PostgreSQL by its own, which this test cannot walk.
  const clock = new ManualClock(Date.now());
  /** One millisecond passes on the judging clock (a condition, not a sleep, on PostgreSQL's). */
  const tick = async () => {
    if (kind === 'sqlite') return clock.advance(1);
    const from = await store.time.read(store.db);
    while ((await store.time.read(store.db)) === from);
  };
  beforeAll(async () => {
    if (skip) return;
    ({ store, close } = await openTestStore(kind, clock));
  });
  afterAll(async () => {
    await close?.();
  });

  it.skipIf(skip)('registers, heartbeats and deregisters workers; a silent one is shown as gone', async () => {
    await store.workers.register({ id: 'h1:10:a', host: 'h1', pid: 10, version: '1.0.0', concurrency: 2 });
    await store.workers.register({ id: 'h2:20:b', host: 'h2', pid: 20, version: '1.0.0', concurrency: 1 });
    expect(await store.workers.heartbeat('h1:10:a', 2)).toBe(true);
    const listed = await store.workers.list(30_000);
    expect(listed.map((w) => [w.id, w.host, w.pid, w.passesRunning, w.alive])).toEqual([
      ['h1:10:a', 'h1', 10, 2, true],
      ['h2:20:b', 'h2', 20, 0, true],
    ]);
    // A limit shorter than the time since the heartbeat: gone.
    const past = kind === 'postgres' ? -1 : 0;
    await clock.advance(5);
    expect((await store.workers.list(past)).every((w) => !w.alive)).toBe(true);
    await store.workers.deregister('h2:20:b');
    expect((await store.workers.list(30_000)).map((w) => w.id)).toEqual(['h1:10:a']);
    expect(await store.workers.heartbeat('h2:20:b', 0)).toBe(false);
  });

  it.skipIf(skip)('gives a due pass to one claimer; a request during a pass keeps it due for a follow-up', async () => {
    await store.schedule.add('7:orders', 0, false);
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store.schedule.claim('7:orders', `w${i}`, 60_000)),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(await store.schedule.claim('7:orders', 'late', 60_000)).toBeNull();
    // A webhook on another worker asks for the job while the pass runs: not claimable while held...
    await tick();
    await store.schedule.request('7:orders');
    expect(await store.schedule.claim('7:orders', 'other', 60_000)).toBeNull();
    expect(await store.schedule.extend(won[0]!, 60_000)).toBe(true);
    await store.schedule.done(won[0]!, 3_600_000);
    // ...and due at once after it, although its next time is an hour away.
    expect((await store.schedule.dueIn()).get('7:orders')).toBeLessThanOrEqual(0);
    // (A request in the very millisecond of a claim counts as after it: one pass too many, never one lost.)
    await tick();
    const follow = await store.schedule.claim('7:orders', 'other', 60_000);
    expect(follow?.worker).toBe('other');
    await store.schedule.done(follow!, 3_600_000);
    expect((await store.schedule.dueIn()).get('7:orders')).toBeGreaterThan(3_000_000);
    expect(await store.schedule.claim('7:orders', 'x', 60_000)).toBeNull();
    // A second worker starting with a job that runs at start asks for it once more; it does not reschedule it.
    await store.schedule.add('7:orders', 60_000, true);
    expect(await store.schedule.claim('7:orders', 'starter', 60_000)).not.toBeNull();
  });
});
