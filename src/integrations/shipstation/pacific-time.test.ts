import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPacific,
  formatPacificBound,
  formatPacificDate,
  formatPacificTimestamp,
  parsePacific,
  parsePacificOrNull,
} from './pacific-time.js';

describe('parsePacific', () => {
  it.each([
    // ordinary PST and PDT, the response shapes V1 sends
    ['2026-01-15T10:00:00.0000000', '2026-01-15T18:00:00.000Z'],
    ['2026-07-15T10:00:00.0000000', '2026-07-15T17:00:00.000Z'],
    ['2015-07-16T14:00:34.8230000', '2015-07-16T21:00:34.823Z'],
    ['2015-07-16T14:00:34.823', '2015-07-16T21:00:34.823Z'],
    ['2015-07-16T14:00:34.8', '2015-07-16T21:00:34.800Z'],
    ['2020-05-29 15:05:02', '2020-05-29T22:05:02.000Z'],
    ['2015-07-02', '2015-07-02T07:00:00.000Z'],
    ['2026-01-02', '2026-01-02T08:00:00.000Z'],
    // spring forward, 2026-03-08: 02:00 PST jumps to 03:00 PDT
    ['2026-03-08T01:59:59.0000000', '2026-03-08T09:59:59.000Z'],
    ['2026-03-08T02:00:00.0000000', '2026-03-08T10:00:00.000Z'], // skipped hour: read as PST
    ['2026-03-08T02:30:00.0000000', '2026-03-08T10:30:00.000Z'], // = 03:30 PDT
    ['2026-03-08T03:00:00.0000000', '2026-03-08T10:00:00.000Z'],
    ['2026-03-08T03:30:00.0000000', '2026-03-08T10:30:00.000Z'],
    ['2026-03-08', '2026-03-08T08:00:00.000Z'],
    ['2026-03-09', '2026-03-09T07:00:00.000Z'],
    // fall back, 2026-11-01: 02:00 PDT goes back to 01:00 PST
    ['2026-11-01T00:59:59.0000000', '2026-11-01T07:59:59.000Z'],
    ['2026-11-01T01:00:00.0000000', '2026-11-01T08:00:00.000Z'], // repeated hour: earlier offset (PDT)
    ['2026-11-01T01:30:00.0000000', '2026-11-01T08:30:00.000Z'],
    ['2026-11-01T01:59:59.9990000', '2026-11-01T08:59:59.999Z'],
    ['2026-11-01T02:00:00.0000000', '2026-11-01T10:00:00.000Z'],
    ['2026-11-01', '2026-11-01T07:00:00.000Z'],
    ['2026-11-02', '2026-11-02T08:00:00.000Z'],
    // explicit zones are honoured (request examples carry them; responses never do)
    ['2015-06-29T08:46:27.000Z', '2015-06-29T08:46:27.000Z'],
    ['2020-01-01T00:00:00-00:00', '2020-01-01T00:00:00.000Z'],
  ])('%s → %s', (input, utc) => {
    expect(parsePacific(input).toISOString()).toBe(utc);
  });

  it.each(['', 'yesterday', '2026-02-30', '2026-13-01', '2026-01-01T25:00:00', '2026-01-01T10:00:00.12345678'])(
    'refuses %j',
    (input) => {
      expect(() => parsePacific(input)).toThrow(RangeError);
    },
  );

  it('maps null and empty to null', () => {
    expect(parsePacificOrNull(null)).toBeNull();
    expect(parsePacificOrNull(undefined)).toBeNull();
    expect(parsePacificOrNull('')).toBeNull();
    expect(parsePacificOrNull('2026-01-15')?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });
});

describe('formatPacific', () => {
  it.each([
    ['2026-01-15T18:00:00.000Z', '2026-01-15 10:00:00', '2026-01-15'],
    ['2026-07-15T17:00:00.000Z', '2026-07-15 10:00:00', '2026-07-15'],
    ['2026-03-08T09:59:59.000Z', '2026-03-08 01:59:59', '2026-03-08'],
    ['2026-03-08T10:00:00.000Z', '2026-03-08 03:00:00', '2026-03-08'],
    ['2026-11-01T08:30:00.000Z', '2026-11-01 01:30:00', '2026-11-01'], // first 01:30 (PDT)
    ['2026-11-01T09:30:00.000Z', '2026-11-01 01:30:00', '2026-11-01'], // second 01:30 (PST)
    ['2026-11-01T10:00:00.000Z', '2026-11-01 02:00:00', '2026-11-01'],
    ['2026-01-01T07:59:59.000Z', '2025-12-31 23:59:59', '2025-12-31'],
  ])('%s → %s', (utc, pacific, day) => {
    expect(formatPacific(new Date(utc))).toBe(pacific);
    expect(formatPacificDate(new Date(utc))).toBe(day);
  });

  it('writes the 7-digit response shape', () => {
    expect(formatPacificTimestamp(new Date('2015-07-16T21:00:34.823Z'))).toBe('2015-07-16T14:00:34.8230000');
  });

  it('round-trips every instant except the second pass of the repeated hour', () => {
    const start = Date.UTC(2025, 0, 1);
    const end = Date.UTC(2028, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: start / 1000, max: end / 1000 }), (seconds) => {
        const instant = new Date(seconds * 1000);
        const back = parsePacific(formatPacific(instant)).getTime();
        // The only instants that do not come back are those in the second (PST) 01:xx of November,
        // which read back one hour earlier by the documented choice.
        expect([instant.getTime(), instant.getTime() - 3_600_000]).toContain(back);
        if (back !== instant.getTime()) expect(formatPacific(instant).slice(11, 13)).toBe('01');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatPacificBound', () => {
  it.each([
    // ordinary instants: the wall time, start rounded down and end rounded up to the second
    ['2026-01-15T18:00:00.400Z', 'start', '2026-01-15 10:00:00'],
    ['2026-01-15T18:00:00.400Z', 'end', '2026-01-15 10:00:01'],
    ['2026-01-15T18:00:00.000Z', 'end', '2026-01-15 10:00:00'],
    // the repeated hour: widened by one hour on the side a server could narrow
    ['2026-11-01T08:45:00.000Z', 'start', '2026-11-01 00:45:00'], // 01:45 PDT; "01:45" could be read as 09:45Z
    ['2026-11-01T09:15:00.000Z', 'start', '2026-11-01 01:15:00'], // 01:15 PST: its later reading is itself
    ['2026-11-01T08:45:00.000Z', 'end', '2026-11-01 01:45:00'], // 01:45 PDT: its earlier reading is itself
    ['2026-11-01T09:15:00.000Z', 'end', '2026-11-01 02:15:00'], // "01:15" could be read as 08:15Z
    // just outside it: untouched
    ['2026-11-01T07:59:59.000Z', 'start', '2026-11-01 00:59:59'],
    ['2026-11-01T10:00:00.000Z', 'end', '2026-11-01 02:00:00'],
    // the spring gap has no ambiguity
    ['2026-03-08T10:00:00.000Z', 'start', '2026-03-08 03:00:00'],
  ] as const)('%s as %s → %s', (utc, side, expected) => {
    expect(formatPacificBound(new Date(utc), side)).toBe(expected);
  });

  it('never lets either reading of a bound narrow the window', () => {
    const start = Date.UTC(2026, 10, 1, 6);
    const readings = (text: string) => {
      const first = parsePacific(text).getTime(); // the earlier reading
      const second = first + 3_600_000; // the other reading, when it is a real instant with the same wall time
      return formatPacific(new Date(second)) === text ? [first, second] : [first];
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 3600 * 1000 }), (offset) => {
        const instant = start + offset;
        expect(Math.max(...readings(formatPacificBound(new Date(instant), 'start')))).toBeLessThanOrEqual(instant);
        expect(Math.min(...readings(formatPacificBound(new Date(instant), 'end')))).toBeGreaterThanOrEqual(instant);
      }),
      { numRuns: 2000 },
    );
  });
});
