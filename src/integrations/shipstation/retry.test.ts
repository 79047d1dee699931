import { describe, expect, it } from 'vitest';
import { ConnectorError, NetworkError } from '../../domain/errors.js';
import { jitteredBackoff } from './backoff.js';
import { decideV1Retry } from './v1-retry.js';
import { decideV2Retry } from './v2-retry.js';

const rateLimited = (ms?: number) =>
  new ConnectorError('rate_limited', 'x', { retryable: true, ...(ms === undefined ? {} : { retryAfterMs: ms }) });
const serverError = new ConnectorError('server_error', 'x', { retryable: true });
const timeout = new NetworkError('timeout', 'x');
const refused = new NetworkError('connection_refused', 'x');
const validation = new ConnectorError('validation_failed', 'x');
const half = () => 0.5;

describe.each([
  ['V1', decideV1Retry],
  ['V2', decideV2Retry],
] as const)('%s retry decision', (_name, decide) => {
  it.each([
    // error, attempt, idempotent, expected delay (undefined = give up)
    [validation, 1, true, undefined],
    [rateLimited(20_000), 1, false, 20_000], // never processed: safe even for a label
    [refused, 1, false, 'backoff'],
    [timeout, 1, false, undefined], // a lost answer on a non-idempotent call is the engine's to resolve
    [serverError, 1, false, undefined],
    [timeout, 1, true, 'backoff'],
    [serverError, 2, true, 'backoff'],
    [serverError, 5, true, undefined], // attempts exhausted
  ] as const)('%o attempt %i idempotent %s → %s', (error, attempt, idempotent, expected) => {
    const delay = decide(error, attempt, idempotent, half);
    if (expected === 'backoff') {
      expect(delay).toBeGreaterThan(0);
      expect(delay).toBeLessThanOrEqual(30_000);
    } else {
      expect(delay).toBe(expected);
    }
  });
});

describe('jitteredBackoff', () => {
  it('doubles, jitters within [half, full] and caps', () => {
    const opts = { baseMs: 1000, capMs: 8000 };
    expect(jitteredBackoff(1, opts, () => 0)).toBe(500);
    expect(jitteredBackoff(1, opts, () => 1)).toBe(1000);
    expect(jitteredBackoff(3, opts, () => 0.5)).toBe(3000);
    expect(jitteredBackoff(10, opts, () => 1)).toBe(8000);
  });
});
