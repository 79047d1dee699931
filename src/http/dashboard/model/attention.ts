import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import type { ShipmentEvent } from '../../../store/shipment-events-repo.js';

export type AttentionKind =
  | 'held'
  | 'conflict'
  | 'failed'
  | 'voided_label'
  | 'write_back_refused'
  | 'shipment_conflict'
  | 'stale_flow'
  | 'flow_failed';

export const ATTENTION_WORDS: Record<AttentionKind, string> = {
  held: 'Held back',
  conflict: 'Needs a decision',
  failed: 'Failed',
  voided_label: 'Label voided after write-back',
  write_back_refused: 'Write-back to Sage 300 waiting',
  shipment_conflict: 'Shipment needs a decision',
  stale_flow: 'Not running',
  flow_failed: 'Last run failed',
};

/** One thing a person should look at. `id` is stable across checks; `signature` changes with its state. */
export interface AttentionItem {
  id: string;
  connection: string;
  kind: AttentionKind;
  title: string;
  reason: string;
  since: string | null;
  /** Dashboard path to act on it. */
  href: string;
  signature: string;
}

const LIMIT = 200;

/**
 * What needs a person (domain.md: nothing silently dropped): held, conflicting and failed orders with
 * their reasons; voided labels, refused or queued write-backs and shipment conflicts; flows that have
 * not succeeded for longer than STALE_AFTER_MINUTES, or whose last run failed. Read from the store only,
 * so every process shows the same.
 */
export async function attentionFor(app: App, connection: Connection, serviceStarted: number): Promise<AttentionItem[]> {
  return [
    ...(await orderItems(app, connection)),
    ...(await shipmentItems(app, connection)),
    ...(await flowItems(app, connection, serviceStarted)),
  ];
}

export async function attentionAll(app: App, serviceStarted: number): Promise<AttentionItem[]> {
  const out: AttentionItem[] = [];
  for (const c of await app.store.connections.list()) out.push(...(await attentionFor(app, c, serviceStarted)));
  return out;
}

async function orderItems(app: App, c: Connection): Promise<AttentionItem[]> {
  const records = await app.store.records.search({
    connectionId: c.id,
    kind: 'order',
    states: ['held', 'conflict', 'failed'],
    limit: LIMIT,
  });
  return records.map((r) => {
    const kind = r.state as 'held' | 'conflict' | 'failed';
    return {
      id: `${c.id}:order:${r.key}`,
      connection: c.name,
      kind,
      title: `Order ${r.display}${r.customer ? ` (${r.customer})` : ''}`,
      reason: r.reason ?? '',
      since: r.updatedAt,
      href: `/orders/${encodeURIComponent(c.name)}/${encodeURIComponent(r.key)}`,
      signature: `${r.state}|${r.reason ?? ''}`,
    };
  });
}

async function shipmentItems(app: App, c: Connection): Promise<AttentionItem[]> {
  const events = await app.store.shipmentEvents.byState(c.id, ['void_flagged', 'queued', 'conflict'], LIMIT);
  const links = new Map<string, string>();
  for (const e of events) {
    if (!e.orderKey || links.has(e.orderKey)) continue;
    const link = await app.store.links.get(c.id, e.orderKey);
    if (link) links.set(e.orderKey, link.sageUniquifier);
  }
  return events.map((e) => shipmentItem(c, e, e.orderKey ? links.get(e.orderKey) : undefined));
}

function shipmentItem(c: Connection, e: ShipmentEvent, uniquifier: string | undefined): AttentionItem {
  const kind: AttentionKind =
    e.state === 'void_flagged' ? 'voided_label' : e.state === 'queued' ? 'write_back_refused' : 'shipment_conflict';
  const what = e.kind === 'fulfillment' ? 'Fulfillment' : 'Label';
  const defaults: Record<string, string> = {
    void_flagged: 'The label was voided after its shipment was written to Sage 300: check the Sage order.',
    queued: 'Sage 300 did not accept the shipment yet; it stays queued and nothing is lost.',
    conflict: 'The shipment could not be matched to the Sage order lines.',
  };
  return {
    id: `${c.id}:shipment:${e.sourceId}`,
    connection: c.name,
    kind,
    title: `${what}${e.tracking ? ` ${e.tracking}` : ''}${e.orderKey ? ` for ${e.orderKey}` : ''}`,
    reason: e.reason ?? defaults[e.state] ?? '',
    since: e.updatedAt,
    href: uniquifier
      ? `/orders/${encodeURIComponent(c.name)}/${encodeURIComponent(uniquifier)}`
      : `/orders?c=${encodeURIComponent(c.name)}`,
    signature: `${e.state}|${e.reason ?? ''}|${e.voided ? 'void' : ''}`,
  };
}

async function flowItems(app: App, c: Connection, serviceStarted: number): Promise<AttentionItem[]> {
  const staleMs = app.config.STALE_AFTER_MINUTES * 60_000;
  const now = app.clock.now();
  const out: AttentionItem[] = [];
  for (const f of await app.store.flows.list(c.id)) {
    if (f.paused) continue;
    const href = `/flows?c=${encodeURIComponent(c.name)}`;
    const last = f.lastSuccessAt ? Date.parse(f.lastSuccessAt) : null;
    if (now - (last ?? serviceStarted) > staleMs) {
      const minutes = Math.round((now - (last ?? serviceStarted)) / 60_000);
      out.push({
        id: `${c.id}:stale:${f.flow}`,
        connection: c.name,
        kind: 'stale_flow',
        title: `The ${f.flow} flow has not succeeded for ${minutes} minutes`,
        reason: last
          ? `Last success ${f.lastSuccessAt}; the limit is ${app.config.STALE_AFTER_MINUTES} minutes.${f.lastError ? ` Last error: ${f.lastError}` : ''}`
          : `It has not succeeded since the service started.${f.lastError ? ` Last error: ${f.lastError}` : ''}`,
        since: f.lastSuccessAt,
        href,
        signature: 'stale',
      });
    } else if (f.lastStatus === 'failed') {
      out.push({
        id: `${c.id}:failed:${f.flow}`,
        connection: c.name,
        kind: 'flow_failed',
        title: `The last ${f.flow} run failed`,
        reason: f.lastError ?? 'failed',
        since: f.lastFinishedAt,
        href,
        // Not the error text: it can differ every run (request ids), and one alert per failing flow is enough.
        signature: 'failed',
      });
    }
  }
  return out;
}
