import { describe, expect, it } from 'vitest';
import { FixedWindowRateLimiter } from './rate-limiter.js';

describe('FixedWindowRateLimiter', () => {
  it('opens a window at the first request, counts down, refuses past the limit without using it', () => {
    const limiter = new FixedWindowRateLimiter(3, 60_000);
    expect(limiter.take('a', 1_000)).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 60_000 });
    expect(limiter.take('a', 21_000)).toMatchObject({ allowed: true, remaining: 1, resetMs: 40_000 });
    expect(limiter.take('a', 40_000)).toMatchObject({ allowed: true, remaining: 0, resetMs: 21_000 });
    expect(limiter.take('a', 41_000)).toMatchObject({ allowed: false, remaining: 0, resetMs: 20_000 });
    expect(limiter.peek('a', 41_000)).toMatchObject({ remaining: 0 });
    // Another credential has its own window.
    expect(limiter.take('b', 41_000)).toMatchObject({ allowed: true, remaining: 2 });
    // The window ends exactly windowMs after it opened.
    expect(limiter.take('a', 61_000)).toMatchObject({ allowed: true, remaining: 2, resetMs: 60_000 });
  });
});
