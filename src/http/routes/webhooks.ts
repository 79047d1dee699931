import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Connection } from '../../domain/connection.js';
import { V1_WEBHOOK_PATH, V2_WEBHOOK_PATH } from '../../domain/webhook-url.js';
import { isAllowedResourceUrl } from '../../integrations/shipstation/resource-url.js';
import type { WebhookSignatureVerifier } from '../../integrations/shipstation/webhook-signature.js';
import type { Logger } from '../../observability/logger.js';
import type { Store } from '../../store/store.js';
import { sameSecret } from '../same-secret.js';
import type { RouteGroup } from '../server.js';
import type { ReplayGuard } from './replay-guard.js';

/** ShipStation's pointers are tiny; anything near this is not one (and is not read further). */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/** `{resource_url, resource_type}` (both sheets, §9.2 / §6.3); other fields (V2 tracking `data`) pass. */
const deliverySchema = z.looseObject({
  resource_url: z.string().min(1).max(2048),
  resource_type: z.string().max(100).nullish(),
});

export interface WebhookIntakeDeps {
  store: Pick<Store, 'connections' | 'inbox'>;
  verifier: WebhookSignatureVerifier;
  logger: Logger;
  /** A delivery was stored: process it now (the scheduler's trigger for the connection's shipments flow). */
  onStored(connection: Connection): void;
  /** V2 deliveries already taken (a replay within the tolerance window is answered, not stored again). */
  replays?: ReplayGuard;
}

/**
 * Webhook intake (design rule 11): authenticate, record in the inbox, answer 2xx at once; the shipments flow
 * processes from the inbox. The unguessable per-connection token is the last path segment (V1 deliveries
 * carry no signature) and is compared in constant time; a wrong one looks like nothing is there (404). V2
 * deliveries must also carry a valid RSA-SHA256 signature over `{timestamp}.{raw body}` within 5 minutes
 * (missing headers 404, stale 400, bad 401: the docs' receiver advice). Bodies over 64 KiB, non-JSON bodies
 * and bodies that are not pointers are 400 and stored nowhere. A `resource_url` outside the connection's
 * configured API is recorded as refused and never fetched.
 */
export function webhookRoutes(deps: WebhookIntakeDeps): RouteGroup {
  return {
    name: 'webhooks',
    listener: 'public',
    register(app: FastifyInstance) {
      // The raw text is kept (a V2 signature covers the bytes as sent), whatever the content type says.
      app.removeAllContentTypeParsers();
      app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
        done(null, body),
      );
      app.setErrorHandler((error: { statusCode?: number; code?: string }, _req, reply) => {
        const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413;
        const status = tooLarge || (error.statusCode ?? 500) < 500 ? 400 : 500;
        if (status === 500) deps.logger.error({ err: error }, 'webhook intake failed');
        return reply
          .code(status)
          .send({ error: tooLarge ? 'body too large' : status === 400 ? 'bad request' : 'error' });
      });
      const options = { bodyLimit: WEBHOOK_BODY_LIMIT };
      app.post(`${V1_WEBHOOK_PATH}/:connection/:token`, options, (req, reply) => receive(deps, 'v1', req, reply));
      app.post(`${V2_WEBHOOK_PATH}/:connection/:token`, options, (req, reply) => receive(deps, 'v2', req, reply));
    },
  };
}

async function receive(deps: WebhookIntakeDeps, api: 'v1' | 'v2', req: FastifyRequest, reply: FastifyReply) {
  const { connection: name, token } = req.params as { connection: string; token: string };
  const connection = await deps.store.connections.getByName(name);
  const expected = connection
    ? await deps.store.connections.getCredential(connection.id, 'webhook.token').catch(() => undefined)
    : undefined;
  if (!connection || !expected || !sameSecret(token, expected)) return reply.code(404).send({ error: 'not found' });
  const raw = typeof req.body === 'string' ? req.body : '';
  if (api === 'v2') {
    const verdict = await deps.verifier.verify(req.headers, raw).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'cannot read the V2 webhook key set; the sender will retry');
      return null;
    });
    if (verdict === null) return reply.code(503).send({ error: 'key set unavailable' });
    if (!verdict.ok) return reply.code(verdict.status).send({ error: verdict.message });
    const signature = String(req.headers['x-shipengine-rsa-sha256-signature'] ?? '');
    if (deps.replays && !deps.replays.firstTime(`${connection.id}:${verdict.keyId}:${signature}`)) {
      deps.logger.info({ connection: connection.name, api }, 'V2 webhook delivery seen already: not stored again');
      return reply.code(200).send({ duplicate: true });
    }
  }
  if (Buffer.byteLength(raw, 'utf8') > WEBHOOK_BODY_LIMIT) return reply.code(400).send({ error: 'body too large' });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return reply.code(400).send({ error: 'body is not JSON' });
  }
  const parsed = deliverySchema.safeParse(json);
  if (!parsed.success) return reply.code(400).send({ error: 'not a ShipStation webhook (resource_url expected)' });
  const { resource_url: resourceUrl, resource_type: resourceType } = parsed.data;
  const base = api === 'v1' ? connection.shipstation?.v1Url : connection.shipstation?.v2Url;
  const id = await deps.store.inbox.add({
    connectionId: connection.id,
    api,
    resourceType: resourceType ?? null,
    resourceUrl,
    body: raw,
  });
  if (!base || !isAllowedResourceUrl(resourceUrl, base)) {
    // Recorded for people to see, never fetched: our credentials go only to the configured API.
    await deps.store.inbox.finish(
      id,
      'refused',
      `resource_url is outside the configured ShipStation ${api.toUpperCase()} API; not fetched`,
    );
    deps.logger.warn(
      { connection: connection.name, api, inbox: id },
      'webhook resource_url refused (outside the configured API)',
    );
    return reply.code(200).send({ received: true });
  }
  deps.onStored(connection);
  return reply.code(200).send({ received: true });
}
