import { startService as composeService } from '../../src/compose.js';
import type { HttpServers } from '../../src/http/server.js';
import type { Service } from '../../src/runtime/service.js';
import { ensureWebhookSubscriptions } from '../../src/runtime/webhook-subscriptions.js';
import type { World } from '../helpers/world.js';

export interface RunningService {
  service: Service;
  servers: HttpServers;
  lines: string[];
  stop(): Promise<void>;
}

/** The flows' jobs these tests leave out: orders, reference and shipments run as `start` runs them. */
export const SHIPMENTS_ONLY = ['inventory', 'inventory-reconcile', 'reference-extras'];

/**
 * The connector service as `start` runs it (scheduler, public listener with the webhook intake, the
 * shipments job), on a free port; with `webhooks`, subscribed at the URL it listens on.
 */
export async function startService(w: World, options: { webhooks: boolean }): Promise<RunningService> {
  const running = await composeService(w.app, { dashboard: false, skipJobs: SHIPMENTS_ONLY });
  const { service, servers } = running;
  const report = options.webhooks
    ? await ensureWebhookSubscriptions(service.connector, w.connection, { publicUrl: servers.publicUrl })
    : { lines: [] };
  return { service, servers, lines: report.lines, stop: () => running.stop() };
}
