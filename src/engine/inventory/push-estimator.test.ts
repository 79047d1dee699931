import { describe, expect, it } from 'vitest';
import { formatDuration, PushEstimator } from './push-estimator.js';

describe('time left for a push', () => {
  it('starts from the budget: 10,000 SKUs at 200 a minute take 50 minutes', () => {
    const e = new PushEstimator(10_000, 0, 200 / 60_000);
    expect(e.etaMs(0, 0)).toBe(50 * 60_000);
    expect(formatDuration(e.etaMs(0, 0)!)).toBe('50 min 00 s');
  });

  it('then follows the rate achieved (other flows spend from the same budget)', () => {
    const e = new PushEstimator(3000, 1_000, 200 / 60_000);
    // 100 sent in the first minute (half the budget): 2,900 left at 100 a minute.
    expect(e.etaMs(100, 61_000)).toBe(29 * 60_000);
    expect(e.etaMs(3000, 100_000)).toBe(0);
  });

  it('knows nothing without a budget or a rate yet', () => {
    expect(new PushEstimator(50, 0).etaMs(0, 10)).toBeUndefined();
  });

  it.each([
    [0, '0 s'],
    [45_400, '45 s'],
    [190_000, '3 min 10 s'],
    [150 * 60_000, '2 h 30 min'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
