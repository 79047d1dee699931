import type { FastifyInstance } from 'fastify';
import type { App } from '../../app.js';
import type { Metrics } from '../../observability/metrics.js';
import { sameSecret } from '../dashboard/auth/admin-password.js';
import type { RouteGroup } from '../server.js';

/**
 * `/healthz` (public): the process is up and the database answers (200), or says what is wrong (503).
 * `/metrics`: Prometheus text, which names connections and volumes, so it is served on the admin listener
 * when ADMIN_PORT is set; with METRICS_TOKEN set it also needs `Authorization: Bearer <METRICS_TOKEN>`
 * (on a single listener that is what keeps it private; unset, it is open as before).
 */
export function healthRoutes(app: App, metrics: Metrics, started: number): RouteGroup[] {
  const token = app.config.METRICS_TOKEN;
  const health: RouteGroup = {
    name: 'health',
    listener: 'public',
    register(f: FastifyInstance) {
      f.get('/healthz', async (_req, reply) => {
        try {
          await app.store.kv.get('healthz');
          return reply.send({
            status: 'ok',
            database: app.store.capabilities.name,
            uptimeSeconds: Math.round((app.clock.now() - started) / 1000),
          });
        } catch (error) {
          return reply.code(503).send({ status: 'unavailable', problem: `database: ${(error as Error).message}` });
        }
      });
    },
  };
  const metricsGroup: RouteGroup = {
    name: 'metrics',
    // 'admin' is the main listener when ADMIN_PORT is unset.
    listener: 'admin',
    register(f: FastifyInstance) {
      f.get('/metrics', async (req, reply) => {
        if (token && !sameSecret(bearer(req.headers.authorization), token)) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer')
            .type('text/plain; charset=utf-8')
            .send('Send Authorization: Bearer <METRICS_TOKEN>.');
        }
        const { contentType, body } = await metrics.render();
        return reply.header('content-type', contentType).send(body);
      });
    },
  };
  return [health, metricsGroup];
}

function bearer(header: string | undefined): string {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
}
