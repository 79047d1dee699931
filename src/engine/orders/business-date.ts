import { DateTime } from 'luxon';

/** Today's date in the Sage company's time zone (business dates never follow the server's clock zone). */
export function businessToday(nowMs: number, timezone: string): string {
  return DateTime.fromMillis(nowMs, { zone: timezone }).toISODate() ?? new Date(nowMs).toISOString().slice(0, 10);
}

export function minusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).minus({ days }).toISODate() ?? date;
}
