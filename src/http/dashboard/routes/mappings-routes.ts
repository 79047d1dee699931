import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Connection } from '../../../domain/connection.js';
import { MAPPING_KINDS, type MappingKind, type MappingTarget } from '../../../domain/mappings.js';
import { referenceFlow } from '../../../runtime/flows/reference-flow.js';
import { chooseConnection, type Dash, redirectWith, sessionOf } from '../dashboard-context.js';
import { applyMappings } from '../model/apply-mappings.js';
import { mappingCheckFor } from '../model/mapping-check.js';
import { acceptableSuggestions, mappingTables, targetOptions } from '../model/mapping-tables.js';
import { mappingCheckView } from '../views/mapping-check-view.js';
import { mappingsView } from '../views/mappings-view.js';
import { connectionPicker, noConnectionsYet } from '../views/picker.js';
import { renderPage } from './page.js';

const rowSchema = z.object({
  kind: z.enum(MAPPING_KINDS as [MappingKind, ...MappingKind[]]),
  sageValue: z.string().min(1),
  target: z.string().default(''),
});

type Params = { Params: { name: string } };

/** What every saved mapping is followed by: the orders held for it need nothing more from anyone. */
const GO_OUT = 'Orders held for it go out by themselves within seconds: no need to press Retry.';

const SKIPPED = 'Orders held for it are marked as not through ShipStation by themselves.';

const isSkip = (t: MappingTarget | 'skip') => t === 'skip' || 'skip' in t;

const back = (c: Connection, anchor = '') => `/mappings?c=${encodeURIComponent(c.name)}${anchor}`;

/** The mappings page, and its forms: set one row, accept one or all suggestions, read both systems again. */
export function mappingsRoutes(f: FastifyInstance, dash: Dash): void {
  mappingsPage(f, dash);
  setMapping(f, dash);
  acceptSuggestions(f, dash);
  refreshReference(f, dash);
}

function mappingsPage(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;
  f.get<{ Querystring: { c?: string } }>('/mappings', async (req, reply) => {
    const { all, selected } = await chooseConnection(dash, req.query.c);
    const page = { title: 'Mappings', active: 'mappings' as const };
    if (!selected) return renderPage(dash, req, reply, page, noConnectionsYet());
    const tables = await mappingTables(app, selected);
    const session = await sessionOf(dash, req);
    const body = mappingsView({
      connection: selected,
      tables,
      acceptable: acceptableSuggestions(tables).length,
      check: mappingCheckView(await mappingCheckFor(app, selected)),
      csrf: session.csrf,
      picker: connectionPicker(all, selected),
    });
    return renderPage(dash, req, reply, page, body);
  });
}

function setMapping(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;
  f.post<Params>('/mappings/:name/set', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const form = rowSchema.parse(req.body ?? {});
    const where = back(c, `#${form.kind}`);
    if (form.target === '') {
      await app.store.mappings.remove(c.id, form.kind, form.sageValue);
      return redirectWith(dash, req, reply, where, { kind: 'ok', text: `${form.sageValue} is not mapped now.` });
    }
    const option = targetOptions(form.kind, await app.store.mappings.reference(c.id)).find(
      (o) => o.value === form.target,
    );
    if (!option)
      return redirectWith(dash, req, reply, where, {
        kind: 'error',
        text: 'ShipStation no longer lists that choice: use "Read both systems now" and choose again.',
      });
    await applyMappings(dash.app, dash.service, c, [
      { kind: form.kind, sageValue: form.sageValue, target: option.target },
    ]);
    return redirectWith(dash, req, reply, where, {
      kind: 'ok',
      // Not through ShipStation: the orders held for it are marked so (skipped), not sent.
      text: `${form.sageValue} → ${option.label}: saved. ${isSkip(option.target) ? SKIPPED : GO_OUT}`,
    });
  });
}

function acceptSuggestions(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;
  f.post<Params>('/mappings/:name/accept', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const form = rowSchema.parse(req.body ?? {});
    const tables = await mappingTables(app, c);
    const row = tables.flatMap((t) => t.rows).find((r) => r.kind === form.kind && r.sageValue === form.sageValue);
    const target = row?.status === 'suggested' && row.target ? row.target : row?.suggestion?.target;
    if (!target)
      return redirectWith(dash, req, reply, back(c), { kind: 'error', text: `No suggestion for ${form.sageValue}.` });
    await applyMappings(dash.app, dash.service, c, [{ kind: form.kind, sageValue: form.sageValue, target }]);
    return redirectWith(dash, req, reply, back(c, `#${form.kind}`), {
      kind: 'ok',
      text: `Accepted for ${form.sageValue}. ${GO_OUT}`,
    });
  });

  f.post<Params>('/mappings/:name/accept-all', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const rows = acceptableSuggestions(await mappingTables(app, c));
    await applyMappings(
      dash.app,
      dash.service,
      c,
      rows.flatMap((r) =>
        r.suggestion?.target ? [{ kind: r.kind, sageValue: r.sageValue, target: r.suggestion.target }] : [],
      ),
    );
    return redirectWith(dash, req, reply, back(c), {
      kind: 'ok',
      text: rows.length
        ? `Accepted ${rows.length} suggestion${rows.length === 1 ? '' : 's'}. Orders held for ${rows.length === 1 ? 'it' : 'them'} go out by themselves within seconds: no need to press Retry.`
        : 'No clear suggestion to accept.',
    });
  });
}

function refreshReference(f: FastifyInstance, dash: Dash): void {
  const { app } = dash;
  f.post<Params>('/mappings/:name/refresh', async (req, reply) => {
    const c = await app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const result = await dash.service.runPass(c, referenceFlow, { ignorePause: true });
    const text =
      result.status === 'ran'
        ? 'Read both systems: the tables below are up to date.'
        : result.status === 'failed'
          ? `Could not read both systems: ${result.error.message}`
          : result.status === 'busy'
            ? 'The reference flow is running right now; look again in a moment.'
            : 'The reference flow is paused.';
    return redirectWith(dash, req, reply, back(c), { kind: result.status === 'ran' ? 'ok' : 'error', text });
  });
}
