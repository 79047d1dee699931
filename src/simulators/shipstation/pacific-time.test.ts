import { describe, expect, it } from 'vitest';
import {
  formatV1DateTime,
  formatV1DateTimeShort,
  formatV2Date,
  formatV2DateTime,
  pacificDate,
  parseV1Date,
  parseV1DateTime,
  parseV2DateTime,
} from './pacific-time.js';

describe('V1 Pacific time', () => {
  it.each([
    // [UTC instant, V1 datetime]
    ['2026-07-16T21:00:34.823Z', '2026-07-16T14:00:34.8230000'], // PDT, UTC-7
    ['2026-01-16T22:00:34.823Z', '2026-01-16T14:00:34.8230000'], // PST, UTC-8
    ['2026-11-01T08:30:00.000Z', '2026-11-01T01:30:00.0000000'], // first 01:30 (PDT)
    ['2026-11-01T09:30:00.000Z', '2026-11-01T01:30:00.0000000'], // second 01:30 (PST)
    ['2026-03-08T10:00:00.000Z', '2026-03-08T03:00:00.0000000'], // first minute of PDT
  ])('formats %s as %s', (utc, pacific) => {
    expect(formatV1DateTime(Date.parse(utc))).toBe(pacific);
  });

  it('formats short datetimes and Pacific dates, and null as null', () => {
    expect(formatV1DateTimeShort(Date.parse('2026-07-16T21:00:34.823Z'))).toBe('2026-07-16T14:00:34.823');
    expect(pacificDate(Date.parse('2026-07-17T06:59:59Z'))).toBe('2026-07-16');
    expect(pacificDate(Date.parse('2026-07-17T07:00:00Z'))).toBe('2026-07-17');
    expect(formatV1DateTime(null)).toBeNull();
  });

  it.each([
    ['2016-11-29 23:59:59', '2016-11-30T07:59:59.000Z'],
    ['2015-06-29T08:46:27.0000000', '2015-06-29T15:46:27.000Z'],
    ['2015-06-29T08:46:27.000000', '2015-06-29T15:46:27.000Z'],
    ['2014-04-01', '2014-04-01T07:00:00.000Z'],
    ['2015-06-29T08:46:27.000Z', '2015-06-29T08:46:27.000Z'],
    ['2020-01-01T00:00:00-00:00', '2020-01-01T00:00:00.000Z'],
    ['2026-11-01 01:30:00', '2026-11-01T09:30:00.000Z'], // ambiguous → standard time
    ['2026-03-08 02:30:00', '2026-03-08T10:30:00.000Z'], // in the gap → standard offset
  ])('reads %s as %s', (input, utc) => {
    expect(new Date(parseV1DateTime(input)!).toISOString()).toBe(utc);
  });

  it('rejects what is not a date', () => {
    expect(parseV1DateTime('yesterday')).toBeNull();
    expect(parseV1DateTime('')).toBeNull();
    expect(parseV1Date('2026-02-30')).toBeNull();
    expect(parseV1Date('2026-02-28T23:00:00')).toBe('2026-02-28');
  });
});

describe('V2 UTC dates', () => {
  it('formats ISO 8601 with Z and date-only fields as midnight UTC', () => {
    expect(formatV2DateTime(Date.parse('2026-08-12T19:44:39.447Z'))).toBe('2026-08-12T19:44:39.447Z');
    expect(formatV2Date('2026-08-12')).toBe('2026-08-12T00:00:00Z');
    expect(parseV2DateTime('2026-08-12T19:44:39.447+02:00')).toBe(Date.parse('2026-08-12T17:44:39.447Z'));
    expect(parseV2DateTime('2026-08-12T19:44:39')).toBe(Date.parse('2026-08-12T19:44:39Z'));
  });
});
