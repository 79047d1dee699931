import { mkdirSync } from 'node:fs';
import nodePath from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { PathModule } from '../domain/path-module.js';
import { createPrivateFile } from './file-modes.js';
import type { Database } from './schema.js';

/**
 * Differences between the two databases, named once (design rule 4) instead of `if (postgres)` in queries.
 */
export interface DialectCapabilities {
  name: 'sqlite' | 'postgres';
  /** Column type of an auto-numbered primary key. */
  autoIncrementType: 'integer' | 'serial';
  /** Several processes can hold connections at once (PostgreSQL) vs one writer at a time (SQLite, WAL). */
  concurrentWriters: boolean;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  capabilities: DialectCapabilities;
  /** Where it lives, without credentials (for logs and `status`). */
  description: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** `DATABASE_URL` (postgres://…, sqlite:path or a bare path) or the default SQLite file under the data directory. */
/** The SQLite file `openDatabase` would use, or undefined for PostgreSQL (for `config check`). */
export function sqlitePath(
  options: { url?: string | undefined; dataDir: string },
  path: PathModule = nodePath,
): string | undefined {
  if (options.url && isPostgresUrl(options.url)) return undefined;
  const file = sqliteFileOf(options, path);
  return file === ':memory:' ? undefined : file;
}

/** The file of `sqlite:<file>` (or a bare path), else ml-connector.db in the data folder (`path.win32` in a test). */
function sqliteFileOf(options: { url?: string | undefined; dataDir: string }, path: PathModule): string {
  return options.url ? options.url.replace(/^(sqlite:|file:)/, '') : path.resolve(options.dataDir, 'ml-connector.db');
}

export function openDatabase(options: { url?: string | undefined; dataDir: string }): OpenedDatabase {
  const url = options.url;
  if (url && isPostgresUrl(url)) return openPostgres(url);
  return openSqlite(sqliteFileOf(options, nodePath));
}

function openSqlite(path: string): OpenedDatabase {
  if (path !== ':memory:') {
    mkdirSync(nodePath.dirname(nodePath.resolve(path)), { recursive: true });
    createPrivateFile(path);
  }
  const sqlite = new SQLite(path);
  // WAL lets `ml-connector sync` read and write while the service runs; busy_timeout makes the second
  // writer wait for the first instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    capabilities: { name: 'sqlite', autoIncrementType: 'integer', concurrentWriters: false },
    description: `SQLite ${path}`,
    close: () => db.destroy(),
  };
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a small statement
 * (measured: about 40% of an orders pass went to `prepare`). Queries of the same shape share SQL text, so a
 * bounded cache of prepared statements removes that cost. better-sqlite3 statements are reusable and, on
 * one connection, used one at a time.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (stmt) {
          cache.delete(sql);
          cache.set(sql, stmt);
          return stmt;
        }
        stmt = target.prepare(sql);
        cache.set(sql, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
        return stmt;
      };
    },
  });
}

function openPostgres(url: string): OpenedDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    db,
    capabilities: { name: 'postgres', autoIncrementType: 'serial', concurrentWriters: true },
    description: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => db.destroy(),
  };
}
