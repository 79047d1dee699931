import { describe, expect, it } from 'vitest';
import { failureReason, missingResult } from './push-failed.js';

describe('failureReason: what people read about a push ShipStation did not take', () => {
  it.each([
    [
      'retryable: it says it retries, and which attempt this was',
      { message: '429 Too Many Requests', retryable: true },
      'create',
      3,
      'ShipStation did not take the create (429 Too Many Requests); retrying automatically (attempt 3).',
    ],
    [
      'permanent: it says what to do',
      { message: 'shipTo.postalCode is invalid', retryable: false },
      'update',
      1,
      'ShipStation refused the update: shipTo.postalCode is invalid. Fix the order in Sage 300 and it is sent again, or use "retry".',
    ],
  ])('%s', (_name, error, action, attempts, expected) => {
    expect(failureReason(error, action, attempts)).toBe(expected);
  });

  it('an answer that leaves an order out is a retryable failure naming the key', () => {
    const e = missingResult('SAMINC-ORD1-1');
    expect(e).toMatchObject({ code: 'no_result', retryable: true });
    expect(e.message).toContain('SAMINC-ORD1-1');
  });
});
