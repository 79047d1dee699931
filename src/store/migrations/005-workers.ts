import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../database.js';

/**
 * Several workers on one database (issue 15 points 2 and 6): `workers` is one row per running
 * `ml-connector start` (registered at start, heartbeat by the database's clock, deleted at a clean stop; a
 * killed one stays and is shown as gone), `job_schedule` one row per scheduled job of a connection, the
 * shared "when is it due" that a worker claims atomically so each due pass starts on one worker only.
 */
export async function up(db: Kysely<unknown>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('workers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('passes_running', 'integer', (c) => c.notNull())
    .addColumn('concurrency', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('job_schedule')
    // `<connection id>:<job name>`, the scheduler's job key.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    // Set while a worker runs the pass (extended as it runs): a killed worker's claim runs out like its lease.
    .addColumn('held_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    // A trigger (webhook, "run now", a mapping change) on any worker: due at once, or after the running pass.
    .addColumn('requested_at', 'text')
    .execute();
}
