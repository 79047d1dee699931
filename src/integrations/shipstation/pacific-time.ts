import { DateTime, IANAZone } from 'luxon';

/**
 * ShipStation V1 speaks Pacific time without an offset, in both directions: "The time zone represented in
 * all API responses is PST/PDT … submit any dateTime requests in PST/PDT" (V1 sheet §4). Treating those
 * strings as UTC is a known, shipped bug elsewhere (sheet §12.5), so every V1 date crosses this file.
 *
 * Two wall-clock hours a year are not one instant:
 * - the repeated hour (first Sunday of November, 01:00–01:59 happens twice): we choose the EARLIER offset,
 *   PDT (UTC−7), i.e. the first occurrence. Luxon alone picks the later one, so this is done by hand.
 *   Why earlier: a filter bound that is too early only re-reads records (we de-duplicate by id), while one
 *   that is too late could skip some.
 * - the skipped hour (second Sunday of March, 02:00–02:59 never happens): read with the offset in force
 *   before the gap (PST, UTC−8), so 02:30 means 10:30Z, the same instant as 03:30 PDT.
 */
export const PACIFIC_ZONE = 'America/Los_Angeles';

const zone = IANAZone.create(PACIFIC_ZONE);
const MINUTE = 60_000;
const DAY = 86_400_000;

// `2015-07-16T14:00:34.8230000`, `2015-07-16 14:00:34`, `2015-07-16T14:00`, `2015-07-02`; up to 7 fraction digits.
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;
// Tolerated although V1 responses never carry a zone (request examples do: `2015-06-29T08:46:27.000Z`).
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Parses a V1 timestamp (Pacific wall-clock time, or date-only = Pacific midnight) into a UTC Date. */
export function parsePacific(value: string): Date {
  const text = value.trim();
  const m = NAIVE.exec(text);
  if (!m) {
    if (WITH_ZONE.test(text)) {
      const withOffset = DateTime.fromISO(text.replace(' ', 'T'), { setZone: true });
      if (withOffset.isValid) return withOffset.toJSDate();
    }
    throw new RangeError(`Not a ShipStation V1 date: ${JSON.stringify(value)}`);
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    throw new RangeError(`Not a valid calendar date: ${JSON.stringify(value)}`);
  }
  return new Date(pacificWallToUtc(wall));
}

/** Like parsePacific, for the nullable date fields of V1 records. */
export function parsePacificOrNull(value: string | null | undefined): Date | null {
  return value === null || value === undefined || value === '' ? null : parsePacific(value);
}

/**
 * `wall` is the Pacific wall-clock time written as if it were UTC; returns the real instant.
 * Candidate offsets are the ones in force a day before and a day after (DST changes are months apart).
 */
function pacificWallToUtc(wall: number): number {
  const valid = wallInstants(wall);
  if (valid.length > 0) return Math.min(...valid); // repeated hour: the earlier instant (first occurrence)
  return wall - zone.offset(wall - DAY) * MINUTE; // skipped hour: the offset in force before the gap
}

/** Every instant a Pacific wall-clock time can mean: one, two (the repeated hour) or none (the gap). */
function wallInstants(wall: number): number[] {
  const before = zone.offset(wall - DAY) * MINUTE;
  const after = zone.offset(wall + DAY) * MINUTE;
  const valid = [wall - before, wall - after].filter((t) => zone.offset(t) * MINUTE === wall - t);
  return [...new Set(valid)];
}

/** UTC → Pacific `YYYY-MM-DD HH:mm:ss`, the format V1 documents for filters and request dates. */
export function formatPacific(date: Date): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-LL-dd HH:mm:ss');
}

/**
 * A filter bound that no server reading can narrow. In the repeated hour a wall time means two instants and
 * the server picks one (the simulator the later, like .NET and luxon; the real API is UNKNOWN): a `…Start`
 * read an hour late, or an `…End` read an hour early, would skip records. So a start whose wall time could
 * mean a later instant moves one hour earlier, and an end that could mean an earlier instant one hour later:
 * the window only widens, and records are de-duplicated by id anyway. Whole seconds, rounded outwards.
 */
export function formatPacificBound(date: Date, side: 'start' | 'end'): string {
  const seconds = side === 'start' ? Math.floor(date.getTime() / 1000) : Math.ceil(date.getTime() / 1000);
  const instant = seconds * 1000;
  for (const shift of [0, 3_600_000]) {
    const candidate = side === 'start' ? instant - shift : instant + shift;
    const text = formatPacific(new Date(candidate));
    const meanings = wallInstants(Date.parse(`${text.replace(' ', 'T')}Z`));
    const safe = side === 'start' ? Math.max(...meanings) <= instant : Math.min(...meanings) >= instant;
    if (safe) return text;
  }
  // Unreachable: an hour away from the repeated hour's first instant is never ambiguous in the bad direction.
  return formatPacific(new Date(side === 'start' ? instant - 7_200_000 : instant + 7_200_000));
}

/** UTC → Pacific `YYYY-MM-DDTHH:mm:ss.fffffff`, the shape V1 itself returns (7 fraction digits). */
export function formatPacificTimestamp(date: Date): string {
  return `${DateTime.fromJSDate(date, { zone }).toFormat("yyyy-LL-dd'T'HH:mm:ss.SSS")}0000`;
}

/** UTC → the Pacific calendar date `YYYY-MM-DD`. */
export function formatPacificDate(date: Date): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-LL-dd');
}
