import { describe, expect, it } from 'vitest';
import { chartFrames, chartZone, countInto, levelsInto } from './chart-buckets.js';

const at = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';

describe('chart buckets in the browser time zone', () => {
  it.each([
    // [zone, now, labels of the 24 hourly buckets, first bucket start]
    [
      NY,
      '2026-11-01T17:30:00Z', // 12:30 EST, the day the clocks go back (02:00 EDT → 01:00 EST)
      [
        ...['14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '00', '01', '01'],
        ...['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
      ],
      '2026-10-31T14:00:00.000-04:00',
    ],
    [
      NY,
      '2026-03-08T15:10:00Z', // 11:10 EDT, the day the clocks go forward (02:00 is skipped)
      [
        ...['11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '00', '01'],
        ...['03', '04', '05', '06', '07', '08', '09', '10', '11'],
      ],
      '2026-03-07T11:00:00.000-05:00',
    ],
    [
      'Asia/Tokyo',
      '2026-12-02T14:59:59Z', // 23:59:59 in Tokyo
      Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')),
      '2026-12-02T00:00:00.000+09:00',
    ],
    ['Asia/Kolkata', '2026-12-02T00:00:00Z', null, '2026-12-01T06:00:00.000+05:30'],
  ])('24 h in %s at %s', (zone, now, labels, first) => {
    const frames = chartFrames('24h', at(now), zone);
    expect(frames).toHaveLength(24);
    if (labels) expect(frames.map((f) => f.label)).toEqual(labels.map((h) => `${h}:00`));
    expect(frames[0]!.iso).toBe(first);
    // Every bucket is one real hour, back to back, and the last holds `now`.
    for (const [i, f] of frames.entries()) {
      expect(f.end - f.start).toBe(3_600_000);
      if (i > 0) expect(f.start).toBe(frames[i - 1]!.end);
    }
    expect(frames.at(-1)!.start).toBeLessThanOrEqual(at(now));
    expect(frames.at(-1)!.end).toBeGreaterThan(at(now));
  });

  it('tells the two 01:00 hours of 2026-11-01 in New York apart, and counts each event in its own', () => {
    const frames = chartFrames('24h', at('2026-11-01T17:30:00Z'), NY);
    const ones = frames.filter((f) => f.label === '01:00');
    expect(ones.map((f) => f.title)).toEqual(['Nov 1, 01:00 EDT', 'Nov 1, 01:00 EST']);
    const counts = countInto(frames, [
      { at: at('2026-11-01T05:30:00Z'), n: 2 }, // 01:30 EDT
      { at: at('2026-11-01T06:30:00Z'), n: 3 }, // 01:30 EST
      { at: at('2026-10-31T17:59:59Z'), n: 9 }, // before the first bucket: left out
      { at: at('2026-11-01T17:29:00Z'), n: 1 }, // the current hour
    ]);
    expect(counts[frames.indexOf(ones[0]!)]).toBe(2);
    expect(counts[frames.indexOf(ones[1]!)]).toBe(3);
    expect(counts.at(-1)).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it.each([
    [
      NY,
      '2026-11-03T15:00:00Z',
      ['Wed 28', 'Thu 29', 'Fri 30', 'Sat 31', 'Sun 1', 'Mon 2', 'Tue 3'],
      [24, 24, 24, 24, 25, 24, 24],
    ],
    [
      NY,
      '2026-03-09T12:00:00Z',
      ['Tue 3', 'Wed 4', 'Thu 5', 'Fri 6', 'Sat 7', 'Sun 8', 'Mon 9'],
      [24, 24, 24, 24, 24, 23, 24],
    ],
    // 23:30 UTC on the 2nd is already the 3rd in Tokyo: the browser's day, not the server's.
    [
      'Asia/Tokyo',
      '2026-12-02T23:30:00Z',
      ['Fri 27', 'Sat 28', 'Sun 29', 'Mon 30', 'Tue 1', 'Wed 2', 'Thu 3'],
      [24, 24, 24, 24, 24, 24, 24],
    ],
    [
      'UTC',
      '2026-12-02T23:30:00Z',
      ['Thu 26', 'Fri 27', 'Sat 28', 'Sun 29', 'Mon 30', 'Tue 1', 'Wed 2'],
      [24, 24, 24, 24, 24, 24, 24],
    ],
  ])('7 days in %s at %s are calendar days', (zone, now, labels, hours) => {
    const frames = chartFrames('7d', at(now), zone);
    expect(frames.map((f) => f.label)).toEqual(labels);
    expect(frames.map((f) => (f.end - f.start) / 3_600_000)).toEqual(hours);
    for (const f of frames) expect(f.iso).toMatch(/T00:00:00\.000/);
  });

  it('counts an event in the browser day it happened on, around a New York midnight', () => {
    const frames = chartFrames('7d', at('2026-11-03T15:00:00Z'), NY);
    const counts = countInto(frames, [
      { at: at('2026-11-02T04:59:00Z'), n: 1 }, // 23:59 EST on Sun 1
      { at: at('2026-11-02T05:00:00Z'), n: 1 }, // 00:00 EST on Mon 2
      { at: at('2026-11-01T03:30:00Z'), n: 1 }, // 23:30 EDT on Sat 31
    ]);
    expect(counts).toEqual([0, 0, 0, 1, 1, 1, 0]);
  });

  it('takes the level at the end of each bucket, the live one for the current bucket, and gaps when stale', () => {
    const frames = chartFrames('24h', at('2026-12-02T12:20:00Z'), 'UTC');
    const samples = [
      { at: at('2026-12-02T09:10:00Z'), value: 1 },
      { at: at('2026-12-02T09:50:00Z'), value: 4 }, // the last in 09:00
      { at: at('2026-12-02T10:20:00Z'), value: 2 }, // 10:00 ends 40 min later: still within 45 min
      { at: at('2026-12-02T12:15:00Z'), value: 7 },
    ];
    const levels = levelsInto(frames, samples, at('2026-12-02T12:20:00Z'), 45 * 60_000);
    expect(levels.slice(-4)).toEqual([4, 2, null, 7]);
    expect(levels.slice(0, -4).every((v) => v === null)).toBe(true);
  });

  it.each([
    ['Asia/Tokyo', 'Asia/Tokyo'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Mars/Olympus_Mons', 'UTC'],
    ['../../etc/passwd', 'UTC'],
    ['', 'UTC'],
    [undefined, 'UTC'],
    [['Asia/Tokyo'], 'UTC'],
    ['x'.repeat(100), 'UTC'],
  ])('zone %j is read as %s', (raw, zone) => {
    expect(chartZone(raw)).toBe(zone);
  });
});
