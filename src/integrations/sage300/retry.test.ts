import { describe, expect, it } from 'vitest';
import { ConnectorError, NetworkError } from '../../domain/errors.js';
import { ManualClock } from '../../domain/manual-clock.js';
import { DEFAULT_RETRY, retryDelay, withRetry } from './retry.js';

const retryable = new ConnectorError('TooManyRequests', 'busy', { retryable: true });
const permanent = new ConnectorError('RecordInvalid', 'no', { retryable: false });
const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retryDelay', () => {
  it('retries only idempotent requests with retryable errors, up to maxAttempts', () => {
    expect(retryDelay(retryable, 1, false, policy, () => 0.5)).toBeUndefined();
    expect(retryDelay(permanent, 1, true, policy, () => 0.5)).toBeUndefined();
    expect(retryDelay(new Error('plain'), 1, true, policy, () => 0.5)).toBeUndefined();
    expect(retryDelay(retryable, 4, true, policy, () => 0.5)).toBeUndefined();
    expect(retryDelay(new NetworkError('timeout', 't'), 1, true, policy, () => 0)).toBe(50);
  });

  it('backs off exponentially with equal jitter and a cap; a server-advertised wait wins', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelay(retryable, a, true, { ...policy, maxAttempts: 9 }, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect(retryDelay(retryable, 3, true, policy, () => 0.999)).toBeCloseTo(399.8, 0);
    const advertised = new ConnectorError('TooManyRequests', 'busy', { retryable: true, retryAfterMs: 7000 });
    expect(retryDelay(advertised, 1, true, policy)).toBe(7000);
    expect(DEFAULT_RETRY.maxAttempts).toBeGreaterThan(1);
  });
});

describe('withRetry', () => {
  it('sleeps on the injected clock between attempts and returns the first success', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const done = withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw retryable;
        return 'ok';
      },
      { idempotent: true, policy, clock, random: () => 0 },
    );
    await clock.advance(0);
    expect(calls).toBe(1);
    await clock.advance(50);
    expect(calls).toBe(2);
    await clock.advance(100);
    await expect(done).resolves.toBe('ok');
    expect(calls).toBe(3);
  });

  it('throws at once for non-idempotent requests', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw retryable;
        },
        { idempotent: false, policy, clock: new ManualClock() },
      ),
    ).rejects.toBe(retryable);
    expect(calls).toBe(1);
  });
});
