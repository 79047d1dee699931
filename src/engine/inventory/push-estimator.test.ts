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

  it('follows the pace of the last 60 s, not the average since the start', () => {
    // 600 in the first 10 s (a burst the budget allowed), then one a second.
    const e = new PushEstimator(1000, 0);
    expect(e.etaMs(600, 10_000)).toBe(Math.round(400 / (600 / 10_000)));
    // Asked again a minute later (the first estimate is past the 60 s the cap looks back on), then each second.
    for (let t = 71; t < 130; t++) e.etaMs(600 + (t - 10), t * 1000);
    // At 130 s: 720 done, 280 left at the last minute's 1 a second (the whole-run average would say 50 s).
    expect(e.etaMs(720, 130_000)).toBe(280_000);
  });

  // [at ms, done, total, estimate]: an injected clock, one row per call in order.
  it.each([
    {
      name: 'a slow-down after a burst rises at most 50 % over the lowest estimate of the last minute',
      rows: [
        [1_000, 20, 100, 4_000],
        [2_000, 21, 100, 6_000],
        [3_000, 21, 100, 6_000],
        [30_000, 30, 100, 6_000],
      ],
    },
    {
      name: 'more work left lifts the cap at once',
      rows: [
        [1_000, 20, 100, 4_000],
        [2_000, 21, 200, Math.round(179 / (21 / 2_000))],
      ],
    },
    {
      name: 'after a minute without a lower estimate, the estimate may follow the slower pace',
      rows: [
        [1_000, 20, 100, 4_000],
        // The 1 s estimate is 61 s old: 60 left at the last 61 s's 20 sends.
        [62_000, 40, 100, 183_000],
      ],
    },
    {
      name: 'a steady pace gives steadily falling estimates',
      rows: [
        [10_000, 20, 100, 40_000],
        [20_000, 40, 100, 30_000],
        [30_000, 60, 100, 20_000],
        [40_000, 80, 100, 10_000],
        [50_000, 100, 100, 0],
      ],
    },
  ])('$name', ({ rows }) => {
    const e = new PushEstimator(rows[0]?.[2] ?? 0, 0);
    for (const [at, done, total, expected] of rows as [number, number, number, number][]) {
      e.setTotal(total);
      expect(e.etaMs(done, at), `at ${at} ms`).toBe(expected);
    }
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

describe('time left for a long push, asked once per level', () => {
  // A first push of 30,000 levels asks once per level; more than ~125k estimates in one minute used to
  // overflow the stack (`Math.min(...)` over every estimate of the window) after a quadratic slow-down.
  it('answers 300,000 times within one window, the same as a fresh estimator would at the same pace', () => {
    const e = new PushEstimator(400_000, 0);
    let last: number | undefined;
    for (let done = 1; done <= 300_000; done++) last = e.etaMs(done, Math.floor(done / 10));
    // 10 a millisecond all along: 100,000 left take 10,000 ms; the cap never bit (the estimates only fell).
    expect(last).toBe(10_000);
  });

  it('caps a rise at 1.5 × the lowest estimate of the last minute, also after many estimates', () => {
    const e = new PushEstimator(1_000_000, 0);
    for (let done = 1; done <= 100_000; done++) e.etaMs(done, Math.floor(done / 10));
    // At 10 s: 900,000 left at 10 a millisecond = 90 s. Then the pace halves for a second: capped at 1.5 × 90 s.
    const before = e.etaMs(100_000, 10_000)!;
    expect(before).toBe(90_000);
    expect(e.etaMs(100_100, 30_000)).toBeLessThanOrEqual(1.5 * before);
  });
});
