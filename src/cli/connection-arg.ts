import type { App } from '../app.js';
import { applyEnvironmentConnection } from '../connections/connect.js';
import type { Connection } from '../domain/connection.js';
import { ConnectorError } from '../domain/errors.js';

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
  if (all.length === 0) {
    throw new ConnectorError(
      'no_connection',
      'No connection is configured. Add one with "ml-connector connect sage300 ..." and "ml-connector connect shipstation ...", or set SAGE300_URL and SHIPSTATION_API_KEY (see the README).',
    );
  }
  throw new ConnectorError(
    'ambiguous_connection',
    `Several connections exist (${all.map((x) => x.name).join(', ')}): choose one with --connection NAME.`,
  );
}

/** Every connection (the environment's saved first), or the one named. */
export async function resolveConnections(app: App, name?: string): Promise<Connection[]> {
  if (name) return [await resolveConnection(app, name)];
  await applyEnvironmentConnection(app.store, app.config);
  return app.store.connections.list();
}
