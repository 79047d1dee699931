import type { Config } from '../config/schema.js';
import type { Connection } from '../domain/connection.js';
import { ConnectorError } from '../domain/errors.js';
import type { FlowRunResult } from '../engine/flow-runner.js';
import type { ScheduledJob } from '../engine/scheduler.js';
import { type ExportResult, exportQueued, requeueExported } from '../engine/shipments/export.js';
import { runShipmentsPass, startRun } from '../engine/shipments/shipments-pass.js';
import type { ShipmentsRun } from '../engine/shipments/shipments-run.js';
import { webhookRoutes as webhookRouteGroup, webhookUrl } from '../http/routes/webhooks.js';
import type { RouteGroup } from '../http/server.js';
import { Sage300OrderWriter } from '../integrations/sage300/sage300-order-writer.js';
import { ShipStationShipmentSource } from '../integrations/shipstation/shipment-source.js';
import { WebhookSignatureVerifier } from '../integrations/shipstation/webhook-signature.js';
import type { ConnectionRuntime } from './connection-runtime.js';
import type { Connector, RunOptions } from './connector.js';
import type { JobFactory, Service } from './service.js';

/** Polls: every 5 minutes on V1 (webhooks are primary), every 60 s on V2 (domain.md, "Every flow"). */
const DEFAULT_POLL_SECONDS = { v1: 300, v2: 60 } as const;

export interface ShipmentsRunOptions extends RunOptions {
  /** Poll although the last poll is recent (default true: `sync shipments` is a person asking now). */
  forcePoll?: boolean;
}

/** The poll interval of a connection: its own setting, then SHIPMENTS_POLL_SECONDS, then the API's default. */
export function shipmentsPollMs(config: Config, connection: Connection, api: 'v1' | 'v2'): number {
  const seconds =
    connection.settings.shipmentsPollSeconds ?? config.SHIPMENTS_POLL_SECONDS ?? DEFAULT_POLL_SECONDS[api];
  return seconds * 1000;
}

export function shipmentPorts(rt: ConnectionRuntime) {
  return {
    source: new ShipStationShipmentSource(rt.v1, rt.v2),
    sage: new Sage300OrderWriter(rt.sageClient, rt.sage),
  };
}

/**
 * Passes of one connection in this process, one after the other. The lease keeps other processes out, but
 * it is held per process: without this, a "run now" in the service while its scheduled pass runs would be a
 * second writer on the same Sage orders, and one could take the other's open write intent for a crashed one.
 */
const inProcess = new Map<number, Promise<unknown>>();

/** One pass of the shipments flow under its lease (scheduler, `sync shipments`, the dashboard's "run now"). */
export function runShipments(
  connector: Connector,
  connection: Connection,
  options: ShipmentsRunOptions = {},
): Promise<FlowRunResult> {
  return serialized(connection.id, () => runShipmentsNow(connector, connection, options));
}

function serialized<T>(connectionId: number, work: () => Promise<T>): Promise<T> {
  const previous = inProcess.get(connectionId) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(work);
  inProcess.set(connectionId, next);
  next
    .finally(() => {
      if (inProcess.get(connectionId) === next) inProcess.delete(connectionId);
    })
    .catch(() => {});
  return next;
}

async function runShipmentsNow(
  connector: Connector,
  connection: Connection,
  options: ShipmentsRunOptions,
): Promise<FlowRunResult> {
  const app = connector.app;
  return connector.runUnderLease(connection, 'shipments', options, async (ctx, rt) => {
    const ports = shipmentPorts(rt);
    return runShipmentsPass(ctx, ports, {
      pollIntervalMs: shipmentsPollMs(app.config, connection, ports.source.api),
      forcePoll: options.forcePoll ?? true,
    });
  });
}

/** Work on the shipments queue under the flow's lease (so it never races a pass that writes the same events). */
function underLease<T>(
  connector: Connector,
  connection: Connection,
  work: (run: ShipmentsRun) => Promise<T>,
): Promise<{ result: FlowRunResult; value: T | undefined }> {
  return serialized(connection.id, () => underLeaseNow(connector, connection, work));
}

async function underLeaseNow<T>(
  connector: Connector,
  connection: Connection,
  work: (run: ShipmentsRun) => Promise<T>,
): Promise<{ result: FlowRunResult; value: T | undefined }> {
  let value: T | undefined;
  const _app = connector.app;
  const result = await connector.runUnderLease(connection, 'shipments', { ignorePause: true }, async (ctx, rt) => {
    const run = await startRun(ctx, shipmentPorts(rt));
    value = await work(run);
    return { counts: run.counts, planned: [] };
  });
  return { result, value };
}

/**
 * `ml-connector shipments export`: shipments queued because Sage refuses order updates, handed to `save` as a
 * file for O/E Shipment Entry's import, then marked exported (never written again unless requeued).
 */
export function exportShipments(
  connector: Connector,
  connection: Connection,
  save: (result: ExportResult) => Promise<string>,
) {
  return underLease(connector, connection, (run) => exportQueued(run, save));
}

/** `ml-connector shipments requeue`: an exported file was not imported; back to the queue. */
export function requeueShipments(connector: Connector, connection: Connection, sourceIds: readonly string[] | 'all') {
  return underLease(connector, connection, (run) => requeueExported(run, sourceIds));
}

/**
 * The service's shipments job per connection. It runs at the V2 cadence (or the configured one) and polls
 * only when the connection's own interval has passed; in between it drains the webhook inbox and the queue.
 * A webhook arrival triggers it at once (`scheduler.triggerFlow`), so a label reaches Sage in seconds.
 */
export const shipmentsJobs: JobFactory = (service, connection): ScheduledJob[] => {
  const c = service.app.config;
  const seconds = connection.settings.shipmentsPollSeconds ?? c.SHIPMENTS_POLL_SECONDS ?? DEFAULT_POLL_SECONDS.v2;
  return [
    {
      key: `${connection.id}:shipments`,
      connectionId: connection.id,
      connectionName: connection.name,
      flow: 'shipments',
      everyMs: seconds * 1000,
      ...(connection.settings.cron?.['shipments'] ? { cron: connection.settings.cron['shipments'] } : {}),
      runAtStart: true,
      run: (signal) => runShipments(service.connector, service.current(connection), { signal, forcePoll: false }),
      onResult: (result, nextAt) => service.recordRun(connection, 'shipments', result, nextAt),
    },
  ];
};

/** The webhook intake on the service's public listener. */
export function webhookRoutes(service: Service): RouteGroup[] {
  const app = service.app;
  return [
    webhookRouteGroup({
      store: app.store,
      verifier: new WebhookSignatureVerifier({ jwksUrl: app.config.SHIPSTATION_JWKS_URL, clock: app.clock }),
      logger: app.logger.child({ component: 'webhooks' }),
      onStored: (connection) => service.scheduler.triggerFlow(connection.id, 'shipments'),
    }),
  ];
}

export interface SubscriptionReport {
  mode: 'webhooks' | 'polling';
  /** One line per event, in plain words (also logged). */
  lines: string[];
}

const V2_EVENTS = ['label_created_v2', 'fulfillment_shipped_v2'] as const;

/**
 * Called by `start`: subscribes the events the shipments flow needs, idempotently (what already points at
 * our URL is kept; nothing is duplicated across restarts): V1 `SHIP_NOTIFY` when V1 credentials exist; V2
 * `label_created_v2` and `fulfillment_shipped_v2` when a V2 key exists. V2 allows one URL per event per
 * account: when another app holds an event (409, or listed with another URL) this says so and the flow relies
 * on polling — another app's subscription is never deleted. Without PUBLIC_URL, polling alone is used.
 */
export async function ensureWebhookSubscriptions(
  service: Service,
  connection: Connection,
  options: { publicUrl?: string } = {},
): Promise<SubscriptionReport> {
  const app = service.app;
  const log = app.logger.child({ connection: connection.name, flow: 'shipments' });
  const publicUrl = options.publicUrl ?? app.config.PUBLIC_URL;
  if (!publicUrl) {
    const line = `PUBLIC_URL is not set, so ShipStation cannot reach this service: shipments are found by polling alone (every ${Math.round(shipmentsPollMs(app.config, connection, 'v1') / 1000)} s on V1, ${Math.round(shipmentsPollMs(app.config, connection, 'v2') / 1000)} s on V2).`;
    log.info(line);
    return { mode: 'polling', lines: [line] };
  }
  const rt = await service.connector.runtime(connection);
  const lines: string[] = [];
  let webhooks = false;
  if (rt.v1) {
    const url = webhookUrl(publicUrl, 'v1', connection.name, rt.webhookToken);
    const existing = await rt.v1.listWebhooks();
    if (existing.some((w) => w.HookType === 'SHIP_NOTIFY' && w.Url === url)) {
      lines.push('V1 SHIP_NOTIFY: already subscribed to this service.');
    } else {
      await rt.v1.subscribeWebhook({
        targetUrl: url,
        event: 'SHIP_NOTIFY',
        friendlyName: `ml-connector ${connection.name}`,
      });
      lines.push('V1 SHIP_NOTIFY: subscribed.');
    }
    webhooks = true;
  }
  if (rt.v2) {
    const url = webhookUrl(publicUrl, 'v2', connection.name, rt.webhookToken);
    const existing = await rt.v2.listWebhooks();
    for (const event of V2_EVENTS) {
      const held = existing.filter((w) => w.event === event);
      if (held.some((w) => w.url === url)) {
        lines.push(`V2 ${event}: already subscribed to this service.`);
        webhooks = true;
        continue;
      }
      if (held.length > 0) {
        lines.push(takenLine(event));
        continue;
      }
      try {
        await rt.v2.createWebhook({ event, url, name: `ml-connector ${connection.name}` });
        lines.push(`V2 ${event}: subscribed.`);
        webhooks = true;
      } catch (error) {
        if (!(error instanceof ConnectorError) || error.code !== 'webhook_event_taken') throw error;
        lines.push(takenLine(event));
      }
    }
  }
  for (const line of lines) log.info(line);
  return { mode: webhooks ? 'webhooks' : 'polling', lines };
}

function takenLine(event: string): string {
  return `V2 ${event}: another app already holds this event for the account (ShipStation allows one URL per event); left as it is — these shipments are found by polling.`;
}
