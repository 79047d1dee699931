import { DateTime } from 'luxon';

/** Today's date in the Sage company's time zone (business dates never follow the server's clock zone). */
export function businessToday(nowMs: number, timezone: string): string {
  return DateTime.fromMillis(nowMs, { zone: timezone }).toISODate() ?? new Date(nowMs).toISOString().slice(0, 10);
}

export function minusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).minus({ days }).toISODate() ?? date;
}

/** The first order date of the look-back window (the edits scan, and the go-live without a start date). */
export function windowStart(nowMs: number, settings: { timezone: string; lookbackDays: number }): string {
  return minusDays(businessToday(nowMs, settings.timezone), settings.lookbackDays);
}
