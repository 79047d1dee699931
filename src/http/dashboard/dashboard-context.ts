import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { Connection } from '../../domain/connection.js';
import type { AdminPassword } from './auth/admin-password.js';
import { isHtmx } from './auth/guard.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { Session, Sessions } from './auth/sessions.js';
import type { DashboardBackend } from './dashboard-backend.js';
import type { Flash } from './flash.js';
import type { SafeHtml } from './html.js';
import type { FlashMessage } from './views/layout.js';

/** What every dashboard route works with. */
export interface Dash {
  service: DashboardBackend;
  app: App;
  sessions: Sessions;
  throttle: LoginThrottle;
  admin: AdminPassword;
  flash: Flash;
}

export function sendHtml(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** The session of a request that passed the guard (every non-public route). */
export async function sessionOf(dash: Dash, req: FastifyRequest): Promise<Session> {
  const session = await dash.sessions.read(req);
  if (!session) throw new Error('dashboard route reached without a session');
  return session;
}

/**
 * After a form post: say what happened on the next page, and go there (303: the browser GETs it). A form
 * htmx posted (to show that it is working) is sent there with HX-Redirect: htmx then loads the page itself.
 */
export async function redirectWith(
  dash: Dash,
  req: FastifyRequest,
  reply: FastifyReply,
  to: string,
  message: FlashMessage,
) {
  dash.flash.set((await sessionOf(dash, req)).idHash, message);
  // Without the #anchor: to the same page plus an anchor, a browser only scrolls, and the message would wait.
  if (isHtmx(req))
    return reply.code(200).header('hx-redirect', to.split('#')[0]).type('text/plain; charset=utf-8').send('');
  return reply.redirect(to, 303);
}

/** The connection a page is about: `?c=<name>`, else the first one. */
export async function chooseConnection(
  dash: Dash,
  name: unknown,
): Promise<{ all: Connection[]; selected: Connection | undefined }> {
  const all = await dash.app.store.connections.list();
  const selected = (typeof name === 'string' && all.find((c) => c.name === name)) || all[0];
  return { all, selected };
}
