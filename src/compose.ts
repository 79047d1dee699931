import type { App } from './app.js';
import {
  attentionAlertJobs,
  type DashboardOptions,
  type DashboardRouteGroup,
  dashboardRoutes,
  waitingSampleJobs,
} from './http/dashboard/index.js';
import { healthRoutes } from './http/routes/health.js';
import { ReplayGuard } from './http/routes/replay-guard.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { type HttpServers, type RouteGroup, startHttpServers } from './http/server.js';
import { WebhookSignatureVerifier } from './integrations/shipstation/webhook-signature.js';
import { Service, type ServiceOptions } from './runtime/service.js';

export interface ComposeOptions extends ServiceOptions {
  /** The webhook intake on the public listener (default on). */
  webhooks?: boolean;
  /** The dashboard on the admin listener, with its attention alerts and waiting-levels jobs (default on; `false`: none). */
  dashboard?: DashboardOptions | false;
}

export interface RunningService {
  service: Service;
  servers: HttpServers;
  /** The dashboard's route groups, which list their routes once registered (the security tests walk them). */
  dashboard: DashboardRouteGroup[];
  stop(): Promise<void>;
}

/**
 * The composition root of `ml-connector start` (and of the harnesses that run the service as it does): the
 * service's scheduler over every flow, and around it the HTTP side — /healthz and /metrics, the webhook
 * intake, the dashboard — on one listener or two (ADMIN_PORT). The jobs are scheduled before the servers
 * listen, and run once they do.
 */
export async function startService(app: App, options: ComposeOptions = {}): Promise<RunningService> {
  const withDashboard = options.dashboard !== false;
  const service = new Service(app, {
    ...(options.skipJobs ? { skipJobs: options.skipJobs } : {}),
    ...(options.workerId ? { workerId: options.workerId } : {}),
    extraJobs: [...(options.extraJobs ?? []), ...(withDashboard ? [attentionAlertJobs, waitingSampleJobs] : [])],
  });
  const connections = await service.prepare();
  const dashboard = options.dashboard === false ? [] : dashboardRoutes(app, service, options.dashboard);
  const groups: RouteGroup[] = [
    ...healthRoutes(app, service.metrics, service.started),
    ...(options.webhooks === false ? [] : [webhookIntake(app, service)]),
    ...dashboard,
  ];
  const c = app.config;
  const servers = await startHttpServers({
    public: { host: c.HOST, port: c.PORT },
    admin: c.ADMIN_PORT !== undefined ? { host: c.ADMIN_HOST ?? c.HOST, port: c.ADMIN_PORT } : undefined,
    groups,
    logger: app.logger,
    trustProxy: c.TRUST_PROXY,
  });
  service.start();
  app.logger.info(
    { url: servers.publicUrl, dashboard: servers.adminUrl, connections: connections.map((x) => x.name) },
    'ml-connector service started',
  );
  return {
    service,
    servers,
    dashboard,
    async stop() {
      await service.stop();
      await servers.stop();
    },
  };
}

/** Webhook deliveries are stored, then the connection's shipments jobs run at once. */
function webhookIntake(app: App, service: Service): RouteGroup {
  return webhookRoutes({
    store: app.store,
    verifier: new WebhookSignatureVerifier({ jwksUrl: app.config.SHIPSTATION_JWKS_URL, clock: app.clock }),
    logger: app.logger.child({ component: 'webhooks' }),
    onStored: (connection) => service.triggerFlow(connection.id, 'shipments'),
    replays: new ReplayGuard(app.clock),
  });
}
