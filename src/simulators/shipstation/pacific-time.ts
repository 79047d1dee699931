import { DateTime } from 'luxon';

/**
 * ShipStation V1 speaks Pacific time without an offset ("The time zone represented in all API responses is
 * PST/PDT", shipstation-v1.md §4). The simulator keeps instants (epoch ms) and converts only at the edge.
 */
export const PACIFIC = 'America/Los_Angeles';

const HOUR = 3_600_000;
const offsets = new Map<number, number>();

/**
 * Pacific wall-clock time of an instant as `yyyy-MM-ddTHH:mm:ss.SSS`. The zone's offset comes from luxon once per
 * UTC hour (Los Angeles changes offset on the hour) and is cached: a page of 500 orders formats thousands of dates.
 */
function pacificWallClock(ms: number): string {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR, { zone: PACIFIC }).offset;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return new Date(ms + offset * 60_000).toISOString().slice(0, 23);
}

/** `2015-07-16T14:00:34.8230000`: orders, shipments, fulfillments (7 fractional digits as the docs show). */
export function formatV1DateTime(ms: number | null): string | null {
  return ms === null ? null : `${pacificWallClock(ms)}0000`;
}

/** `2015-07-16T14:00:34.823`: order-item and store dates (3 fractional digits, as captured). */
export function formatV1DateTimeShort(ms: number | null): string | null {
  return ms === null ? null : pacificWallClock(ms);
}

/** `2015-07-02`: date-only fields (order and shipment `shipDate`, `holdUntilDate`). */
export function formatV1Date(date: string | null): string | null {
  return date;
}

/** A date-only value rendered as the midnight datetime some V1 fields use (`shipByDate`, fulfillment `shipDate`). */
export function formatV1DateAsDateTime(date: string | null): string | null {
  return date === null ? null : `${date}T00:00:00.0000000`;
}

/** The Pacific calendar date of an instant (what "today" means to a V1 account). */
export function pacificDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PACIFIC }).toFormat('yyyy-MM-dd');
}

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a V1 request date. Naive values (`2016-11-29 23:59:59`, `2015-06-29T08:46:27.0000000`, `2014-04-01`)
 * are Pacific wall-clock times; a trailing `Z` or offset is honoured (INFERRED, fidelity doc).
 * Ambiguous wall times (the repeated hour in November) resolve to standard time, the later instant, as luxon and
 * .NET's TimeZoneInfo.ConvertTimeToUtc both do; times in the spring-forward gap move forward one hour.
 * Returns null for an unparseable value.
 */
export function parseV1DateTime(value: string): number | null {
  const text = value.trim().replace(' ', 'T');
  if (text === '') return null;
  const normalised = trimFraction(text);
  const parsed = HAS_ZONE.test(normalised)
    ? DateTime.fromISO(normalised, { setZone: true })
    : DateTime.fromISO(normalised, { zone: PACIFIC });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** A date-only reading (`2015-07-02`, or the date part of a datetime as written by the client). */
export function parseV1Date(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return null;
  const date = DateTime.fromISO(`${match[1]}-${match[2]}-${match[3]}`);
  return date.isValid ? date.toFormat('yyyy-MM-dd') : null;
}

// .NET writes 7 fractional digits; ISO parsers accept at most 9 but luxon only keeps ms: cut to 3.
function trimFraction(text: string): string {
  return text.replace(/(\.\d{3})\d+/, '$1');
}

/** V2 dates: ISO 8601 UTC with `Z` (shipstation-v2.md §2). */
export function formatV2DateTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** V2 date-only fields come back as midnight UTC: `"ship_date": "2026-08-12T00:00:00Z"` (captured). */
export function formatV2Date(date: string | null): string | null {
  return date === null ? null : `${date}T00:00:00Z`;
}

/** V2 request dates: ISO 8601 with zone (a zone-less value is read as UTC). */
export function parseV2DateTime(value: string): number | null {
  const parsed = DateTime.fromISO(value.trim(), { zone: 'utc', setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** The date part of a V2 date or date-time (`2026-08-12` or `2026-08-12T00:00:00Z`), read in UTC. */
export function parseV2Date(value: string): string | null {
  const ms = parseV2DateTime(value);
  return ms === null ? null : new Date(ms).toISOString().slice(0, 10);
}
