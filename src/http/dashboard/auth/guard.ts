import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from './admin-password.js';
import type { Sessions } from './sessions.js';

/** Routes registered with `config: { public: true }` need no session (sign-in, setup link, assets). */
export function isPublicRoute(req: FastifyRequest): boolean {
  return (req.routeOptions.config as { public?: boolean } | undefined)?.public === true;
}

export function isHtmx(req: FastifyRequest): boolean {
  return req.headers['hx-request'] === 'true';
}

/**
 * Where to go after sign-in: only a same-origin absolute path, anything else is `/`. One leading `/` and no
 * `//` (a browser reads `//host` as another host), no `\` (read as `/`), no control or whitespace
 * character (Chromium strips a tab, so `/\t/host` becomes `//host`; CR or LF would break the Location
 * header), all checked again after percent-decoding so an encoded form cannot sneak one in.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length >= 500) return '/';
  let decoded = next;
  for (let i = 0; i < 3; i++) {
    let once: string;
    try {
      once = decodeURIComponent(decoded);
    } catch {
      return '/';
    }
    if (once === decoded) break;
    decoded = once;
  }
  // The raw value is a Location header: printable ASCII only (anything else arrives percent-encoded).
  return PRINTABLE.test(next) && pathOnly(next) && pathOnly(decoded) ? next : '/';
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const UNSAFE = /[\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]|\/\//;

const PRINTABLE = /^[\x21-\x7e]+$/;

function pathOnly(path: string): boolean {
  return path.startsWith('/') && !UNSAFE.test(path);
}

const READS = new Set(['GET', 'HEAD']);

/**
 * Every dashboard route needs a session, except those marked public. Without one: a page load is sent
 * to sign-in (303), anything else (htmx fragment, form post) gets 401. With one, every state-changing
 * request must carry the session's CSRF token (form field `_csrf` or the `x-csrf-token` header htmx
 * sends); checked after the body is parsed.
 */
export function installGuard(scope: FastifyInstance, sessions: Sessions): void {
  scope.addHook('onRequest', async (req, reply) => {
    if (isPublicRoute(req)) return;
    if (await sessions.read(req)) return;
    return deny(req, reply);
  });
  scope.addHook('preHandler', async (req, reply) => {
    if (isPublicRoute(req) || READS.has(req.method)) return;
    const session = await sessions.read(req);
    const header = req.headers['x-csrf-token'];
    const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
    const token = typeof header === 'string' ? header : typeof field === 'string' ? field : '';
    if (!session || !token || !sameSecret(token, session.csrf)) {
      return reply
        .code(403)
        .type('text/plain; charset=utf-8')
        .send('Refused: the security token of this form is missing or out of date. Reload the page and try again.');
    }
  });
}

function deny(req: FastifyRequest, reply: FastifyReply) {
  if (READS.has(req.method) && !isHtmx(req)) {
    const next = safeNext(req.url);
    return reply.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`, 303);
  }
  return reply.code(401).header('HX-Redirect', '/login').type('text/plain; charset=utf-8').send('Sign in first.');
}
