import type { App } from '../app.js';
import type { Connection } from '../domain/connection.js';
import { ConnectorError } from '../domain/errors.js';
import type { OrderSource, ShippingPlatform } from '../engine/ports.js';
import { Sage300Client } from '../integrations/sage300/client.js';
import { Sage300OrderSource } from '../integrations/sage300/sage300-order-source.js';
import { V1Client } from '../integrations/shipstation/v1-client.js';
import { V1ShippingPlatform } from '../integrations/shipstation/v1-platform.js';
import { V2Client } from '../integrations/shipstation/v2-client.js';
import { V2ShippingPlatform } from '../integrations/shipstation/v2-platform.js';
import type { BudgetRegistry } from './budgets.js';
import { orderFieldsRead } from './field-mapping-runner.js';

/** Everything needed to run a connection's flows: the clients and the engine's ports over them. */
export interface ConnectionRuntime {
  connection: Connection;
  sageClient: Sage300Client;
  sage: Sage300OrderSource & OrderSource;
  v1: V1Client | null;
  v2: V2Client | null;
  /** The API orders go through (V1 when V1 credentials exist, unless the connection says otherwise). */
  shipping: ShippingPlatform;
  webhookToken: string;
}

/**
 * Opens a connection's credentials and builds its clients. Throws a ConnectorError saying what is missing
 * (a half not connected yet, an unreadable credential) so `status` and the dashboard can show it.
 */
export async function buildConnectionRuntime(
  app: App,
  connection: Connection,
  budgets: BudgetRegistry,
  signal?: AbortSignal,
): Promise<ConnectionRuntime> {
  const creds = await app.store.connections.credentials(connection.id);
  if (!connection.sage300 || !creds['sage300.user'] || creds['sage300.password'] === undefined) {
    throw new ConnectorError(
      'sage300_not_connected',
      `Connection "${connection.name}" has no Sage 300 credentials yet: run "ml-connector connect sage300 --name ${connection.name} ..." or add them in the dashboard.`,
    );
  }
  if (!connection.shipstation || (!creds['shipstation.v1.key'] && !creds['shipstation.v2.key'])) {
    throw new ConnectorError(
      'shipstation_not_connected',
      `Connection "${connection.name}" has no ShipStation credentials yet: run "ml-connector connect shipstation --name ${connection.name} ..." or add them in the dashboard.`,
    );
  }
  const logger = app.logger.child({ connection: connection.name });
  const sageClient = new Sage300Client({
    baseUrl: connection.sage300.url,
    user: creds['sage300.user'],
    password: creds['sage300.password'],
    keepCase: connection.sage300.keepCase,
    concurrency: app.config.SAGE300_CONCURRENCY,
    timeoutMs: app.config.SAGE300_TIMEOUT_SECONDS * 1000,
    ...(signal ? { signal } : {}),
    clock: app.clock,
    logger,
  });
  const v1 =
    creds['shipstation.v1.key'] && creds['shipstation.v1.secret']
      ? new V1Client({
          baseUrl: connection.shipstation.v1Url,
          credentials: { apiKey: creds['shipstation.v1.key'], apiSecret: creds['shipstation.v1.secret'] },
          budget: budgets.v1(creds['shipstation.v1.key'], connection.name),
          clock: app.clock,
          logger,
          timeoutMs: app.config.SHIPSTATION_TIMEOUT_SECONDS * 1000,
          ...(signal ? { stopping: signal } : {}),
        })
      : null;
  const v2 = creds['shipstation.v2.key']
    ? new V2Client({
        baseUrl: connection.shipstation.v2Url,
        credentials: { apiKey: creds['shipstation.v2.key'] },
        budget: budgets.v2(creds['shipstation.v2.key'], connection.name),
        clock: app.clock,
        logger,
        timeoutMs: app.config.SHIPSTATION_TIMEOUT_SECONDS * 1000,
        ...(signal ? { stopping: signal } : {}),
      })
    : null;
  const ordersApi = connection.shipstation.ordersApi ?? (v1 ? 'v1' : 'v2');
  const shipping: ShippingPlatform =
    ordersApi === 'v1' && v1
      ? new V1ShippingPlatform(v1)
      : v2
        ? new V2ShippingPlatform(v2)
        : new V1ShippingPlatform(v1!);
  return {
    connection,
    sageClient,
    sage: new Sage300OrderSource(sageClient, { clock: app.clock, extraFields: orderFieldsRead(connection) }),
    v1,
    v2,
    shipping,
    webhookToken: creds['webhook.token'] ?? '',
  };
}
