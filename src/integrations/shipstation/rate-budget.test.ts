import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/manual-clock.js';
import type { RateBudget, RatePermit, RequestPriority } from './rate-budget.js';
import { createV1RateBudget } from './v1-rate-budget.js';
import { createV2RateBudget, retryAfterMs } from './v2-rate-budget.js';

function v1Headers(limit: number, remaining: number, resetSeconds: number): Headers {
  return new Headers({
    'X-Rate-Limit-Limit': String(limit),
    'X-Rate-Limit-Remaining': String(remaining),
    'X-Rate-Limit-Reset': String(resetSeconds),
  });
}

/** Starts an acquire and records when it resolves, without awaiting it. */
function track(budget: RateBudget, priority: RequestPriority, signal?: AbortSignal) {
  const entry: { permit?: RatePermit; error?: unknown; order?: number } = {};
  budget.acquire(priority, signal).then(
    (p) => {
      entry.permit = p;
      entry.order = ++track.seq;
    },
    (e) => {
      entry.error = e;
    },
  );
  return entry;
}
track.seq = 0;

const flush = () => new Promise((r) => setImmediate(r));

describe('V1 budget (server headers)', () => {
  it('probes one request at a time until an answer makes the window known', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const a = track(budget, 'poll');
    const b = track(budget, 'poll');
    await flush();
    expect(a.permit).toBeDefined();
    expect(b.permit).toBeUndefined();
    expect(budget.state().remaining).toBeNull();
    a.permit!.settle({ status: 200, headers: v1Headers(40, 39, 60) });
    await flush();
    expect(b.permit).toBeDefined();
    expect(budget.state()).toMatchObject({ limit: 40, remaining: 38, inFlight: 1 });
  });

  it('a probe that does not answer holds the others back for 2 s only, then the next probe goes', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const slow = track(budget, 'poll');
    const next = track(budget, 'write');
    const third = track(budget, 'write');
    await flush();
    expect([slow.permit, next.permit, third.permit].map(Boolean)).toEqual([true, false, false]);
    await clock.advance(1999);
    await flush();
    expect(next.permit).toBeUndefined();
    await clock.advance(1);
    await flush();
    // One more probe, not the whole queue: the third waits for an answer or another 2 s.
    expect([next.permit, third.permit].map(Boolean)).toEqual([true, false]);
    next.permit!.settle({ status: 200, headers: v1Headers(40, 37, 0) });
    await flush();
    expect(third.permit).toBeDefined();
    expect(budget.state()).toMatchObject({ remaining: 35, inFlight: 2 });
    // That window ends (reset 0 s + the 1 s margin) with the slow one still out: the next window's first
    // probe goes at once, not 2 s after the last probe (which was answered).
    await clock.advance(1100);
    const fourth = track(budget, 'write');
    const fifth = track(budget, 'write');
    await flush();
    expect([fourth.permit, fifth.permit].map(Boolean)).toEqual([true, false]);
  });

  it('accounts for another app: follows the remaining the server reports, not its own count', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock, reserveForWrites: 2 });
    const probe = track(budget, 'write');
    await flush();
    // Another app already spent 35 of this window.
    probe.permit!.settle({ status: 200, headers: v1Headers(40, 4, 30) });
    const writes = [track(budget, 'write'), track(budget, 'write'), track(budget, 'write'), track(budget, 'write')];
    await flush();
    expect(writes.filter((w) => w.permit).length).toBe(4);
    const fifth = track(budget, 'write');
    await flush();
    expect(fifth.permit).toBeUndefined(); // never send when remaining is 0
    for (const [i, w] of writes.entries()) w.permit!.settle({ status: 200, headers: v1Headers(40, 3 - i, 30) });
    await clock.advance(30_000);
    expect(fifth.permit).toBeUndefined(); // 1 s margin on a seconds header
    await clock.advance(1_000);
    expect(fifth.permit).toBeDefined();
  });

  it('keeps the reserve for writes: polls wait, writes go', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock, reserveForWrites: 2 });
    const probe = track(budget, 'poll');
    await flush();
    probe.permit!.settle({ status: 200, headers: v1Headers(40, 2, 10) });
    const poll = track(budget, 'poll');
    const write = track(budget, 'write');
    await flush();
    expect(write.permit).toBeDefined();
    expect(poll.permit).toBeUndefined();
    expect(budget.state().waiting).toEqual({ write: 0, poll: 1 });
  });

  it('serves queued writes before queued polls, FIFO within a priority', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock, reserveForWrites: 0 });
    const probe = track(budget, 'poll');
    await flush();
    probe.permit!.settle({ status: 200, headers: v1Headers(40, 0, 5) });
    const p1 = track(budget, 'poll');
    const w1 = track(budget, 'write');
    const p2 = track(budget, 'poll');
    const w2 = track(budget, 'write');
    await flush();
    expect(budget.state().waiting).toEqual({ write: 2, poll: 2 });
    await clock.advance(6_000);
    // New window: one probe (the first write), then the rest once its answer arrives.
    expect(w1.permit).toBeDefined();
    w1.permit!.settle({ status: 200, headers: v1Headers(40, 39, 60) });
    await flush();
    for (const e of [w2, p1, p2]) e.permit?.settle({ status: 200, headers: v1Headers(40, 30, 60) });
    await flush();
    expect([w1.order, w2.order, p1.order, p2.order].every((o) => o !== undefined)).toBe(true);
    expect(w1.order!).toBeLessThan(w2.order!);
    expect(w2.order!).toBeLessThan(p1.order!);
    expect(p1.order!).toBeLessThan(p2.order!);
  });

  it('after a 429 sends nothing until the advertised reset', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const a = track(budget, 'write');
    await flush();
    a.permit!.settle({ status: 429, headers: v1Headers(40, 0, 20) });
    const b = track(budget, 'write');
    await flush();
    expect(b.permit).toBeUndefined();
    expect(budget.state().rateLimited).toBe(1);
    expect(budget.state().blockedUntil).toBe(clock.now() + 21_000);
    await clock.advance(20_999);
    expect(b.permit).toBeUndefined();
    await clock.advance(1);
    expect(b.permit).toBeDefined();
  });

  it('a 429 without headers still holds everyone back for a moment', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const a = track(budget, 'write');
    await flush();
    a.permit!.settle({ status: 429, headers: new Headers() });
    const b = track(budget, 'write');
    await flush();
    expect(b.permit).toBeUndefined();
    await clock.advance(1_000);
    expect(b.permit).toBeDefined();
  });

  it('honours the simulator-only millisecond reset header', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const a = track(budget, 'write');
    await flush();
    const headers = v1Headers(40, 0, 2);
    headers.set('X-Rate-Limit-Reset-Ms', '1200');
    a.permit!.settle({ status: 200, headers });
    const b = track(budget, 'write');
    await flush();
    await clock.advance(1_200);
    expect(b.permit).toBeUndefined();
    await clock.advance(25);
    expect(b.permit).toBeDefined();
  });

  it('an answer without headers (network failure) frees the probe slot', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const a = track(budget, 'write');
    const b = track(budget, 'write');
    await flush();
    a.permit!.settle();
    await flush();
    expect(b.permit).toBeDefined();
  });

  it('an aborted waiter leaves the queue', async () => {
    const clock = new ManualClock();
    const budget = createV1RateBudget({ clock });
    const a = track(budget, 'write');
    const controller = new AbortController();
    const b = track(budget, 'poll', controller.signal);
    await flush();
    controller.abort(new Error('stop'));
    await flush();
    expect((b.error as Error).message).toBe('stop');
    expect(budget.state().waiting.poll).toBe(0);
    a.permit!.settle();
    expect(clock.pendingSleepers).toBe(0);
  });
});

describe('waiters sharing one stop signal (a pass and its requests)', () => {
  it('puts one abort listener on the signal for 40 waiters, takes it off when they are served, and all stop together', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const clock = new ManualClock();
      const budget = createV2RateBudget({ clock, limit: 5, windowMs: 1_000, marginMs: 0, reserveForWrites: 0 });
      const pass = new AbortController();
      const added: string[] = [];
      const removed: string[] = [];
      const signal = pass.signal;
      const add = signal.addEventListener.bind(signal);
      const remove = signal.removeEventListener.bind(signal);
      signal.addEventListener = ((
        type: string,
        ...rest: Parameters<typeof add> extends [string, ...infer R] ? R : never
      ) => {
        added.push(type);
        return add(type, ...rest);
      }) as typeof signal.addEventListener;
      signal.removeEventListener = ((
        type: string,
        ...rest: Parameters<typeof remove> extends [string, ...infer R] ? R : never
      ) => {
        removed.push(type);
        return remove(type, ...rest);
      }) as typeof signal.removeEventListener;
      const first = Array.from({ length: 5 }, () => track(budget, 'poll', signal));
      await flush();
      expect(first.every((e) => e.permit)).toBe(true);
      // Each served at once: its listener came and went, none is left.
      expect(added.length - removed.length).toBe(0);
      const waiting = Array.from({ length: 40 }, () => track(budget, 'poll', signal));
      await flush();
      expect(budget.state().waiting.poll).toBe(40);
      // Forty waiting on the one signal: one listener on it.
      expect(added.length - removed.length).toBe(1);
      pass.abort(new Error('stopping'));
      await flush();
      expect(waiting.every((e) => (e.error as Error | undefined)?.message === 'stopping')).toBe(true);
      expect(budget.state().waiting.poll).toBe(0);
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('V2 budget (self-throttle)', () => {
  it('allows at most limit sends per window plus margin, then waits for the oldest to age out', async () => {
    const clock = new ManualClock();
    const budget = createV2RateBudget({ clock, limit: 5, windowMs: 2_000, marginMs: 50, reserveForWrites: 0 });
    const first = Array.from({ length: 6 }, () => track(budget, 'poll'));
    await flush();
    expect(first.filter((e) => e.permit).length).toBe(5);
    for (const e of first) e.permit?.settle({ status: 200, headers: new Headers() });
    await clock.advance(2_049);
    expect(first[5]!.permit).toBeUndefined();
    await clock.advance(1);
    expect(first[5]!.permit).toBeDefined();
    expect(budget.state()).toMatchObject({ kind: 'self-throttle', limit: 5, remaining: 4 });
  });

  it('a slot stays taken from the grant until the answer, then for the window plus the margin', async () => {
    const clock = new ManualClock();
    const budget = createV2RateBudget({ clock, limit: 2, windowMs: 1_000, marginMs: 100, reserveForWrites: 0 });
    const [a, b, c] = [track(budget, 'poll'), track(budget, 'poll'), track(budget, 'poll')];
    await flush();
    expect([a.permit, b.permit, c.permit].map(Boolean)).toEqual([true, true, false]);
    // Both answers are slow: long after a grant-based window would have passed, nothing more goes.
    await clock.advance(5_000);
    expect(c.permit).toBeUndefined();
    a.permit!.settle({ status: 200, headers: new Headers() });
    await flush();
    expect(c.permit).toBeUndefined();
    await clock.advance(1_099);
    expect(c.permit).toBeUndefined();
    await clock.advance(1);
    expect(c.permit).toBeDefined();
    expect(budget.state()).toMatchObject({ inFlight: 2, remaining: 0 });
  });

  it('a request that ends without an answer (timeout, network error) frees its slot a window after it ended', async () => {
    const clock = new ManualClock();
    const budget = createV2RateBudget({ clock, limit: 1, windowMs: 1_000, marginMs: 0, reserveForWrites: 0 });
    const [a, b] = [track(budget, 'write'), track(budget, 'write')];
    await flush();
    await clock.advance(30_000);
    a.permit!.settle();
    await clock.advance(999);
    expect(b.permit).toBeUndefined();
    await clock.advance(1);
    expect(b.permit).toBeDefined();
  });

  it.each([
    ['no latency', () => 0],
    ['fixed 700 ms latency', () => 700],
    ['300–1,500 ms latency, arrival anywhere in it', (i: number) => 300 + ((i * 7919) % 1_201)],
    ['latency longer than the window', (i: number) => 2_500 + ((i * 613) % 1_000)],
  ])('the server never sees more than the limit in any window (%s)', async (_name, latency) => {
    // A model of the server: it counts each request at its arrival, a point between grant and answer.
    const clock = new ManualClock();
    const limit = 10;
    const windowMs = 2_000;
    const budget = createV2RateBudget({ clock, limit, windowMs, marginMs: 50, reserveForWrites: 0 });
    const arrivals: number[] = [];
    const pending: { at: number; permit: RatePermit }[] = [];
    let granted = 0;
    const total = 60;
    const send = (i: number): void => {
      void budget.acquire('poll').then((permit) => {
        granted += 1;
        const took = latency(i);
        // Arrives somewhere in the exchange: late arrivals are the dangerous ones.
        arrivals.push(clock.now() + Math.round(took * (i % 2 === 0 ? 1 : 0.5)));
        pending.push({ at: clock.now() + took, permit });
      });
    };
    for (let i = 0; i < total; i++) send(i);
    for (let step = 0; step < 20_000 && (granted < total || pending.length > 0); step++) {
      await flush();
      const due = pending.filter((p) => p.at <= clock.now());
      for (const p of due) {
        pending.splice(pending.indexOf(p), 1);
        p.permit.settle({ status: 200, headers: new Headers() });
      }
      await clock.advance(10);
    }
    expect(granted).toBe(total);
    arrivals.sort((x, y) => x - y);
    let most = 0;
    for (let i = 0; i < arrivals.length; i++) {
      let j = i;
      while (j < arrivals.length && arrivals[j]! < arrivals[i]! + windowMs) j++;
      most = Math.max(most, j - i);
    }
    expect(most).toBeLessThanOrEqual(limit);
    // And it is not slower than it must be: each slot cycles once per window + margin + latency.
    expect(budget.state().granted).toBe(total);
  });

  it('paces at the ceiling when answers are quick: limit per window + margin', async () => {
    const clock = new ManualClock();
    const budget = createV2RateBudget({ clock, limit: 10, windowMs: 10_000, marginMs: 200, reserveForWrites: 0 });
    let granted = 0;
    const grantTimes: number[] = [];
    for (let i = 0; i < 35; i++) {
      void budget.acquire('poll').then((permit) => {
        granted += 1;
        grantTimes.push(clock.now());
        permit.settle({ status: 200, headers: new Headers() });
      });
    }
    await flush();
    expect(granted).toBe(10);
    await clock.advance(10_199);
    expect(granted).toBe(10);
    await clock.advance(1);
    expect(granted).toBe(20);
    await clock.advance(10_200);
    await clock.advance(10_200);
    expect(granted).toBe(35);
    expect(grantTimes.at(-1)! - grantTimes[0]!).toBe(3 * 10_200);
  });

  it('keeps the reserve for writes', async () => {
    const clock = new ManualClock();
    const budget = createV2RateBudget({ clock, limit: 4, windowMs: 1_000, reserveForWrites: 2 });
    const polls = [track(budget, 'poll'), track(budget, 'poll'), track(budget, 'poll')];
    await flush();
    expect(polls.filter((e) => e.permit).length).toBe(2);
    const writes = [track(budget, 'write'), track(budget, 'write')];
    await flush();
    expect(writes.every((e) => e.permit)).toBe(true);
  });

  it('honours Retry-After on a 429 for every caller of the account', async () => {
    const clock = new ManualClock();
    const budget = createV2RateBudget({ clock, limit: 100 });
    const a = track(budget, 'write');
    await flush();
    a.permit!.settle({ status: 429, headers: new Headers({ 'Retry-After': '7' }) });
    const b = track(budget, 'poll');
    const c = track(budget, 'write');
    await flush();
    expect(b.permit).toBeUndefined();
    expect(c.permit).toBeUndefined();
    await clock.advance(7_000);
    expect(b.permit).toBeDefined();
    expect(c.permit).toBeDefined();
    expect(budget.state().rateLimited).toBe(1);
  });

  it.each([
    ['37', 37_000],
    ['1.5', 1_500],
    ['0', 0],
    ['', undefined],
    ['soon', undefined],
    ['Wed, 26 Nov 2026 12:00:10 GMT', 10_000],
  ])('reads Retry-After %j as %s ms', (value, expected) => {
    const headers = new Headers(value === '' ? {} : { 'Retry-After': value });
    expect(retryAfterMs(headers, Date.UTC(2026, 10, 26, 12, 0, 0))).toBe(expected);
  });
});
