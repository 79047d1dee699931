import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import { httpRequest } from '../../../integrations/http-request.js';
import type { JobFactory, JobHost, ServiceJob } from '../../../runtime/jobs.js';
import { ATTENTION_WORDS, type AttentionItem, attentionFor } from '../model/attention.js';

/** How often attention is checked for alerts. A state that comes and goes within one check sends nothing. */
export const ALERT_CHECK_MS = 60_000;

const sentKey = (connectionId: number) => `dashboard.alerts_sent.${connectionId}`;

export interface AlertPayload {
  source: 'ml-connector';
  connection: string;
  kind: AttentionItem['kind'];
  summary: string;
  title: string;
  reason: string;
  since: string | null;
  /** Dashboard link (absolute when PUBLIC_URL is set, else a path). */
  link: string;
}

/**
 * Posts each new attention item, and each change of an item's state, to ALERT_WEBHOOK_URL: one JSON POST
 * per item. What was sent is remembered in the store (so a restart does not repeat everything); an item
 * that goes away is forgotten, so if it comes back it is sent again. A failed POST is retried at the
 * next check. Returns how many were sent.
 */
export async function sendAttentionAlerts(
  app: App,
  connection: Connection,
  serviceStarted: number,
  signal?: AbortSignal,
): Promise<{ sent: number; failed: number }> {
  const url = app.config.ALERT_WEBHOOK_URL;
  if (!url) return { sent: 0, failed: 0 };
  const items = await attentionFor(app, connection, serviceStarted);
  const before = parseSent(await app.store.kv.get(sentKey(connection.id)));
  const after: Record<string, string> = {};
  let sent = 0;
  let failed = 0;
  for (const item of items) {
    if (before[item.id] === item.signature) {
      after[item.id] = item.signature;
      continue;
    }
    try {
      const response = await httpRequest({
        method: 'POST',
        url,
        body: payloadOf(app, item),
        timeoutMs: 10_000,
        system: 'connector',
        ...(signal ? { signal } : {}),
      });
      if (response.status < 200 || response.status >= 300) throw new Error(`answered ${response.status}`);
      after[item.id] = item.signature;
      sent++;
    } catch (error) {
      failed++;
      // Not remembered: it is sent again at the next check.
      if (before[item.id] !== undefined) after[item.id] = before[item.id] as string;
      app.logger.warn({ err: error, item: item.id }, 'alert webhook POST failed; will try again');
    }
  }
  await app.store.kv.set(sentKey(connection.id), JSON.stringify(after));
  return { sent, failed };
}

function payloadOf(app: App, item: AttentionItem): AlertPayload {
  const base = app.config.PUBLIC_URL?.replace(/\/+$/, '');
  return {
    source: 'ml-connector',
    connection: item.connection,
    kind: item.kind,
    summary: `[${item.connection}] ${ATTENTION_WORDS[item.kind]}: ${item.title}`,
    title: item.title,
    reason: item.reason,
    since: item.since,
    link: base ? `${base}${item.href}` : item.href,
  };
}

function parseSent(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * The scheduler job per connection (only when ALERT_WEBHOOK_URL is set), an extra job of the service
 * (`ServiceOptions.extraJobs`): not a flow's pass, so it takes no lease and records no flow state.
 */
export const attentionAlertJobs: JobFactory = (host: JobHost): ServiceJob[] => {
  if (!host.app.config.ALERT_WEBHOOK_URL) return [];
  const { app } = host;
  return [
    {
      name: 'alerts',
      tag: 'alerts',
      timing: { every: { seconds: ALERT_CHECK_MS / 1000 } },
      run: async (connection, signal) => {
        const started = app.clock.now();
        try {
          const r = await sendAttentionAlerts(app, connection, host.started, signal);
          return { status: 'ran', outcome: { counts: r, planned: [] }, ms: app.clock.now() - started };
        } catch (error) {
          return { status: 'failed', error: error as Error, ms: app.clock.now() - started };
        }
      },
    },
  ];
};
