import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import nodePath from 'node:path';
import type { PathModule } from '../domain/path-module.js';
import {
  DEMO_SAGE_PASSWORD,
  DEMO_SAGE_USER,
  DEMO_V1_KEY,
  DEMO_V1_SECRET,
  DEMO_V2_KEY,
} from '../simulators/demo-world.js';
import { type Sage300Simulator, startSage300Simulator } from '../simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../simulators/shipstation/shipstation-simulator.js';

/** The demo's quick cadences, so something happens while a person watches. */
const DEMO_CADENCES: Record<string, string> = {
  ORDERS_POLL_SECONDS: '5',
  ORDERS_EDITS_POLL_SECONDS: '30',
  SHIPMENTS_POLL_SECONDS: '20',
  INVENTORY_POLL_SECONDS: '60',
};

/** Cadence settings (`*_POLL_SECONDS`, `*_CRON`) the environment sets itself: they win over the demo's own. */
export function ownCadences(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => e[1] !== undefined && /^[A-Z_]+_(POLL_SECONDS|CRON)$/.test(e[0]),
    ),
  );
}

/** Which ShipStation keys the demo's connection holds: both (default) or the V2 key alone (`DEMO_API=v2`). */
export type DemoApi = 'both' | 'v2';

export function demoApiOf(env: NodeJS.ProcessEnv): DemoApi {
  const raw = (env['DEMO_API'] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'both') return 'both';
  if (raw === 'v2') return 'v2';
  throw new Error(
    `DEMO_API must be v2 (a V2-only demo) or unset (it is "${env['DEMO_API']}"); for example DEMO_API=v2`,
  );
}

export interface DemoSystems {
  sage: Sage300Simulator;
  ss: ShipStationSimulator;
  /** Environment for the connector: the demo connection and quick cadences. */
  env: Record<string, string>;
  dataDir: string;
  stop(): Promise<void>;
}

/** The demo's folder under the data folder and the simulators' state files in it (`path.win32` in a test). */
export function demoFiles(
  baseDataDir: string,
  api: DemoApi,
  path: PathModule = nodePath,
): { dataDir: string; sageState: string; shipstationState: string } {
  // A V2-only demo keeps its own state: its connection has no V1 key, unlike the default demo's.
  const dataDir = path.resolve(baseDataDir, api === 'v2' ? 'demo-v2' : 'demo');
  return {
    dataDir,
    sageState: path.join(dataDir, 'sage300-sim.json'),
    shipstationState: path.join(dataDir, 'shipstation-sim.json'),
  };
}

/**
 * The demo (what `npm start` shows with nothing configured): both simulators on loopback, seeded with
 * the distributor of domain.md, keeping their state next to the demo's own database under
 * `<data>/demo/` so a restart carries on where it stopped. Real rate limits (40/min V1): the demo is
 * honest about what the connector does within them.
 */
export async function startDemoSystems(
  baseDataDir: string,
  requestedPort: number,
  api: DemoApi = demoApiOf(process.env),
): Promise<DemoSystems> {
  const { dataDir, sageState, shipstationState } = demoFiles(baseDataDir, api);
  // The simulated ShipStation delivers webhooks to this service, so the port must be known before it listens.
  const port = requestedPort === 0 ? await freePort() : requestedPort;
  mkdirSync(dataDir, { recursive: true });
  const sage = await startSage300Simulator({ seed: 'demo', stateFile: sageState });
  const ss = await startShipStationSimulator({
    seed: 'demo',
    stateFile: shipstationState,
    webhookDelayMs: 500,
  });
  const env: Record<string, string> = {
    ML_CONNECTOR_DATA_DIR: dataDir,
    SAGE300_URL: sage.baseUrl,
    SAGE300_USER: DEMO_SAGE_USER,
    SAGE300_PASSWORD: DEMO_SAGE_PASSWORD,
    SAGE300_TIMEZONE: 'America/Los_Angeles',
    SHIPSTATION_V1_URL: ss.origin,
    ...(api === 'v2'
      ? { SHIPSTATION_ORDERS_API: 'v2' }
      : { SHIPSTATION_API_KEY: DEMO_V1_KEY, SHIPSTATION_API_SECRET: DEMO_V1_SECRET }),
    SHIPSTATION_V2_URL: ss.v2Url,
    SHIPSTATION_V2_API_KEY: DEMO_V2_KEY,
    SHIPSTATION_JWKS_URL: ss.jwksUrl,
    MAPPINGS_AUTO: 'accept',
    ...DEMO_CADENCES,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
  };
  return {
    sage,
    ss,
    env,
    dataDir,
    async stop() {
      await Promise.all([sage.stop(), ss.stop()]);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
