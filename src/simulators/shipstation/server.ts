import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { systemClock } from '../../domain/clock.js';
import { registerAdminRoutes } from './admin/admin-routes.js';
import type { SimAdmin } from './admin/sim-admin.js';
import { labelPdf } from './label-pdf.js';
import { pacificDate } from './pacific-time.js';
import type { RateDecision } from './rate-limiter.js';
import type { SimContext } from './sim-context.js';
import { NotFound, RuleViolation } from './sim-errors.js';
import { releaseDueHolds } from './staff-actions.js';
import type { ApiName } from './stats.js';
import { ModelStateError, QueryError, sendException } from './v1/v1-http.js';
import { registerV1OrderRoutes } from './v1/v1-order-routes.js';
import { registerV1ReferenceRoutes } from './v1/v1-reference-routes.js';
import { registerV1ShipmentRoutes } from './v1/v1-shipment-routes.js';
import { registerV1WebhookRoutes } from './v1/v1-webhook-routes.js';
import { sendV2Error, V2QueryError, v2ErrorBody } from './v2/v2-http.js';
import { registerV2Routes } from './v2/v2-routes.js';

interface RequestMeta {
  api: ApiName;
  rate: RateDecision | null;
  holdAfterMs: number | null;
}

/** A body that is not JSON; V1 answers ModelState, V2 its envelope. */
class BodyParseError extends Error {}

/** Which API a path belongs to: `/v2/...` is V2 (downloads excepted: label files need no key), `/_sim` and `/jwks` none. */
function apiOf(path: string): ApiName | null {
  if (/^\/(_sim|jwks)(\/|$)/i.test(path)) return null;
  if (/^\/v2\/downloads\//.test(path)) return null;
  return /^\/v2(\/|$)/.test(path) ? 'v2' : 'v1';
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/**
 * ASP.NET routes are case-insensitive (clients call `/Orders/CreateOrder`, V1 sheet §1): V1 paths are lower-cased
 * before routing. V2, admin and /jwks keep their case (V2 path parameters such as external_shipment_id are data).
 */
function rewriteUrl(url: string): string {
  const index = url.indexOf('?');
  const path = index < 0 ? url : url.slice(0, index);
  if (apiOf(path) !== 'v1') return url;
  return path.toLowerCase() + (index < 0 ? '' : url.slice(index));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The credential a request authenticates with, or null. V1: Basic key:secret; V2: the `API-Key` header. */
function credentialOf(ctx: SimContext, api: ApiName, request: FastifyRequest): string | null {
  if (api === 'v2') {
    const key = request.headers['api-key'];
    return typeof key === 'string' && safeEqual(key, ctx.credentials.v2Key) ? key : null;
  }
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const expected = `${ctx.credentials.v1Key}:${ctx.credentials.v1Secret}`;
  return safeEqual(decoded, expected) ? decoded : null;
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return systemClock.sleep(ms, signal).catch(() => undefined);
}

/** Holds the socket without answering, then drops it: the client sees its own timeout (or a reset). */
async function holdAndDrop(ctx: SimContext, request: FastifyRequest, reply: FastifyReply, ms: number): Promise<void> {
  await realSleep(ms, ctx.stopping);
  reply.hijack();
  request.raw.socket.destroy();
}

function send429(api: ApiName, reply: FastifyReply, resetMs: number): FastifyReply {
  if (api === 'v1') return reply.code(429).send({ message: 'Too Many Requests' });
  const seconds = Math.max(1, Math.ceil(resetMs / 1000));
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .send(
      v2ErrorBody([
        {
          error_type: 'system',
          error_code: 'rate_limit_exceeded',
          message: `You have exceeded the rate limit. Please retry after ${seconds} seconds.`,
        },
      ]),
    );
}

function send5xx(api: ApiName, reply: FastifyReply, status: number): FastifyReply {
  // V2's spec gives 500 an empty body; V1 answers its ASP.NET shape (seen from createlabelfororder, V1 §2).
  if (api === 'v2') return reply.code(status).send();
  return sendException(
    reply,
    status,
    'Object reference not set to an instance of an object.',
    'System.NullReferenceException',
  );
}

/** A list answer spoiled on purpose (the malformed-page fault). */
function spoil(payload: unknown, mode: 'invalid-json' | 'wrong-shape'): string {
  const text = typeof payload === 'string' ? payload : String(payload);
  if (mode === 'invalid-json') return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  const parsed = JSON.parse(text) as Record<string, unknown>;
  for (const [k, v] of Object.entries(parsed)) if (Array.isArray(v)) parsed[k] = '<not a list>';
  return JSON.stringify(parsed);
}

export function buildServer(ctx: SimContext, admin: SimAdmin): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 20 * 1024 * 1024,
    forceCloseConnections: true,
    rewriteUrl: (req) => rewriteUrl(req.url ?? '/'),
    routerOptions: { ignoreTrailingSlash: true },
  });
  const metas = new WeakMap<FastifyRequest, RequestMeta>();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new BodyParseError(error instanceof Error ? error.message : String(error)), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    const api = apiOf(path);
    if (!api) return;
    const meta: RequestMeta = { api, rate: null, holdAfterMs: null };
    metas.set(request, meta);
    const info = { api, method: request.method, path };
    const latency = ctx.faults.latencyFor(info);
    if (latency > 0) await realSleep(latency, ctx.stopping);
    const credential = credentialOf(ctx, api, request);
    if (credential === null) {
      if (api === 'v2') {
        return sendV2Error(
          reply,
          401,
          'security',
          'unauthorized',
          'The API key is invalid. Please see https://www.shipstation.com/docs/api/ for more details.',
        );
      }
      return reply.code(401).send({ Message: 'Authorization has been denied for this request.' });
    }
    const now = ctx.clock.now();
    const limiter = ctx.limits[api];
    const storm = ctx.faults.stormFor(info, now);
    if (storm) {
      const window = limiter.peek(credential, now);
      meta.rate = { ...window, remaining: 0, resetMs: storm.endsInMs ?? window.resetMs };
      return send429(api, reply, meta.rate.resetMs);
    }
    meta.rate = limiter.take(credential, now);
    if (!meta.rate.allowed) return send429(api, reply, meta.rate.resetMs);
    const timeout = ctx.faults.timeoutFor(info);
    if (timeout?.phase === 'before') {
      // Counted as status 0: the request arrived and never got an answer.
      ctx.stats.record(api, request.method, request.routeOptions.url ?? '(no route)', 0);
      await holdAndDrop(ctx, request, reply, timeout.holdMs);
      return reply;
    }
    if (timeout) meta.holdAfterMs = timeout.holdMs;
    const status = ctx.faults.errorFor(info);
    if (status !== null) return send5xx(api, reply, status);
    releaseDueHolds(ctx.state, pacificDate(now), now);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const meta = metas.get(request);
    if (!meta) return payload;
    if (meta.api === 'v1' && meta.rate) {
      // Reset in whole seconds (rounded up, so waiting that long always reaches the next window); the -Ms header
      // is the simulator's own, for tests running windows of a few seconds (fidelity doc).
      reply.header('X-Rate-Limit-Limit', String(meta.rate.limit));
      reply.header('X-Rate-Limit-Remaining', String(meta.rate.remaining));
      reply.header('X-Rate-Limit-Reset', String(Math.ceil(meta.rate.resetMs / 1000)));
      reply.header('X-Rate-Limit-Reset-Ms', String(meta.rate.resetMs));
    }
    let out = payload;
    const config = request.routeOptions.config as { list?: boolean };
    if (config.list && request.method === 'GET' && reply.statusCode === 200) {
      const mode = ctx.faults.malformedFor(meta.api);
      if (mode) out = spoil(payload, mode);
    }
    if (meta.holdAfterMs !== null) {
      // The work is done, the answer is lost: what a client sees when its timeout fires after the server acted.
      await realSleep(meta.holdAfterMs, ctx.stopping);
      request.raw.socket.destroy();
    }
    return out;
  });

  app.addHook('onResponse', async (request, reply) => {
    const meta = metas.get(request);
    if (!meta) return;
    const route = request.routeOptions.url ?? '(no route)';
    ctx.stats.record(meta.api, request.method, route, reply.statusCode);
  });

  app.setErrorHandler((error, request, reply) => {
    const api = metas.get(request)?.api ?? null;
    const v1Param = (request.routeOptions.config as { v1Param?: string } | undefined)?.v1Param ?? 'request';
    if (api === null) {
      const status =
        error instanceof NotFound ? 404 : error instanceof ZodError || error instanceof RuleViolation ? 400 : 500;
      const message =
        error instanceof ZodError
          ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : (error as Error).message;
      return reply.code(status).send({ error: message });
    }
    if (api === 'v1') {
      if (error instanceof NotFound) return sendException(reply, 404, error.message);
      if (error instanceof RuleViolation) return sendException(reply, 400, error.message);
      if (error instanceof ModelStateError)
        return reply.code(400).send({ Message: 'The request is invalid.', ModelState: error.modelState });
      if (error instanceof QueryError)
        return reply
          .code(400)
          .send({ Message: 'The request is invalid.', ModelState: { [error.param]: [error.message] } });
      if (error instanceof BodyParseError)
        return reply.code(400).send({ Message: 'The request is invalid.', ModelState: { [v1Param]: [error.message] } });
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      return sendException(reply, status, (error as Error).message);
    }
    if (error instanceof NotFound) return sendV2Error(reply, 404, 'validation', 'invalid_identifier', error.message);
    if (error instanceof RuleViolation) return sendV2Error(reply, 400, 'business_rules', error.v2Code, error.message);
    if (error instanceof V2QueryError) {
      return sendV2Error(reply, 400, 'validation', 'invalid_field_value', error.message, {
        field_name: error.field,
        field_value: error.value,
      });
    }
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const field = issue?.path.join('.') ?? '';
      return sendV2Error(
        reply,
        400,
        'validation',
        issue?.code === 'invalid_type' && issue.message.includes('undefined')
          ? 'field_value_required'
          : 'invalid_field_value',
        `${field}: ${issue?.message ?? 'invalid'}`,
        { field_name: field },
      );
    }
    if (error instanceof BodyParseError)
      return sendV2Error(
        reply,
        400,
        'validation',
        'invalid_object',
        `The request body is not valid JSON: ${error.message}`,
      );
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return sendV2Error(reply, status, 'system', 'unspecified', (error as Error).message);
  });

  app.setNotFoundHandler((request, reply) => {
    const api = metas.get(request)?.api ?? null;
    if (api === 'v1') {
      return reply
        .code(404)
        .send({ Message: `No HTTP resource was found that matches the request URI '${ctx.origin()}${request.url}'.` });
    }
    if (api === 'v2')
      return sendV2Error(
        reply,
        404,
        'validation',
        'invalid_identifier',
        `No route ${request.method} ${pathOf(request.url)}.`,
      );
    return reply.code(404).send({ error: `No route ${request.method} ${pathOf(request.url)}.` });
  });

  app.get('/jwks', async () => ctx.signer.jwks());
  app.get<{ Params: { '*': string } }>('/v2/downloads/*', async (request, reply) => {
    return reply.type('application/pdf').send(labelPdf(request.params['*']));
  });
  registerV1OrderRoutes(app, ctx);
  registerV1ShipmentRoutes(app, ctx);
  registerV1ReferenceRoutes(app, ctx);
  registerV1WebhookRoutes(app, ctx);
  registerV2Routes(app, ctx);
  registerAdminRoutes(app, ctx, admin);
  return app;
}
