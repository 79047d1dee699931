import type { Connection } from '../domain/connection.js';
import type { PingCheck } from '../domain/ping.js';
import { pingSage300 } from '../integrations/sage300/ping.js';
import { pingShipStation } from '../integrations/shipstation/ping.js';
import { scrubDeep } from '../observability/scrub.js';
import type { Store } from '../store/store.js';

export interface ConnectionPing {
  sage300: PingCheck[];
  shipstation: PingCheck[];
}

/**
 * The same checks for `ml-connector ping` and the dashboard's Ping button: every check of both systems,
 * each with its verdict and, when it fails, what to do. Credentials are read from the store only here.
 */
export async function pingConnection(
  store: Store,
  connection: Connection,
  /** How long each check waits for an answer (PING_TIMEOUT_SECONDS); 20 s when not given. */
  options: { timeoutMs?: number; onCheck?: (system: keyof ConnectionPing, check: PingCheck) => void } = {},
): Promise<ConnectionPing> {
  const told = (system: keyof ConnectionPing) =>
    options.onCheck ? (c: PingCheck) => options.onCheck?.(system, scrubDeep(c)) : undefined;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const creds = await store.connections.credentials(connection.id);
  const sage300: PingCheck[] =
    connection.sage300 && creds['sage300.user']
      ? await pingSage300(
          {
            baseUrl: connection.sage300.url,
            user: creds['sage300.user'],
            password: creds['sage300.password'] ?? '',
            keepCase: connection.sage300.keepCase,
            timeoutMs,
            // A ping is a question, not a pass: a cold IIS pool that needs longer is reported, not waited for.
            coldStartTimeoutMs: options.timeoutMs ?? 60_000,
            retry: { maxAttempts: 1 },
          },
          told('sage300'),
          { connectionName: connection.name },
        )
      : [
          {
            id: 'sage300.configured',
            label: 'Sage 300 connection',
            status: 'fail',
            detail: 'No Sage 300 URL and credentials are stored for this connection.',
            fix: `Add them: ml-connector connect sage300 --name ${connection.name} --url <Web API URL> --user <user> --password-stdin`,
          },
        ];
  const ss = connection.shipstation;
  const shipstation: PingCheck[] =
    ss && (creds['shipstation.v1.key'] || creds['shipstation.v2.key'])
      ? await pingShipStation(
          {
            ...(creds['shipstation.v1.key'] && creds['shipstation.v1.secret']
              ? {
                  v1: {
                    baseUrl: ss.v1Url,
                    apiKey: creds['shipstation.v1.key'],
                    apiSecret: creds['shipstation.v1.secret'],
                  },
                }
              : {}),
            ...(creds['shipstation.v2.key'] ? { v2: { baseUrl: ss.v2Url, apiKey: creds['shipstation.v2.key'] } } : {}),
            bases: { v1: ss.v1Url, v2: ss.v2Url },
            timeoutMs,
          },
          told('shipstation'),
        )
      : [
          {
            id: 'shipstation.configured',
            label: 'ShipStation connection',
            status: 'fail',
            detail: 'No ShipStation API keys are stored for this connection.',
            fix: `Add them: ml-connector connect shipstation --name ${connection.name} --api-key <key> --api-secret-stdin (V1) and/or --v2-api-key <key> (V2)`,
          },
        ];
  // Servers may echo credentials in the texts the checks quote: every detail is scrubbed here, once.
  return scrubDeep({ sage300, shipstation });
}
