import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Connection } from '../../../domain/connection.js';
import { FIELD_TARGETS, type FieldTarget } from '../../../domain/field-mapping.js';
import { applyFieldAssignments, formatFieldSource, resolveFieldMapping } from '../../../mapping/field-mapping.js';
import { Connector } from '../../../runtime/connector.js';
import {
  type FieldMappingPreview,
  previewFieldMapping,
  saveFieldMapping,
} from '../../../runtime/field-mapping-runner.js';
import { chooseConnection, type Dash, redirectWith, sessionOf } from '../dashboard-context.js';
import { fieldMappingView, valuesFrom } from '../views/field-mapping-view.js';
import { connectionPicker, noConnectionsYet } from '../views/picker.js';
import { renderPage } from './page.js';

type Params = { Params: { name: string } };
const PAGE = { title: 'Field mapping', active: 'mappings' as const };

const savedValues = (c: Connection) => {
  const m = resolveFieldMapping(c.settings.fields);
  return Object.fromEntries(FIELD_TARGETS.map((t) => [t, formatFieldSource(m[t])])) as Record<FieldTarget, string>;
};

/** `/mappings/fields`: the field mapping page; Preview renders it with a real order, Save checks and stores. */
export function fieldMappingRoutes(f: FastifyInstance, dash: Dash): void {
  f.get<{ Querystring: { c?: string } }>('/mappings/fields', async (req, reply) => {
    const { all, selected } = await chooseConnection(dash, req.query.c);
    if (!selected) return renderPage(dash, req, reply, PAGE, noConnectionsYet());
    return page(dash, req, reply, selected, all, {
      values: savedValues(selected),
      orderNumber: '',
      errors: [],
      preview: null,
    });
  });

  f.post<Params>('/mappings/:name/fields/preview', async (req, reply) => {
    const c = await dash.app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const { values, orderNumber, proposed } = posted(req.body);
    let preview: FieldMappingPreview | null = null;
    const errors = proposed.ok ? [] : proposed.errors;
    if (proposed.ok && !orderNumber) errors.push('Type a Sage order number to preview on.');
    if (proposed.ok && orderNumber) {
      preview = await withConnector(dash, (connector) =>
        previewFieldMapping(connector, c, orderNumber, proposed.mapping),
      );
    }
    return page(dash, req, reply, c, await dash.app.store.connections.list(), { values, orderNumber, errors, preview });
  });

  f.post<Params>('/mappings/:name/fields/save', async (req, reply) => {
    const c = await dash.app.store.connections.getByName(req.params.name);
    if (!c) return reply.callNotFound();
    const { values, orderNumber, proposed } = posted(req.body);
    const all = await dash.app.store.connections.list();
    if (!proposed.ok)
      return page(dash, req, reply, c, all, { values, orderNumber, errors: proposed.errors, preview: null }, 422);
    const result = await withConnector(dash, (connector) => saveFieldMapping(connector, c, proposed.mapping));
    if (!result.saved) {
      const errors = [...result.errors.map((e) => e.message), 'Nothing saved.'];
      return page(dash, req, reply, c, all, { values, orderNumber, errors, preview: null }, 422);
    }
    const updated = await dash.app.store.connections.getById(c.id);
    if (updated) await dash.service.connectionChanged(updated);
    return redirectWith(dash, req, reply, `/mappings/fields?c=${encodeURIComponent(c.name)}`, {
      kind: 'ok',
      text: 'Field mapping saved. Open orders are updated by the next edits pass; shipped orders never change.',
    });
  });
}

/** What Preview and Save post: the typed boxes, the order to preview on, and the boxes read as a mapping. */
function posted(raw: unknown) {
  const body = (raw ?? {}) as Record<string, unknown>;
  const values = valuesFrom(body);
  const orderNumber = typeof body['orderNumber'] === 'string' ? body['orderNumber'].trim() : '';
  return { values, orderNumber, proposed: proposal(values) };
}

/** The typed boxes as a mapping (an empty box is none). */
function proposal(values: Record<FieldTarget, string>) {
  return applyFieldAssignments(
    resolveFieldMapping(undefined),
    FIELD_TARGETS.map((t) => `${t}=${values[t].trim() === '' ? 'none' : values[t]}`),
  );
}

/** Preview and save read Sage through a connector of their own (its clients are built for the call). */
async function withConnector<T>(dash: Dash, fn: (c: Connector) => Promise<T>): Promise<T> {
  const connector = new Connector(dash.app);
  try {
    return await fn(connector);
  } finally {
    connector.stop();
  }
}

async function page(
  dash: Dash,
  req: FastifyRequest,
  reply: FastifyReply,
  c: Connection,
  all: Connection[],
  m: {
    values: Record<FieldTarget, string>;
    orderNumber: string;
    errors: string[];
    preview: FieldMappingPreview | null;
  },
  status = 200,
) {
  const session = await sessionOf(dash, req);
  const body = fieldMappingView({ connection: c, csrf: session.csrf, picker: connectionPicker(all, c), ...m });
  return renderPage(dash, req, reply, PAGE, body, status);
}
