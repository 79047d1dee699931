import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sameSecret } from '../../same-secret.js';
import { MIN_PASSWORD_LENGTH } from '../auth/admin-password.js';
import { safeNext } from '../auth/guard.js';
import { cookieOptions } from '../auth/sessions.js';
import { consumeSetupToken, setupTokenValid } from '../auth/setup-link.js';
import type { Dash } from '../dashboard-context.js';
import { sendHtml } from '../dashboard-context.js';
import { loginView, setupInvalidView, setupView } from '../views/auth-views.js';

/** Before a session exists, forms are protected by a double-submit token: a cookie and a field that must match. */
const PRE_SESSION_COOKIE = 'mlc_form';
const SETUP_COOKIE = 'mlc_setup';
const PUBLIC = { config: { public: true } };

function formToken(req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies[PRE_SESSION_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(PRE_SESSION_COOKIE, token, cookieOptions(req, 3600));
  return token;
}

function formTokenOk(req: FastifyRequest, field: string | undefined): boolean {
  const cookie = req.cookies[PRE_SESSION_COOKIE];
  return !!cookie && !!field && sameSecret(cookie, field);
}

const loginSchema = z.object({
  _csrf: z.string().optional(),
  password: z.string().default(''),
  next: z.string().optional(),
});
const setupSchema = z.object({
  _csrf: z.string().optional(),
  password: z.string().default(''),
  confirm: z.string().default(''),
});

const EXPIRED_FORM = 'The form had expired. Type the password again.';

export function authRoutes(f: FastifyInstance, dash: Dash): void {
  const { app, sessions, throttle, admin } = dash;

  f.get<{ Querystring: { next?: string } }>('/login', PUBLIC, async (req, reply) => {
    if (await sessions.read(req)) return reply.redirect(safeNext(req.query.next), 303);
    const passwordSet = (await admin.source()) !== null;
    return sendHtml(reply, loginView({ csrf: formToken(req, reply), next: safeNext(req.query.next), passwordSet }));
  });

  f.post('/login', PUBLIC, async (req, reply) => {
    const body = loginSchema.parse(req.body ?? {});
    const next = safeNext(body.next);
    const passwordSet = (await admin.source()) !== null;
    if (!formTokenOk(req, body._csrf)) {
      const view = loginView({
        csrf: formToken(req, reply),
        next,
        passwordSet,
        message: { kind: 'error', text: EXPIRED_FORM },
      });
      return sendHtml(reply, view, 403);
    }
    // Slowed down, never refused: the right password gets in within 2 s whoever else is guessing.
    const wait = throttle.delayMs(req.ip);
    if (wait > 0) await app.clock.sleep(wait);
    if (!(await admin.verify(body.password))) {
      throttle.failed(req.ip);
      // `peer` is the socket's address; `ip` differs only when TRUST_PROXY believes a forwarded one.
      app.logger.warn({ ip: req.ip, peer: req.socket.remoteAddress, delayMs: wait }, 'dashboard: failed sign-in');
      const message = { kind: 'error' as const, text: 'That password is not right.' };
      return sendHtml(reply, loginView({ csrf: formToken(req, reply), next, passwordSet, message }), 401);
    }
    throttle.succeeded(req.ip);
    await sessions.create(req, reply);
    reply.clearCookie(PRE_SESSION_COOKIE, { path: '/' });
    return reply.redirect(next, 303);
  });

  f.post('/logout', async (req, reply) => {
    await sessions.destroy(req, reply);
    return reply.redirect('/login', 303);
  });

  // The printed link carries the token once; it moves into a cookie at once so it leaves the address bar,
  // the browser history and any Referer header.
  f.get<{ Params: { token: string } }>('/setup/:token', PUBLIC, async (req, reply) => {
    if (!(await setupTokenValid(app, req.params.token))) return sendHtml(reply, setupInvalidView(), 404);
    reply.setCookie(SETUP_COOKIE, req.params.token, cookieOptions(req, 3600, '/setup'));
    return reply.redirect('/setup', 303);
  });

  f.get('/setup', PUBLIC, async (req, reply) => {
    if (!(await setupTokenValid(app, req.cookies[SETUP_COOKIE]))) return sendHtml(reply, setupInvalidView(), 404);
    return sendHtml(reply, setupView({ csrf: formToken(req, reply) }));
  });

  f.post('/setup', PUBLIC, async (req, reply) => {
    const token = req.cookies[SETUP_COOKIE];
    if (!(await setupTokenValid(app, token))) return sendHtml(reply, setupInvalidView(), 404);
    const body = setupSchema.parse(req.body ?? {});
    const problem = !formTokenOk(req, body._csrf)
      ? EXPIRED_FORM
      : body.password.length < MIN_PASSWORD_LENGTH
        ? `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`
        : body.password !== body.confirm
          ? 'The two passwords are not the same.'
          : null;
    if (problem)
      return sendHtml(
        reply,
        setupView({ csrf: formToken(req, reply), message: { kind: 'error', text: problem } }),
        400,
      );
    await admin.set(body.password);
    await consumeSetupToken(app);
    app.logger.info('dashboard: admin password set through the setup link');
    reply.clearCookie(SETUP_COOKIE, { path: '/setup' });
    reply.clearCookie(PRE_SESSION_COOKIE, { path: '/' });
    await sessions.create(req, reply);
    return reply.redirect('/', 303);
  });
}
