import type { HttpServers } from '../../src/http/server.js';
import { Service } from '../../src/runtime/service.js';
import { ensureWebhookSubscriptions, shipmentsJobs, webhookRoutes } from '../../src/runtime/shipments-runner.js';
import type { World } from '../helpers/world.js';

export interface RunningService {
  service: Service;
  servers: HttpServers;
  lines: string[];
  stop(): Promise<void>;
}

/**
 * The connector service as `start` runs it (scheduler, public listener with the webhook intake, the
 * shipments job), on a free port; with `webhooks`, subscribed at the URL it listens on.
 */
export async function startService(w: World, options: { webhooks: boolean }): Promise<RunningService> {
  const service = new Service(w.app, { routes: (s) => webhookRoutes(s), jobs: [shipmentsJobs] });
  const servers = await service.start();
  const report = options.webhooks
    ? await ensureWebhookSubscriptions(service, w.connection, { publicUrl: servers.publicUrl })
    : { lines: [] };
  return { service, servers, lines: report.lines, stop: () => service.stop() };
}
