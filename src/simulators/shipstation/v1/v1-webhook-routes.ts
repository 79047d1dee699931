import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WebhookRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { NotFound, RuleViolation } from '../sim-errors.js';
import { V1_EVENTS } from '../webhook-events.js';
import { bindBody } from './v1-http.js';

/** The account id V1 shows as `SellerID` in the webhook list. */
export const SIM_SELLER_ID = 184_721;

/** `GET /webhooks` is PascalCase, unlike the rest of V1 (V1 sheet §9.1). */
function webhookToV1(h: WebhookRecord): Record<string, unknown> {
  return {
    IsLabelAPIHook: false,
    WebHookID: h.id,
    SellerID: SIM_SELLER_ID,
    StoreID: h.storeId,
    HookType: h.event,
    MessageFormat: 'Json',
    Url: h.url,
    Name: h.name,
    BulkCopyBatchID: null,
    BulkCopyRecordID: null,
    Active: h.active,
    WebhookLogs: [],
    Seller: null,
    Store: null,
  };
}

const subscribeBody = z.object({
  target_url: z.string().url(),
  event: z.string(),
  store_id: z.number().int().nullish(),
  friendly_name: z.string().nullish(),
});

export function registerV1WebhookRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/webhooks', async () => ({
    webhooks: [...ctx.state.webhooks.values()].filter((h) => h.api === 'v1' && h.active).map(webhookToV1),
  }));

  // Answers 201 {"id": n} (the status is undocumented: INFERRED from client tests).
  app.post('/webhooks/subscribe', async (request, reply) => {
    const body = bindBody(subscribeBody, request.body);
    if (!(V1_EVENTS as readonly string[]).includes(body.event)) {
      throw new RuleViolation(`'${body.event}' is not a valid webhook event. Valid events: ${V1_EVENTS.join(', ')}.`);
    }
    if (body.store_id !== null && body.store_id !== undefined && !ctx.state.stores.has(body.store_id)) {
      throw new RuleViolation(`Invalid store_id ${body.store_id}.`);
    }
    const id = ctx.state.nextId('webhook');
    ctx.state.webhooks.set(id, {
      api: 'v1',
      id,
      event: body.event,
      url: body.target_url,
      name: body.friendly_name ?? null,
      storeId: body.store_id ?? null,
      headers: [],
      owner: 'connector',
      active: true,
    });
    return reply.code(201).send({ id });
  });

  // "Returns a 200 response code with no content".
  app.delete<{ Params: { id: string } }>('/webhooks/:id', async (request, reply) => {
    const hook = ctx.state.webhooks.get(Number(request.params.id));
    if (hook?.api !== 'v1') throw new NotFound(`Webhook ${request.params.id} not found.`);
    ctx.state.webhooks.delete(hook.id);
    return reply.code(200).send();
  });
}
