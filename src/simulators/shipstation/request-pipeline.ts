import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemClock } from '../../domain/clock.js';
import type { Account } from './accounts.js';
import { pacificDate } from './pacific-time.js';
import type { RateDecision } from './rate-limiter.js';
import { apiOf, pathOf } from './request-routing.js';
import type { SimContext } from './sim-context.js';
import { releaseDueHolds } from './staff-actions.js';
import type { ApiName } from './stats.js';
import { sendException } from './v1/v1-http.js';
import { sendV2Error, v2ErrorBody } from './v2/v2-http.js';

export interface RequestMeta {
  api: ApiName;
  /** The account the request authenticated as; the default account until then (and for a refused request). */
  account: Account;
  rate: RateDecision | null;
  holdAfterMs: number | null;
  /** The holdAnswers fault: the work is done, the answer waits for a release. */
  holdAnswer: boolean;
}

/**
 * The account a request authenticates as, and the credential its rate windows are kept under, or null.
 * V1: Basic key:secret; V2: the `API-Key` header. Keys are looked up, not compared (a simulator, not a vault).
 */
function authenticate(
  ctx: SimContext,
  api: ApiName,
  request: FastifyRequest,
): { account: Account; credential: string } | null {
  if (api === 'v2') {
    const key = request.headers['api-key'];
    const account = typeof key === 'string' ? ctx.accounts.withV2Key(key) : undefined;
    return account && typeof key === 'string' ? { account, credential: key } : null;
  }
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const account = ctx.accounts.withV1Pair(decoded);
  return account ? { account, credential: decoded } : null;
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

/**
 * What every API request goes through before its route and on its way out: injected latency, authentication,
 * the rate limiter (or a 429 storm), timeouts and 5xx faults; then V1's `X-Rate-Limit-*` headers, the
 * malformed-page fault and the statistics. Admin, /jwks and label downloads pass untouched.
 */
export function addRequestPipeline(
  app: FastifyInstance,
  ctx: SimContext,
  metas: WeakMap<FastifyRequest, RequestMeta>,
): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    const api = apiOf(path);
    if (!api) return;
    // Looked up first (no side effect) so the account's own faults apply from the start; unknown keys: the default's.
    const auth = authenticate(ctx, api, request);
    const account = auth?.account ?? ctx.accounts.default;
    const faults = account.faults;
    const meta: RequestMeta = { api, account, rate: null, holdAfterMs: null, holdAnswer: false };
    metas.set(request, meta);
    const info = { api, method: request.method, path };
    const latency = faults.latencyFor(info);
    if (latency > 0) await realSleep(latency, ctx.stopping);
    // INFERRED (fidelity doc): an account whose plan has no V1 refuses every V1 call, right keys or not.
    if (api === 'v1' && ctx.v1RefusedByPlan !== null) {
      return reply.code(ctx.v1RefusedByPlan).send({ Message: 'Authorization has been denied for this request.' });
    }
    if (auth === null) {
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
    const { credential } = auth;
    const now = ctx.clock.now();
    const limiter = account.limits[api];
    const windows = account.stats.windows[api];
    const storm = faults.stormFor(info, now);
    if (storm) {
      const window = limiter.peek(credential, now);
      windows.arrival(now, window, true);
      meta.rate = { ...window, remaining: 0, resetMs: storm.endsInMs ?? window.resetMs };
      return send429(api, reply, meta.rate.resetMs);
    }
    meta.rate = limiter.take(credential, now);
    windows.arrival(now, meta.rate, !meta.rate.allowed);
    if (!meta.rate.allowed) return send429(api, reply, meta.rate.resetMs);
    const timeout = faults.timeoutFor(info);
    if (timeout?.phase === 'before') {
      // Counted as status 0: the request arrived and never got an answer.
      account.stats.record(api, request.method, request.routeOptions.url ?? '(no route)', 0);
      await holdAndDrop(ctx, request, reply, timeout.holdMs);
      return reply;
    }
    if (timeout) meta.holdAfterMs = timeout.holdMs;
    meta.holdAnswer = faults.holdFor(info);
    const status = faults.errorFor(info);
    if (status !== null) return send5xx(api, reply, status);
    releaseDueHolds(account.state, pacificDate(now), now);
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
      const mode = meta.account.faults.malformedFor(meta.api);
      if (mode) out = spoil(payload, mode);
    }
    if (meta.holdAnswer && reply.statusCode < 400) {
      // Applied; the answer waits until the test has done what it came for (usually: killed the client).
      await meta.account.faults.held.hold({ api: meta.api, method: request.method, path: pathOf(request.url) });
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
    meta.account.stats.record(meta.api, request.method, route, reply.statusCode);
  });
}
