import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import type { DialectCapabilities } from '../database.js';

/** The first schema. Every later change is a new file; shipped migrations are never edited. */
export async function up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> {
  const id = caps.autoIncrementType;
  // SQLite numbers rows with `integer primary key autoincrement`; PostgreSQL's serial needs no keyword.
  const autoId = (c: ColumnDefinitionBuilder) =>
    caps.autoIncrementType === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey();

  await db.schema
    .createTable('connections')
    .addColumn('id', id, autoId)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sage300_url', 'text')
    .addColumn('sage300_company', 'text')
    .addColumn('sage300_keep_case', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shipstation_v1_url', 'text')
    .addColumn('shipstation_v2_url', 'text')
    .addColumn('shipstation_orders_api', 'text')
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('connection_id', 'integer', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credentials_pk', ['connection_id', 'kind'])
    .execute();

  await db.schema
    .createTable('cursors')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cursors_pk', ['connection_id', 'flow', 'name'])
    .execute();

  await db.schema
    .createTable('records')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('customer', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('ss_number', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('records_pk', ['connection_id', 'kind', 'key'])
    .execute();
  await db.schema.createIndex('records_state').on('records').columns(['connection_id', 'kind', 'state']).execute();
  await db.schema.createIndex('records_display').on('records').columns(['connection_id', 'display']).execute();

  await db.schema
    .createTable('record_hashes')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_hashes_pk', ['connection_id', 'kind', 'key'])
    .execute();

  await db.schema
    .createTable('links')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('sage_uniquifier', 'text', (c) => c.notNull())
    .addColumn('sage_order_number', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('ss_order_id', 'text')
    .addColumn('ss_api', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sent_hash', 'text')
    .addColumn('sent', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('links_pk', ['connection_id', 'order_key'])
    .execute();
  await db.schema.createIndex('links_sage').on('links').columns(['connection_id', 'sage_uniquifier']).execute();
  await db.schema.createIndex('links_ss_id').on('links').columns(['connection_id', 'ss_order_id']).execute();

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('id', id, autoId)
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('resource_url', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_inbox_status').on('webhook_inbox').columns(['status', 'id']).execute();

  await db.schema
    .createTable('shipment_events')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tracking', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipment_events_pk', ['connection_id', 'source_id'])
    .execute();
  await db.schema
    .createIndex('shipment_events_state')
    .on('shipment_events')
    .columns(['connection_id', 'state'])
    .execute();
  await db.schema
    .createIndex('shipment_events_order')
    .on('shipment_events')
    .columns(['connection_id', 'order_key'])
    .execute();

  await db.schema
    .createTable('write_intents')
    .addColumn('id', id, autoId)
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('sage_uniquifier', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // At most one open write per Sage order: the second writer fails here instead of shipping goods twice.
  await db.schema
    .createIndex('write_intents_one_open')
    .on('write_intents')
    .columns(['connection_id', 'sage_uniquifier'])
    .unique()
    .where(sql<boolean>`state = 'open'`)
    .execute();
  await db.schema
    .createIndex('write_intents_source')
    .on('write_intents')
    .columns(['connection_id', 'source_id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', id, autoId)
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('display', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('payload_hash', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_record')
    .on('audit_events')
    .columns(['connection_id', 'record_kind', 'record_key', 'id'])
    .execute();
  await db.schema.createIndex('audit_events_display').on('audit_events').columns(['display']).execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').columns(['connection_id', 'at']).execute();

  await db.schema
    .createTable('mappings')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sage_value', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mappings_pk', ['connection_id', 'kind', 'sage_value'])
    .execute();

  await db.schema
    .createTable('reference_items')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reference_items_pk', ['connection_id', 'system', 'kind', 'value'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('token', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('leases_pk', ['connection_id', 'flow'])
    .execute();

  await db.schema
    .createTable('flows')
    .addColumn('connection_id', 'integer', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_counts', 'text')
    .addColumn('next_run_at', 'text')
    .addColumn('rescan_from', 'text')
    .addPrimaryKeyConstraint('flows_pk', ['connection_id', 'flow'])
    .execute();

  await db.schema
    .createTable('kv')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
