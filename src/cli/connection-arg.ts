import nodePath from 'node:path';
import type { App } from '../app.js';
import { applyEnvironmentConnection } from '../connections/connect.js';
import type { Connection } from '../domain/connection.js';
import { ConnectorError } from '../domain/errors.js';
import type { PathModule } from '../domain/path-module.js';

/**
 * The connection a command acts on: `--connection NAME`, else the only one, else `default` (the one the
 * environment defines). The environment's connection is saved first, so a fresh install configured only
 * through variables works with every command.
 */
export async function resolveConnection(app: App, name?: string): Promise<Connection> {
  await applyEnvironmentConnection(app.store, app.config);
  const all = await app.store.connections.list();
  if (name) {
    const c = all.find((x) => x.name === name);
    if (!c) {
      throw new ConnectorError(
        'unknown_connection',
        `There is no connection named "${name}". ${all.length ? `Connections: ${all.map((x) => x.name).join(', ')}.` : 'Add one with "ml-connector connect".'}`,
      );
    }
    return c;
  }
  if (all.length === 1) return all[0]!;
  const dflt = all.find((x) => x.name === 'default');
  if (dflt) return dflt;
  if (all.length === 0) throw noConnection(app);
  throw new ConnectorError(
    'ambiguous_connection',
    `Several connections exist (${all.map((x) => x.name).join(', ')}): choose one with --connection NAME.`,
  );
}

/** Every connection (the environment's saved first), or the one named. */
export async function resolveConnections(app: App, name?: string): Promise<Connection[]> {
  if (name) return [await resolveConnection(app, name)];
  await applyEnvironmentConnection(app.store, app.config);
  const all = await app.store.connections.list();
  // "Nothing to show" must not look like "all is well": the usual cause is another data folder.
  if (all.length === 0) throw noConnection(app);
  return all;
}

/**
 * What a person sees when the data folder has no connection: where it looked, how to add one, and the
 * demo's own folder (the README's "status in another terminal" is the common way to get here).
 */
export function noConnection(app: App): ConnectorError {
  const where = `in ${dataLocation(app)}`;
  const demo = demoFolderOf(app.config.ML_CONNECTOR_DATA_DIR);
  return new ConnectorError(
    'no_connection',
    `No connection is configured ${where}. Run \`ml-connector connect sage300 …\` and \`ml-connector connect shipstation …\` (or set SAGE300_URL and the ShipStation keys, see the README); while the demo runs, its data is in ${demo}: \`ML_CONNECTOR_DATA_DIR=${demo} ml-connector status\``,
  );
}

/**
 * The demo's folder under `dataDir` as the person wrote it: relative stays relative, and join()'s dropped
 * leading "./" (".\\" on Windows) is put back so the line reads like the README's.
 */
export function demoFolderOf(dataDir: string, path: PathModule = nodePath): string {
  const joined = path.join(dataDir, 'demo');
  const dotted = dataDir.startsWith(`.${path.sep}`) || dataDir.startsWith('./');
  return dotted && !joined.startsWith('.') ? `.${path.sep}${joined}` : joined;
}

/**
 * Where this command reads from, in words: the data folder, the SQLite file, or the PostgreSQL database
 * and host (never the URL itself: it may hold a password).
 */
export function dataLocation(app: App): string {
  const url = app.config.DATABASE_URL;
  if (!url) return `${app.config.ML_CONNECTOR_DATA_DIR} (ML_CONNECTOR_DATA_DIR)`;
  if (!url.startsWith('postgres')) return `the SQLite file ${url.replace(/^(sqlite|file):/, '')} (DATABASE_URL)`;
  try {
    const u = new URL(url);
    return `the PostgreSQL database ${u.pathname.replace(/^\//, '') || '(default)'} on ${u.host} (DATABASE_URL)`;
  } catch {
    return 'the database of DATABASE_URL';
  }
}
