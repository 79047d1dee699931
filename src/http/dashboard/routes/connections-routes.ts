import type { FastifyInstance } from 'fastify';
import { pingConnection } from '../../../connections/ping-connection.js';
import type { Connection } from '../../../domain/connection.js';
import { isHtmx } from '../auth/guard.js';
import { chooseConnection, type Dash, redirectWith, sendHtml, sessionOf } from '../dashboard-context.js';
import { html } from '../html.js';
import { attentionAll } from '../model/attention.js';
import { chartZone, TZ_COOKIE } from '../model/chart-buckets.js';
import { chartData } from '../model/chart-data.js';
import { connectionHealth } from '../model/connection-health.js';
import { lastPing, saveLastPing } from '../model/last-ping.js';
import {
  type ConnectionForm,
  connectionFormSchema,
  FormProblem,
  saveConnectionForm,
} from '../model/save-connection.js';
import { chartsView } from '../views/charts-view.js';
import { type ConnectionFormValues, connectionFormView, emptyFormValues } from '../views/connection-form-view.js';
import { connectionsView, pingButton } from '../views/connections-view.js';
import { layout } from '../views/layout.js';
import { pingView } from '../views/ping-view.js';
import { renderPage } from './page.js';

async function formValues(dash: Dash, c: Connection): Promise<ConnectionFormValues> {
  const kinds = new Set((await dash.app.store.connections.credentialStatus(c.id)).map((s) => s.kind));
  return {
    name: c.name,
    sage300Url: c.sage300?.url ?? '',
    sageUser: '',
    keepCase: c.sage300?.keepCase ?? false,
    v1Url: c.shipstation?.v1Url || emptyFormValues().v1Url,
    v2Url: c.shipstation?.v2Url || emptyFormValues().v2Url,
    ordersApi: c.shipstation?.ordersApi ?? '',
    stored: {
      sageUser: kinds.has('sage300.user'),
      sagePassword: kinds.has('sage300.password'),
      v1: kinds.has('shipstation.v1.key'),
      v2: kinds.has('shipstation.v2.key'),
    },
  };
}

/**
 * What the person typed, minus the secrets (passwords and keys are typed again after a problem). The Sage
 * user is no secret on its own and is kept: clearing it made people type it again after any other error.
 */
function typedValues(form: ConnectionForm, base: ConnectionFormValues): ConnectionFormValues {
  return {
    ...base,
    name: form.name,
    sage300Url: form.sage300Url,
    sageUser: form.sage300User,
    keepCase: !!form.keepCase,
    v1Url: form.v1Url || base.v1Url,
    v2Url: form.v2Url || base.v2Url,
    ordersApi: form.ordersApi,
  };
}

export function connectionsRoutes(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;

  f.get('/', async (req, reply) => {
    const now = app.clock.now();
    const rows = [];
    for (const c of await app.store.connections.list()) rows.push(await connectionHealth(app, c, dash.service.started));
    const attention = (await attentionAll(app, dash.service.started)).length;
    const session = await sessionOf(dash, req);
    const body = connectionsView(rows, {
      csrf: session.csrf,
      now,
      attention,
      // The zone the browser sent before (its cookie), so the first render already shows its hours and days.
      chart: chartsView(await chartData(app, chartZone(req.cookies[TZ_COOKIE]))),
      counts: await app.store.records.countByState(),
    });
    return renderPage(dash, req, reply, { title: 'Connections', active: 'connections' }, body);
  });

  f.get('/connections/new', async (req, reply) => {
    const session = await sessionOf(dash, req);
    const body = connectionFormView(emptyFormValues(), session.csrf, true);
    return renderPage(dash, req, reply, { title: 'Add a connection', active: 'connections' }, body);
  });

  f.get<{ Params: { name: string } }>('/connections/:name', async (req, reply) => {
    const { selected } = await chooseConnection(dash, req.params.name);
    if (!selected || selected.name !== req.params.name) return reply.callNotFound();
    const session = await sessionOf(dash, req);
    const ping = await lastPing(app.store, selected.id);
    const body = html`${connectionFormView(await formValues(dash, selected), session.csrf, false)}
<section><h2>Check the connection</h2>
<p>Ping runs the same checks as <code>ml-connector ping</code>: it reaches both systems, signs in, and checks the rights the connector needs. It writes nothing.</p>
${pingButton(selected.name, session.csrf, 'ping-result')}
<div id="ping-result">${ping ? pingView(ping, app.clock.now()) : ''}</div></section>`;
    return renderPage(dash, req, reply, { title: `Connection ${selected.name}`, active: 'connections' }, body);
  });

  f.post('/connections', async (req, reply) => {
    const form = connectionFormSchema.parse(req.body ?? {});
    const before = form.name ? await app.store.connections.getByName(form.name) : undefined;
    try {
      const { connection, notes } = await saveConnectionForm(app, form);
      await applyToService(dash, connection);
      return redirectWith(dash, req, reply, `/connections/${encodeURIComponent(connection.name)}`, {
        kind: 'ok',
        text: ['Saved. Use Ping to check both systems.', ...notes].join(' '),
      });
    } catch (error) {
      if (!(error instanceof FormProblem)) throw error;
      const session = await sessionOf(dash, req);
      const base = before ? await formValues(dash, before) : emptyFormValues();
      const page = layout(
        {
          title: before ? `Connection ${before.name}` : 'Add a connection',
          active: 'connections',
          csrf: session.csrf,
          flash: { kind: 'error', text: error.message },
        },
        connectionFormView(typedValues(form, base), session.csrf, !before),
      );
      return sendHtml(reply, page, 400);
    }
  });

  f.post<{ Params: { name: string } }>('/connections/:name/ping', async (req, reply) => {
    const connection = await app.store.connections.getByName(req.params.name);
    if (!connection) return reply.callNotFound();
    const result = await pingConnection(app.store, connection);
    await saveLastPing(app.store, connection.id, result, app.clock.now());
    if (isHtmx(req)) return sendHtml(reply, pingView(result, app.clock.now()));
    return reply.redirect(`/connections/${encodeURIComponent(connection.name)}`, 303);
  });
}

/**
 * A saved connection is (re)scheduled at once. An edited one with both halves runs its flows now with the
 * new credentials (not at their next time, which for reference and inventory can be hours away); the
 * nightly reconcile keeps its time.
 */
async function applyToService(dash: Dash, connection: Connection): Promise<void> {
  const jobs = dash.service.jobs().filter((j) => j.connectionId === connection.id);
  await dash.service.connectionChanged(connection);
  if (!connection.sage300 || !connection.shipstation) return;
  for (const j of jobs) if (j.flow !== 'reconcile' && j.flow !== 'alerts') dash.service.trigger(j.key);
}
