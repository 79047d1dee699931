import type { FastifyInstance } from 'fastify';
import type { App } from '../../app.js';
import type { Metrics } from '../../observability/metrics.js';
import type { RouteGroup } from '../server.js';

/**
 * `/healthz`: the process is up and the database answers (200), or says what is wrong (503).
 * `/metrics`: Prometheus text. Neither needs a session (load balancers and scrapers call them).
 */
export function healthRoutes(app: App, metrics: Metrics, started: number): RouteGroup {
  return {
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
      f.get('/metrics', async (_req, reply) => {
        const { contentType, body } = await metrics.render();
        return reply.header('content-type', contentType).send(body);
      });
    },
  };
}
