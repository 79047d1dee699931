import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectCapabilities } from './database.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-credential-origin.js';
import * as m003 from './migrations/003-flow-runs.js';
import * as m004 from './migrations/004-rate-budget.js';
import * as m005 from './migrations/005-workers.js';
import type { Database } from './schema.js';

type MigrationModule = { up(db: Kysely<unknown>, caps: DialectCapabilities): Promise<void> };

/** Migrations as code, in order. Add new ones at the end; never edit one that has shipped. */
const MIGRATIONS: ReadonlyArray<[string, MigrationModule]> = [
  ['001-initial', m001],
  ['002-credential-origin', m002],
  ['003-flow-runs', m003],
  ['004-rate-budget', m004],
  ['005-workers', m005],
];

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly caps: DialectCapabilities) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, module] of MIGRATIONS) {
      out[name] = { up: (db) => module.up(db, this.caps) };
    }
    return out;
  }
}

/**
 * Brings the schema up to date; run at every start (cheap when nothing is pending). Kysely's migrator
 * takes a lock, so two processes starting together on PostgreSQL do not both migrate.
 */
export async function migrateToLatest(db: Kysely<Database>, caps: DialectCapabilities): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new CodeMigrationProvider(caps) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
