import type { FastifyInstance } from 'fastify';
import { chooseConnection, type Dash, sendHtml, sessionOf } from '../dashboard-context.js';
import { chartZone, TZ_COOKIE } from '../model/chart-buckets.js';
import { chartData } from '../model/chart-data.js';
import { flowRows } from '../model/flow-rows.js';
import { homeData } from '../model/home.js';
import { chartsView } from '../views/charts-view.js';
import { homeLiveView } from '../views/connections-view.js';
import { flowsLiveView } from '../views/flows-view.js';

/**
 * The fragments htmx polls to keep pages live without reloading them (issue 16 point 6): the home page's
 * cards and connections, the Flows page's states, and the home page's charts in the browser's zone. Each answers the element it replaces, nothing more,
 * so a poll costs the queries of that part only (not the layout's attention count).
 */
export function liveRoutes(f: FastifyInstance, dash: Dash): void {
  const { app, service } = dash;

  f.get('/live/home', async (req, reply) => {
    const data = await homeData(app, service.started);
    const session = await sessionOf(dash, req);
    const view = homeLiveView(data.rows, {
      csrf: session.csrf,
      now: app.clock.now(),
      attention: data.attention,
      counts: data.counts,
    });
    return sendHtml(reply, view);
  });

  f.get<{ Querystring: { c?: string } }>('/live/flows', async (req, reply) => {
    const { selected } = await chooseConnection(dash, req.query.c);
    // No connection any more: nothing to swap (htmx leaves the page as it is on a 204).
    if (!selected) return reply.code(204).send();
    const { flows, budgets, workers } = await flowRows(app, service, selected);
    const session = await sessionOf(dash, req);
    return sendHtml(
      reply,
      flowsLiveView({ connection: selected, flows, budgets, workers, csrf: session.csrf, now: app.clock.now() }),
    );
  });

  /**
   * The charts, in the zone the page sent: `tz` (the local-time script adds it to this request) or the
   * `mlc_tz` cookie the same script sets; an unknown zone is UTC.
   */
  f.get<{ Querystring: { tz?: string } }>('/live/charts', async (req, reply) => {
    const zone = chartZone(req.query.tz ?? req.cookies[TZ_COOKIE]);
    return sendHtml(reply, chartsView(await chartData(app, zone)));
  });
}
