import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { DialectCapabilities } from './database.js';
import type { Database } from './schema.js';

/** The ISO-8601 text form every timestamp column holds (`Date.toISOString()`), written by PostgreSQL itself. */
const PG_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Whose clock judges the times several processes compare: lease expiry, claims of due passes, worker
 * heartbeats (issue 15 point 2). On PostgreSQL it is the database's (`now()` inside the statement), so a
 * worker on a host whose clock runs fast or slow can neither take a live lease nor see a live worker as gone.
 * SQLite is one file on one host: every process reads the same machine clock, so the process's own (injected)
 * clock is used as before, which keeps the tests that walk a ManualClock through an expiry.
 */
export class DbTime {
  readonly fromDatabase: boolean;

  constructor(
    caps: DialectCapabilities,
    private readonly clock: Clock,
  ) {
    this.fromDatabase = caps.name === 'postgres';
  }

  /** Now, as an SQL expression of the ISO text form. */
  now(): RawBuilder<string> {
    return this.plus(0);
  }

  /** Now plus `ms` (may be negative), as an SQL expression of the ISO text form. */
  plus(ms: number): RawBuilder<string> {
    if (!this.fromDatabase) return sql<string>`${new Date(this.clock.now() + ms).toISOString()}`;
    const at = ms === 0 ? sql`now()` : sql`(now() + ${Math.round(ms)} * interval '1 millisecond')`;
    return sql<string>`to_char(${at} at time zone 'UTC', ${sql.raw(PG_ISO)})`;
  }

  /** Now in ms on the judging clock (one round trip on PostgreSQL). */
  async read(db: Kysely<Database>): Promise<number> {
    if (!this.fromDatabase) return this.clock.now();
    const { rows } = await sql<{ now: string }>`select ${this.now()} as now`.execute(db);
    return Date.parse(rows[0]!.now);
  }
}
