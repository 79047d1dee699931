import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRED = process.env.CI === 'true';

let reachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL answers. Under CI=true an unreachable server is a failure, not a skip. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      if (REQUIRED) {
        throw new Error(
          `PostgreSQL tests are required under CI=true but ${redactUrl(TEST_DATABASE_URL)} is unreachable: ${(error as Error).message}`,
        );
      }
      process.stderr.write(
        `\n[skip] PostgreSQL at ${redactUrl(TEST_DATABASE_URL)} is unreachable (${(error as Error).message}); PostgreSQL tests are skipped. Set TEST_DATABASE_URL or start PostgreSQL to run them.\n`,
      );
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** DATABASE_URL for the store. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind (a temp SQLite file, or a new PostgreSQL database). */
export async function createTestDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mlc-db-'));
    return { kind, url: `sqlite:${join(dir, 'test.db')}`, drop: async () => {} };
  }
  const name = `mlc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The database kinds to run a suite on: SQLite always, PostgreSQL when reachable (always under CI=true). */
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;
