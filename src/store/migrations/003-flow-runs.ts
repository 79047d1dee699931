import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectCapabilities } from '../database.js';

/**
 * The runs history (issue 16 point 6): one row per pass of a flow that took its lease, written when it starts
 * and completed when it ends. `flows` keeps only the last pass per flow for `status`; this keeps every pass for
 * FLOW_RUNS_KEEP_DAYS, for the dashboard's Runs page.
 */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  const autoId = (c: ColumnDefinitionBuilder) =>
    caps.autoIncrementType === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey();
  await db.schema
    .createTable('flow_runs')
    .addColumn('id', caps.autoIncrementType, autoId)
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('lease_token', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('counts', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('flow_runs_connection')
    .on('flow_runs')
    .columns(['connection_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('flow_runs_flow')
    .on('flow_runs')
    .columns(['connection_id', 'flow', 'started_at'])
    .execute();
  // Retention deletes by age across connections.
  await db.schema.createIndex('flow_runs_started').on('flow_runs').columns(['started_at']).execute();
}
