import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { addAccountScope } from './account-context.js';
import { registerAccountRoutes } from './admin/account-routes.js';
import { registerAdminRoutes } from './admin/admin-routes.js';
import type { SimAdmin } from './admin/sim-admin.js';
import { addErrorAnswers } from './error-answers.js';
import { labelPdf } from './label-pdf.js';
import { addRequestPipeline, type RequestMeta } from './request-pipeline.js';
import { parseJsonBody, rewriteUrl } from './request-routing.js';
import type { SimContext } from './sim-context.js';
import { registerV1CatalogRoutes } from './v1/v1-catalog-routes.js';
import { registerV1OrderRoutes } from './v1/v1-order-routes.js';
import { registerV1ReferenceRoutes } from './v1/v1-reference-routes.js';
import { registerV1ShipmentRoutes } from './v1/v1-shipment-routes.js';
import { registerV1WebhookRoutes } from './v1/v1-webhook-routes.js';
import { registerV2Routes } from './v2/v2-routes.js';

/** One fastify app: V1 at `/`, V2 at `/v2`, the webhook key set at `/jwks`, label files, the admin API at `/_sim/`. */
export function buildServer(ctx: SimContext, admin: SimAdmin): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 20 * 1024 * 1024,
    // Held sockets (timeout faults) must not keep close() waiting.
    forceCloseConnections: true,
    rewriteUrl: (req) => rewriteUrl(req.url ?? '/'),
    routerOptions: { ignoreTrailingSlash: true },
  });
  const metas = new WeakMap<FastifyRequest, RequestMeta>();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  addRequestPipeline(app, ctx, metas);
  addAccountScope(app, ctx.accounts, (request) => metas.get(request)?.account);
  addErrorAnswers(app, ctx, metas);

  app.get('/jwks', async () => ctx.signer.jwks());
  app.get<{ Params: { '*': string } }>('/v2/downloads/*', async (request, reply) => {
    return reply.type('application/pdf').send(labelPdf(request.params['*']));
  });
  registerV1OrderRoutes(app, ctx);
  registerV1ShipmentRoutes(app, ctx);
  registerV1ReferenceRoutes(app, ctx);
  registerV1CatalogRoutes(app, ctx);
  registerV1WebhookRoutes(app, ctx);
  registerV2Routes(app, ctx);
  registerAdminRoutes(app, ctx, admin);
  registerAccountRoutes(app, ctx.accounts);
  return app;
}
