import type { FastifyReply, FastifyRequest } from 'fastify';
import { isHtmx } from '../auth/guard.js';
import { type Dash, sendHtml, sessionOf } from '../dashboard-context.js';
import type { SafeHtml } from '../html.js';
import { attentionAll } from '../model/attention.js';
import { layout, type NavKey } from '../views/layout.js';

/** A full dashboard page: the layout with the session's CSRF token, the one-shot message and the attention count. */
export async function renderPage(
  dash: Dash,
  req: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; active: NavKey },
  body: SafeHtml,
  status = 200,
) {
  const session = await sessionOf(dash, req);
  const attention = (await attentionAll(dash.app, dash.service.started)).length;
  // A page htmx polls in the background must not swallow the message meant for the next page load.
  const flash = isHtmx(req) ? null : dash.flash.take(session.idHash);
  return sendHtml(reply, layout({ ...page, csrf: session.csrf, flash, attention }, body), status);
}
