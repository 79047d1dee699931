import { describe, expect, it } from 'vitest';
import { FixedWindowRateLimiter } from './rate-limiter.js';
import { RateWindowCounter } from './rate-windows.js';

describe('RateWindowCounter', () => {
  it("counts arrivals per server window and per sliding span: a burst across a window's end shows in the second", () => {
    const limiter = new FixedWindowRateLimiter(3, 1000);
    const counter = new RateWindowCounter(3, 1000);
    const statuses: boolean[] = [];
    for (const at of [0, 900, 950, 1000, 1100]) {
      const decision = limiter.take('k', at);
      counter.arrival(at, decision, !decision.allowed);
      statuses.push(decision.allowed);
    }
    expect(statuses).toEqual([true, true, true, true, true]);
    // Server windows [0, 1000) and [1000, 2000): 3 and 2. Any 1000 ms span: (100, 1100] holds 900, 950, 1000, 1100.
    expect(counter.snapshot()).toEqual({
      limit: 3,
      windowMs: 1000,
      requests: 5,
      rateLimited: 0,
      maxPerWindow: 3,
      maxPerSlidingWindow: 4,
    });
  });

  it('counts refused arrivals too, and a reset starts from nothing', () => {
    const limiter = new FixedWindowRateLimiter(1, 1000);
    const counter = new RateWindowCounter(1, 1000);
    for (const at of [0, 10, 20]) {
      const decision = limiter.take('k', at);
      counter.arrival(at, decision, !decision.allowed);
    }
    expect(counter.snapshot()).toMatchObject({ requests: 3, rateLimited: 2, maxPerWindow: 3 });
    counter.reset();
    expect(counter.snapshot()).toMatchObject({ requests: 0, rateLimited: 0, maxPerWindow: 0, maxPerSlidingWindow: 0 });
  });
});
