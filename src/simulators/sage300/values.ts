/**
 * Value conventions of the real API (sheet §3.4): Sage keeps dates as YYYYMMDD numbers and the API emits
 * them as UTC midnight `YYYY-MM-DDT00:00:00Z`; empty dates are null. The simulator keeps dates as day
 * numbers (days since 1970-01-01) so rows stay small and comparisons are integer comparisons.
 */
const DAY_MS = 86_400_000;

/** 0 means "no date" (Sage's blank date is 0 in the database too). */
export type DayNumber = number;

export function dayToSage(day: DayNumber): string | null {
  if (!day) return null;
  return `${new Date(day * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`;
}

export function dayToMs(day: DayNumber): number | null {
  return day ? day * DAY_MS : null;
}

export function msToDay(ms: number): DayNumber {
  return Math.floor(ms / DAY_MS);
}

/**
 * Dates arrive date-only (`"2020-01-15"`, Sage's samples) or as full ISO (`new Date().toISOString()`, field
 * code). INFERRED rule (fidelity doc): the UTC date part is kept; a time or offset is dropped after conversion
 * to UTC, which is what an ASP.NET server running in UTC does.
 */
export function parseSageDate(value: unknown): DayNumber | undefined {
  if (value === null || value === '') return 0;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) return undefined;
  const ms =
    m[4] === undefined ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : Date.parse(m[7] ? value : `${value}Z`);
  if (Number.isNaN(ms)) return undefined;
  return msToDay(ms);
}

/** Money and quantities: Sage decimals; round half away from zero to the given scale. */
export function round(value: number, scale = 2): number {
  const f = 10 ** scale;
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON)) / f;
}

/** Interns repeated strings so 100,000 orders share one copy of each customer number, address line, code. */
export class StringPool {
  private readonly pool = new Map<string, string>();
  intern(value: string): string {
    const hit = this.pool.get(value);
    if (hit !== undefined) return hit;
    this.pool.set(value, value);
    return value;
  }
}
