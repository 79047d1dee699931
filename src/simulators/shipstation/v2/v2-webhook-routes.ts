import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WebhookRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { NotFound } from '../sim-errors.js';
import { V2_EVENTS } from '../webhook-events.js';
import { omitNulls, parseSeId, seId } from './v2-convert.js';
import { sendV2Error } from './v2-http.js';

function webhookToV2(h: WebhookRecord): Record<string, unknown> {
  return omitNulls({
    webhook_id: seId(h.id),
    url: h.url,
    event: h.event,
    headers: h.headers,
    name: h.name,
    store_id: h.storeId,
  });
}

const headers = z.array(z.object({ key: z.string().min(1), value: z.string() })).nullish();
const createBody = z.object({
  event: z.enum(V2_EVENTS),
  url: z.url(),
  name: z.string().nullish(),
  headers,
  store_id: z.union([z.number().int(), z.string()]).nullish(),
});
const updateBody = z.object({ url: z.url().nullish(), name: z.string().nullish(), headers });

const storeIdOf = (raw: number | string | null | undefined): number | null => {
  if (raw === null || raw === undefined || raw === '') return null;
  return typeof raw === 'number' ? raw : (parseSeId(raw) ?? Number(raw));
};

/** `/v2/environment/webhooks` CRUD (§6.1): a bare array list, one URL per event (409 for a second one). */
export function registerV2WebhookRoutes(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  const hooks = () => [...state.webhooks.values()].filter((h) => h.api === 'v2');
  const hook = (id: string) => {
    const h = state.webhooks.get(parseSeId(id) ?? -1);
    if (h?.api !== 'v2') throw new NotFound(`Webhook '${id}' was not found.`);
    return h;
  };

  app.get('/v2/environment/webhooks', async () => hooks().map(webhookToV2));
  app.get<{ Params: { id: string } }>('/v2/environment/webhooks/:id', async (request) =>
    webhookToV2(hook(request.params.id)),
  );

  app.post('/v2/environment/webhooks', async (request, reply) => {
    const body = createBody.parse(request.body);
    const storeId = storeIdOf(body.store_id);
    // INFERRED: one subscription per (event, store): an account-wide one conflicts with any other for the event.
    const taken = hooks().find(
      (h) => h.event === body.event && (h.storeId === null || storeId === null || h.storeId === storeId),
    );
    if (taken) {
      return sendV2Error(
        reply,
        409,
        'business_rules',
        'webhook_event_type_conflict',
        `A webhook for the event '${body.event}' already exists (${seId(taken.id)}). Only one URL per event is allowed.`,
      );
    }
    const id = state.nextId('webhook');
    const record: WebhookRecord = {
      api: 'v2',
      id,
      event: body.event,
      url: body.url,
      name: body.name ?? null,
      storeId,
      headers: body.headers ?? [],
      owner: 'connector',
      active: true,
    };
    state.webhooks.set(id, record);
    // 200, as both published documents say (the simulator answered 201 before).
    return reply.code(200).send(webhookToV2(record));
  });

  app.put<{ Params: { id: string } }>('/v2/environment/webhooks/:id', async (request, reply) => {
    const existing = hook(request.params.id);
    const body = updateBody.parse(request.body ?? {});
    state.webhooks.set(existing.id, {
      ...existing,
      url: body.url ?? existing.url,
      name: body.name === undefined ? existing.name : body.name,
      headers: body.headers ?? existing.headers,
    });
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/v2/environment/webhooks/:id', async (request, reply) => {
    state.webhooks.delete(hook(request.params.id).id);
    return reply.code(204).send();
  });
}
