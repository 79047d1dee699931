import { DateTime } from 'luxon';

/**
 * The charts' time buckets in the browser's own time zone (issue 16 point 6): the last 24 hours by the
 * hour, and the last 7 days by the browser's calendar days (a DST day has 23 or 25 hours). Pure functions
 * of `now` and the zone, so the bucketing is table-tested without a database.
 */
export type ChartRange = '24h' | '7d';

export const CHART_RANGES: readonly ChartRange[] = ['24h', '7d'];

export interface BucketFrame {
  /** Start (included) and end (excluded), epoch ms. */
  start: number;
  end: number;
  /** The start as local ISO with its offset (2026-11-01T01:00:00.000-05:00): what tests and tooltips read. */
  iso: string;
  /** Short axis label: the local hour ("01:00") or day ("Sun 1"). */
  label: string;
  /** Long label for the tooltip, with the zone's abbreviation ("Nov 1, 01:00 EST"). */
  title: string;
}

/** An IANA zone the browser sent, if Intl knows it (canonical spelling), else UTC. */
export function chartZone(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(raw)) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** The buckets of a range ending with the one that holds `now`, oldest first. */
export function chartFrames(range: ChartRange, now: number, zone: string): BucketFrame[] {
  const local = DateTime.fromMillis(now, { zone, locale: 'en-US' });
  const frames: BucketFrame[] = [];
  if (range === '24h') {
    // Hours are added as real hours: across a DST change the local hour repeats or is skipped.
    const first = local.startOf('hour').minus({ hours: 23 });
    for (let i = 0; i < 24; i++) {
      const at = first.plus({ hours: i });
      frames.push(frame(at, at.plus({ hours: 1 }), at.toFormat('HH:00'), at.toFormat('LLL d, HH:00 ZZZZ')));
    }
  } else {
    const first = local.startOf('day').minus({ days: 6 });
    for (let i = 0; i < 7; i++) {
      const at = first.plus({ days: i });
      frames.push(frame(at, at.plus({ days: 1 }).startOf('day'), at.toFormat('ccc d'), at.toFormat('cccc, LLL d')));
    }
  }
  return frames;
}

function frame(start: DateTime, end: DateTime, label: string, title: string): BucketFrame {
  return { start: start.toMillis(), end: end.toMillis(), iso: start.toISO() ?? '', label, title };
}

/** Which frame holds `at`, or -1 (before the first, or after the last). */
export function frameIndex(frames: readonly BucketFrame[], at: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = frames[mid]!;
    if (at < f.start) hi = mid - 1;
    else if (at >= f.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Adds each point's count to its frame (points outside the range are left out). */
export function countInto(frames: readonly BucketFrame[], points: readonly { at: number; n: number }[]): number[] {
  const out = frames.map(() => 0);
  for (const p of points) {
    const i = frameIndex(frames, p.at);
    if (i >= 0) out[i] = (out[i] ?? 0) + p.n;
  }
  return out;
}

/**
 * A level (what waits) per frame: the last sample at or before the frame's end, or before `now` for the
 * frame that holds it. A sample older than `maxGapMs` at that moment says nothing (the service was not
 * running): null, drawn as a gap.
 */
export function levelsInto<T>(
  frames: readonly BucketFrame[],
  samples: readonly { at: number; value: T }[],
  now: number,
  maxGapMs: number,
): (T | null)[] {
  const sorted = [...samples].sort((a, b) => a.at - b.at);
  let j = -1;
  return frames.map((f) => {
    const until = Math.min(f.end - 1, now);
    while (j + 1 < sorted.length && sorted[j + 1]!.at <= until) j++;
    const last = j >= 0 ? sorted[j] : undefined;
    return last && until - last.at <= maxGapMs ? last.value : null;
  });
}

/** The cookie /assets/local-time.js sets to the browser's IANA time zone (read by the home page and /live/charts). */
export const TZ_COOKIE = 'mlc_tz';
