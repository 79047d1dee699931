import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/manual-clock.js';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  const limits = { perAddress: 3, overall: 5, windowMs: 60_000 };

  it('refuses an address after its failures fill the window, and says how long to wait', async () => {
    const clock = new ManualClock();
    const t = new LoginThrottle(clock, limits);
    for (let i = 0; i < 3; i++) {
      expect(t.check('a').ok).toBe(true);
      t.failed('a');
      await clock.advance(10_000);
    }
    // Failures at 0, 10 and 20 s; now 30 s: the first leaves the window at 60 s.
    expect(t.check('a')).toEqual({ ok: false, waitSeconds: 30 });
    expect(t.check('b').ok).toBe(true);
    await clock.advance(29_000);
    expect(t.check('a')).toEqual({ ok: false, waitSeconds: 1 });
    await clock.advance(1_000);
    expect(t.check('a').ok).toBe(true);
  });

  it('a success clears the address', () => {
    const t = new LoginThrottle(new ManualClock(), limits);
    t.failed('a');
    t.failed('a');
    t.succeeded('a');
    t.failed('a');
    t.failed('a');
    expect(t.check('a').ok).toBe(true);
  });

  it('limits all addresses together (a guesser varying X-Forwarded-For)', () => {
    const t = new LoginThrottle(new ManualClock(), limits);
    for (let i = 0; i < 5; i++) t.failed(`10.0.0.${i}`);
    const verdict = t.check('10.9.9.9');
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.waitSeconds).toBe(60);
  });
});
