import { describe, expect, it } from 'vitest';
import { refusedBefore } from './process-batch.js';

describe('refusedBefore: a permanent refusal is not pushed again for the same Sage content', () => {
  const failed = { failedHash: 'h1', retryable: false };
  it.each([
    ['no record', undefined, false],
    ['refused, same content', { state: 'failed', data: failed }, true],
    ['refused, Sage content edited since', { state: 'failed', data: { ...failed, failedHash: 'h0' } }, false],
    ['a retryable failure', { state: 'failed', data: { ...failed, retryable: true } }, false],
    ['failed without data (older record)', { state: 'failed', data: {} }, false],
    ['sent by a hand retry since: the old failure data stays on the record', { state: 'sent', data: failed }, false],
  ] as const)('%s', (_name, record, expected) => {
    expect(refusedBefore(record, 'h1')).toBe(expected);
  });
});
