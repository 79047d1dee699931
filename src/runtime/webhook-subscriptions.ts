import type { Connection } from '../domain/connection.js';
import { ConnectorError } from '../domain/errors.js';
import { webhookUrl } from '../domain/webhook-url.js';
import type { V1Client } from '../integrations/shipstation/v1-client.js';
import type { V2Client } from '../integrations/shipstation/v2-client.js';
import type { Connector } from './connector.js';
import { shipmentsPollMs } from './flows/shipments-flow.js';

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
  connector: Connector,
  connection: Connection,
  options: { publicUrl?: string } = {},
): Promise<SubscriptionReport> {
  const app = connector.app;
  const log = app.logger.child({ connection: connection.name, flow: 'shipments' });
  const publicUrl = options.publicUrl ?? app.config.PUBLIC_URL;
  if (!publicUrl) {
    const line = `PUBLIC_URL is not set, so ShipStation cannot reach this service: shipments are found by polling alone (every ${Math.round(shipmentsPollMs(app.config, connection, 'v1') / 1000)} s on V1, ${Math.round(shipmentsPollMs(app.config, connection, 'v2') / 1000)} s on V2).`;
    log.info(line);
    return { mode: 'polling', lines: [line] };
  }
  const rt = await connector.runtime(connection);
  const lines: string[] = [];
  let webhooks = false;
  if (rt.v1) {
    lines.push(await subscribeV1(rt.v1, webhookUrl(publicUrl, 'v1', connection.name, rt.webhookToken), connection));
    webhooks = true;
  }
  if (rt.v2) {
    const url = webhookUrl(publicUrl, 'v2', connection.name, rt.webhookToken);
    for (const [line, subscribed] of await subscribeV2(rt.v2, url, connection)) {
      lines.push(line);
      webhooks ||= subscribed;
    }
  }
  for (const line of lines) log.info(line);
  return { mode: webhooks ? 'webhooks' : 'polling', lines };
}

async function subscribeV1(v1: V1Client, url: string, connection: Connection): Promise<string> {
  const existing = await v1.listWebhooks();
  if (existing.some((w) => w.HookType === 'SHIP_NOTIFY' && w.Url === url))
    return 'V1 SHIP_NOTIFY: already subscribed to this service.';
  await v1.subscribeWebhook({ targetUrl: url, event: 'SHIP_NOTIFY', friendlyName: `ml-connector ${connection.name}` });
  return 'V1 SHIP_NOTIFY: subscribed.';
}

/** Per V2 event: what was found or done, and whether the event now reaches this service. */
async function subscribeV2(v2: V2Client, url: string, connection: Connection): Promise<[string, boolean][]> {
  const existing = await v2.listWebhooks();
  const out: [string, boolean][] = [];
  for (const event of V2_EVENTS) {
    const held = existing.filter((w) => w.event === event);
    if (held.some((w) => w.url === url)) {
      out.push([`V2 ${event}: already subscribed to this service.`, true]);
      continue;
    }
    if (held.length > 0) {
      out.push([takenLine(event), false]);
      continue;
    }
    try {
      await v2.createWebhook({ event, url, name: `ml-connector ${connection.name}` });
      out.push([`V2 ${event}: subscribed.`, true]);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.code !== 'webhook_event_taken') throw error;
      out.push([takenLine(event), false]);
    }
  }
  return out;
}

function takenLine(event: string): string {
  return `V2 ${event}: another app already holds this event for the account (ShipStation allows one URL per event); left as it is — these shipments are found by polling.`;
}
