import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, openApp } from '../app.js';
import { applyEnvironmentConnection } from '../connections/connect.js';
import type { Clock } from '../domain/clock.js';
import type { Connection } from '../domain/connection.js';
import { silentLogger } from '../observability/logger.js';
import { Connector } from '../runtime/connector.js';
import {
  DEMO_SAGE_PASSWORD,
  DEMO_SAGE_USER,
  DEMO_V1_KEY,
  DEMO_V1_SECRET,
  DEMO_V2_KEY,
} from '../simulators/demo-world.js';
import {
  type Sage300Simulator,
  type Sage300SimulatorOptions,
  startSage300Simulator,
} from '../simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  type ShipStationSimulatorOptions,
  startShipStationSimulator,
} from '../simulators/shipstation/shipstation-simulator.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface WorldOptions {
  db?: 'sqlite' | 'postgres';
  /** Which API carries orders (both credentials are configured unless `v2Only`). */
  api?: 'v1' | 'v2';
  v2Only?: boolean;
  sage?: Sage300SimulatorOptions;
  shipstation?: ShipStationSimulatorOptions;
  env?: Record<string, string>;
  /** Rate window of the ShipStation simulator and the connector's V2 budget (short, same arithmetic). */
  rateWindowMs?: number;
  /** One clock for both simulators and the connector (a ManualClock walks them through a DST change). */
  clock?: Clock;
}

export interface World {
  sage: Sage300Simulator;
  ss: ShipStationSimulator;
  database: TestDatabase;
  env: Record<string, string>;
  app: App;
  connector: Connector;
  connection: Connection;
  /** Re-reads the connection (after settings changes). */
  refresh(): Promise<Connection>;
  stop(): Promise<void>;
}

/**
 * The settings that point a connector at both simulators with their demo credentials (and the demo's
 * automatic mapping): the environment connection of every test world, and of tests that start a service
 * of their own beside the simulators.
 */
export function simulatorEnv(
  sage: Sage300Simulator,
  ss: ShipStationSimulator,
  options: { rateWindowMs?: number; v2Only?: boolean } = {},
): Record<string, string> {
  return {
    SAGE300_URL: sage.baseUrl,
    SAGE300_USER: DEMO_SAGE_USER,
    SAGE300_PASSWORD: DEMO_SAGE_PASSWORD,
    SAGE300_TIMEZONE: 'America/Los_Angeles',
    SHIPSTATION_V1_URL: ss.origin,
    SHIPSTATION_V2_URL: ss.v2Url,
    SHIPSTATION_V2_API_KEY: DEMO_V2_KEY,
    SHIPSTATION_JWKS_URL: ss.jwksUrl,
    SHIPSTATION_RATE_WINDOW_MS: String(options.rateWindowMs ?? 1000),
    MAPPINGS_AUTO: 'accept',
    ...(options.v2Only ? {} : { SHIPSTATION_API_KEY: DEMO_V1_KEY, SHIPSTATION_API_SECRET: DEMO_V1_SECRET }),
  };
}

/**
 * Both simulators (demo seed) and a connector app on a fresh database, configured through the
 * environment contract exactly as a user would: one connection named `default`.
 */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const window = options.rateWindowMs ?? 1000;
  const clock = options.clock ? { clock: options.clock } : {};
  const sage = await startSage300Simulator({ seed: 'demo', ...clock, ...options.sage });
  const ss = await startShipStationSimulator({ seed: 'demo', rateWindowMs: window, ...clock, ...options.shipstation });
  const database = await createTestDatabase(options.db ?? 'sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'mlc-world-'));
  const env: Record<string, string> = {
    ML_CONNECTOR_DATA_DIR: dir,
    DATABASE_URL: database.url,
    ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...simulatorEnv(sage, ss, { rateWindowMs: window, v2Only: options.v2Only ?? false }),
    ...(options.api ? { SHIPSTATION_ORDERS_API: options.api } : {}),
    ...options.env,
  };
  const app = await openApp({ env, logger: silentLogger(), notice: () => {}, ...clock });
  const connection = await applyEnvironmentConnection(app.store, app.config);
  if (!connection) throw new Error('the environment did not define a connection');
  const connector = new Connector(app);
  return {
    sage,
    ss,
    database,
    env,
    app,
    connector,
    connection,
    refresh: async () => (await app.store.connections.getByName('default'))!,
    async stop() {
      await app.close();
      await Promise.all([sage.stop(), ss.stop()]);
      await database.drop();
    },
  };
}
