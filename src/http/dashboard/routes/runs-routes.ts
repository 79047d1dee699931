import type { FastifyInstance } from 'fastify';
import { chooseConnection, type Dash } from '../dashboard-context.js';
import { runDetail } from '../model/run-detail.js';
import { runList, runsFilter } from '../model/run-list.js';
import { connectionPicker, noConnectionsYet } from '../views/picker.js';
import { runDetailView, runsView } from '../views/runs-view.js';
import { renderPage } from './page.js';

/** The runs history (issue 16 point 6): a connection's passes, filtered by flow and result, and each pass. */
export function runsRoutes(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;

  f.get<{ Querystring: { c?: string; flow?: string; result?: string; page?: string } }>('/runs', async (req, reply) => {
    const { all, selected } = await chooseConnection(dash, req.query.c);
    const page = { title: 'Runs', active: 'runs' as const };
    if (!selected) return renderPage(dash, req, reply, page, noConnectionsYet());
    const filter = runsFilter(req.query);
    const body = runsView({
      connection: selected,
      picker: connectionPicker(all, selected),
      runs: await runList(app, selected, filter),
      filter,
      keepDays: app.config.FLOW_RUNS_KEEP_DAYS,
      now: app.clock.now(),
    });
    return renderPage(dash, req, reply, page, body);
  });

  f.get<{ Params: { name: string; id: string } }>('/runs/:name/:id', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    const id = /^\d{1,15}$/.test(req.params.id) ? Number(req.params.id) : Number.NaN;
    if (!c || !Number.isSafeInteger(id)) return reply.callNotFound();
    const detail = await runDetail(app, c, id);
    if (!detail) return reply.callNotFound();
    const title = `Pass of ${detail.run.flow} (${c.name})`;
    return renderPage(dash, req, reply, { title, active: 'runs' }, runDetailView(c, detail, app.clock.now()));
  });
}
