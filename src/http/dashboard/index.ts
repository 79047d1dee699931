import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { App } from '../../app.js';
import type { RouteGroup } from '../server.js';
import { AdminPassword } from './auth/admin-password.js';
import { installGuard } from './auth/guard.js';
import { LoginThrottle, type ThrottleLimits } from './auth/login-throttle.js';
import { Sessions } from './auth/sessions.js';
import type { DashboardBackend } from './dashboard-backend.js';
import type { Dash } from './dashboard-context.js';
import { Flash } from './flash.js';
import { addAttentionGauges } from './model/attention-gauges.js';
import { assetsRoutes } from './routes/assets-routes.js';
import { attentionRoutes } from './routes/attention-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { connectionsRoutes } from './routes/connections-routes.js';
import { fieldMappingRoutes } from './routes/field-mapping-routes.js';
import { flowsRoutes } from './routes/flows-routes.js';
import { liveRoutes } from './routes/live-routes.js';
import { mappingsRoutes } from './routes/mappings-routes.js';
import { ordersRoutes } from './routes/orders-routes.js';
import { runsRoutes } from './routes/runs-routes.js';

export { attentionAlertJobs } from './alerts/attention-alerts.js';
export { prepareAdminAccess } from './auth/setup-link.js';
export type { DashboardBackend } from './dashboard-backend.js';
export { waitingSampleJobs } from './model/waiting-levels.js';

export interface DashboardOptions {
  /** Sign-in throttling limits (tests shorten them). */
  throttle?: ThrottleLimits;
}

/** A RouteGroup that also lists, once registered, every route it added (the security tests walk them all). */
export interface DashboardRouteGroup extends RouteGroup {
  routes: { method: string; url: string; public: boolean }[];
}

/** Headers on every dashboard answer: no framing, no sniffing, no caching of pages, scripts only from here. */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * The dashboard (issue 8): server-rendered pages with htmx on the `admin` listener (the main one unless
 * ADMIN_PORT is set). Everything but sign-in, the setup link and the two static files needs a session.
 */
export function dashboardRoutes(
  app: App,
  service: DashboardBackend,
  options: DashboardOptions = {},
): DashboardRouteGroup[] {
  const dash: Dash = {
    service,
    app,
    sessions: new Sessions(app.store),
    throttle: new LoginThrottle(app.clock, options.throttle),
    admin: new AdminPassword(app),
    flash: new Flash(),
  };
  addAttentionGauges(app, service);
  const group: DashboardRouteGroup = {
    name: 'dashboard',
    listener: 'admin',
    routes: [],
    async register(f: FastifyInstance) {
      f.addHook('onRoute', (r) => {
        const methods = Array.isArray(r.method) ? r.method : [r.method];
        for (const method of methods)
          if (method !== 'HEAD')
            group.routes.push({ method, url: r.url, public: (r.config as { public?: boolean })?.public === true });
      });
      await f.register(cookie);
      await f.register(formbody, { bodyLimit: 64 * 1024 });
      f.addHook('onSend', async (_req, reply, payload) => {
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        return payload;
      });
      installGuard(f, dash.sessions);
      assetsRoutes(f);
      authRoutes(f, dash);
      connectionsRoutes(f, dash);
      fieldMappingRoutes(f, dash);
      mappingsRoutes(f, dash);
      flowsRoutes(f, dash);
      ordersRoutes(f, dash);
      runsRoutes(f, dash);
      liveRoutes(f, dash);
      attentionRoutes(f, dash);
    },
  };
  return [group];
}
