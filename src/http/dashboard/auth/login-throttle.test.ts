import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/manual-clock.js';
import { LoginThrottle, MAX_DELAY_MS } from './login-throttle.js';

describe('LoginThrottle', () => {
  const limits = { perAddress: 3, overall: 5, windowMs: 60_000, baseDelayMs: 250 };

  it('slows an address down after its allowance, doubling, and forgets failures outside the window', async () => {
    const clock = new ManualClock();
    const t = new LoginThrottle(clock, { ...limits, overall: 100 });
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(t.delayMs('a'));
      t.failed('a');
    }
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 2000]);
    expect(t.delayMs('b')).toBe(0);
    await clock.advance(60_001);
    expect(t.delayMs('a')).toBe(0);
  });

  it('slows everyone down once all addresses together pass the overall allowance, never locking out', () => {
    const t = new LoginThrottle(new ManualClock(), limits);
    for (let i = 0; i < 50; i++) t.failed(`198.51.100.${i}`);
    expect(t.delayMs('203.0.113.9')).toBe(MAX_DELAY_MS);
  });

  it('never waits more than 2 s, whatever is configured', () => {
    const t = new LoginThrottle(new ManualClock(), { ...limits, baseDelayMs: 60_000, maxDelayMs: 600_000 });
    for (let i = 0; i < 1000; i++) t.failed('a');
    expect(t.delayMs('a')).toBe(2000);
  });

  it('a success clears the address', () => {
    const t = new LoginThrottle(new ManualClock(), { ...limits, overall: 100 });
    for (let i = 0; i < 5; i++) t.failed('a');
    expect(t.delayMs('a')).toBeGreaterThan(0);
    t.succeeded('a');
    expect(t.delayMs('a')).toBe(0);
  });
});
