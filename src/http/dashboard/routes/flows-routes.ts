import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { redactSecrets } from '../../../observability/redact.js';
import { ordersFlow } from '../../../runtime/flows/orders-flow.js';
import { flowNamed } from '../../../runtime/flows/registry.js';
import { chooseConnection, type Dash, redirectWith, sessionOf } from '../dashboard-context.js';
import { flowRows } from '../model/flow-rows.js';
import { describeRun, patiently, runFlowNow, withinMs } from '../model/run-now.js';
import { dryRunView, flowsView } from '../views/flows-view.js';
import { connectionPicker, noConnectionsYet } from '../views/picker.js';
import { renderPage } from './page.js';

type FlowParams = { Params: { name: string; flow: string } };

/** How long a "Run now" keeps the page waiting before saying the run goes on in the background. */
const WAIT_FOR_RUN_MS = 20_000;

export function flowsRoutes(f: FastifyInstance, dash: Dash): void {
  const { app, service } = dash;
  const back = (name: string) => `/flows?c=${encodeURIComponent(name)}`;

  f.get<{ Querystring: { c?: string } }>('/flows', async (req, reply) => {
    const { all, selected } = await chooseConnection(dash, req.query.c);
    const page = { title: 'Flows', active: 'flows' as const };
    if (!selected) return renderPage(dash, req, reply, page, noConnectionsYet());
    const { flows, budgets, workers } = await flowRows(app, service, selected);
    const session = await sessionOf(dash, req);
    const now = app.clock.now();
    const body = flowsView({
      connection: selected,
      flows,
      budgets,
      workers,
      csrf: session.csrf,
      now,
      picker: connectionPicker(all, selected),
      today: new Date(now).toISOString().slice(0, 10),
    });
    return renderPage(dash, req, reply, page, body);
  });

  f.post<FlowParams>('/flows/:name/:flow/run', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    const module = flowNamed(req.params.flow);
    if (!c || !module) return reply.callNotFound();
    const flow = module.name;
    const run = patiently(app.clock, () => runFlowNow(service, c, module));
    void run.then((result) => service.recordRun(c, flow, result, null)).catch(() => {});
    const outcome = await withinMs(app.clock, run, WAIT_FOR_RUN_MS);
    const message = outcome.done
      ? describeRun(flow, outcome.value)
      : { ok: true, text: `The ${flow} flow is still running; this page shows when it finishes.` };
    return redirectWith(dash, req, reply, back(c.name), { kind: message.ok ? 'ok' : 'error', text: message.text });
  });

  f.post<FlowParams>('/flows/:name/:flow/dry-run', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    const module = flowNamed(req.params.flow);
    if (!c || !module) return reply.callNotFound();
    const flow = module.name;
    const result = await runFlowNow(service, c, module, { dryRun: true });
    const summary = describeRun(flow, result);
    if (result.status !== 'ran')
      return redirectWith(dash, req, reply, back(c.name), { kind: 'error', text: summary.text });
    const planned = redactSecrets(result.outcome.planned);
    const body = dryRunView(flow, c, planned, `Dry run of the ${flow} flow of ${c.name}: nothing was written.`);
    return renderPage(dash, req, reply, { title: `Dry run: ${flow}`, active: 'flows' }, body);
  });

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    f.post<FlowParams>(`/flows/:name/:flow/${action}`, async (req, reply) => {
      const c = await app.store.connections.getByName(req.params.name);
      const flow = flowNamed(req.params.flow)?.name;
      if (!c || !flow) return reply.callNotFound();
      await app.store.flows.setPaused(c.id, flow, paused);
      if (!paused) service.triggerFlow(c.id, flow);
      return redirectWith(dash, req, reply, back(c.name), {
        kind: 'ok',
        text: paused
          ? `The ${flow} flow is paused: scheduled runs do nothing until it is resumed.`
          : `The ${flow} flow is running on its schedule again.`,
      });
    });
  }

  f.post<FlowParams>('/flows/:name/:flow/rescan', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    if (!c || req.params.flow !== 'orders') return reply.callNotFound();
    const form = z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).safeParse(req.body ?? {});
    if (!form.success || Number.isNaN(Date.parse(form.data.from)))
      return redirectWith(dash, req, reply, back(c.name), { kind: 'error', text: 'Choose the date to re-scan from.' });
    const from = form.data.from;
    const run = patiently(app.clock, () => service.runPass(c, ordersFlow, { mode: 'edits', from, ignorePause: true }));
    void run.then((result) => service.recordRun(c, 'orders', result, null)).catch(() => {});
    const outcome = await withinMs(app.clock, run, WAIT_FOR_RUN_MS);
    const message = outcome.done
      ? describeRun('orders', outcome.value)
      : { ok: true, text: `Re-scanning orders from ${from}; this page shows when it finishes.` };
    return redirectWith(dash, req, reply, back(c.name), {
      kind: message.ok ? 'ok' : 'error',
      text: `Re-scan from ${from}: ${message.text}`,
    });
  });
}
