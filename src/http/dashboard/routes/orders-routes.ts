import type { FastifyInstance } from 'fastify';
import { ordersFlow } from '../../../runtime/flows/orders-flow.js';
import { chooseConnection, type Dash, redirectWith, sessionOf } from '../dashboard-context.js';
import { orderDetail } from '../model/order-detail.js';
import { describeRun, patiently, withinMs } from '../model/run-now.js';
import { orderView } from '../views/order-view.js';
import { ordersView, STATE_FILTERS } from '../views/orders-view.js';
import { noConnectionsYet } from '../views/picker.js';
import { renderPage } from './page.js';

const PAGE_SIZE = 100;

type OrderParams = { Params: { name: string; key: string } };

export function ordersRoutes(f: FastifyInstance, dash: Dash): void {
  const { app, service } = dash;

  f.get<{ Querystring: { c?: string; q?: string; state?: string; page?: string } }>('/orders', async (req, reply) => {
    const { all, selected } = await chooseConnection(dash, req.query.c);
    const page = { title: 'Orders', active: 'orders' as const };
    if (!selected) return renderPage(dash, req, reply, page, noConnectionsYet());
    const text = (req.query.q ?? '').trim().slice(0, 100);
    const filter = STATE_FILTERS.find((s) => s.value === req.query.state) ?? STATE_FILTERS[0]!;
    const pageNo = Math.max(0, Math.min(10_000, Number.parseInt(req.query.page ?? '0', 10) || 0));
    const rows = await app.store.records.search({
      connectionId: selected.id,
      kind: 'order',
      ...(filter.states.length ? { states: filter.states } : {}),
      ...(text ? { text } : {}),
      limit: PAGE_SIZE,
      offset: pageNo * PAGE_SIZE,
    });
    const body = ordersView({
      connections: all,
      connection: selected,
      rows,
      counts: await app.store.records.countByState(selected.id),
      query: { c: selected.name, q: text, state: filter.value, page: pageNo },
      pageSize: PAGE_SIZE,
      now: app.clock.now(),
    });
    return renderPage(dash, req, reply, page, body);
  });

  f.get<OrderParams>('/orders/:name/:key', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const detail = await orderDetail(app, c, req.params.key);
    if (!detail.record && detail.events.length === 0) return reply.callNotFound();
    const session = await sessionOf(dash, req);
    const body = orderView(c, req.params.key, detail, session.csrf, app.clock.now());
    const title = `Order ${detail.record?.display ?? req.params.key}`;
    return renderPage(dash, req, reply, { title, active: 'orders' }, body);
  });

  for (const action of ['retry', 'resync'] as const) {
    f.post<OrderParams>(`/orders/:name/:key/${action}`, async (req, reply) => {
      const c = await app.store.connections.getByName(req.params.name);
      if (!c) return reply.callNotFound();
      const key = req.params.key;
      const run = patiently(app.clock, () =>
        service.runPass(c, ordersFlow, { mode: 'orders', uniquifiers: [key], ignorePause: true }),
      );
      if (action === 'resync') service.triggerFlow(c.id, 'shipments');
      const outcome = await withinMs(app.clock, run, 20_000);
      const record = await app.store.records.get(c.id, 'order', key);
      const where = `/orders/${encodeURIComponent(c.name)}/${encodeURIComponent(key)}`;
      if (!outcome.done)
        return redirectWith(dash, req, reply, where, {
          kind: 'ok',
          text: 'Still working on it; this page updates by itself.',
        });
      const said = describeRun('orders', outcome.value);
      const state = record ? ` The order is now: ${record.state.replace(/_/g, ' ')}.` : '';
      return redirectWith(dash, req, reply, where, { kind: said.ok ? 'ok' : 'error', text: `${said.text}${state}` });
    });
  }
}
