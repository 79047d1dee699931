import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../database.js';

/**
 * The shared ShipStation request budget (issue 15 point 1): `rate_accounts` is the row every grant of an
 * account locks first (so grants of several workers are serialised and never over-count), `rate_slots` one
 * row per granted request until it expires. Accounts are named by a hash of the API key, never the key.
 */
export async function up(db: Kysely<unknown>, _caps: DialectCapabilities): Promise<void> {
  await db.schema
    .createTable('rate_accounts')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .addColumn('touched_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_accounts_pk', ['account', 'api'])
    .execute();
  await db.schema
    .createTable('rate_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('api', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    // Null while the request is in flight.
    .addColumn('settled_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_slots_account')
    .on('rate_slots')
    .columns(['account', 'api', 'expires_at'])
    .execute();
}
