import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FaultKind } from '../faults.js';
import type { SimContext } from '../sim-context.js';
import type { SimAdmin } from './sim-admin.js';

const weight = z.object({ value: z.number(), units: z.enum(['pounds', 'ounces', 'grams']) });
const dimensions = z.object({
  units: z.enum(['inches', 'centimeters']),
  length: z.number(),
  width: z.number(),
  height: z.number(),
});
const labelBody = z
  .object({
    carrierCode: z.string().optional(),
    serviceCode: z.string().optional(),
    packages: z.number().int().min(1).max(50).optional(),
    shipDate: z.string().optional(),
    weight: weight.optional(),
    dimensions: dimensions.optional(),
  })
  .strict();
const editBody = z
  .object({
    carrierCode: z.string().nullable().optional(),
    serviceCode: z.string().nullable().optional(),
    packageCode: z.string().nullable().optional(),
    confirmation: z.string().nullable().optional(),
    weight: weight.nullable().optional(),
    dimensions: dimensions.nullable().optional(),
    tagIds: z.array(z.number().int()).optional(),
    warehouseId: z.number().int().optional(),
    internalNotes: z.string().nullable().optional(),
  })
  .strict();
const splitBody = z.object({
  lines: z
    .array(
      z.object({
        orderItemId: z.number().int().optional(),
        lineItemKey: z.string().optional(),
        quantity: z.number().int(),
      }),
    )
    .min(1),
});
const trackingBody = z.object({
  statusCode: z.enum(['UN', 'AC', 'IT', 'DE', 'EX', 'AT', 'NY', 'SP']),
  description: z.string().optional(),
  occurredAt: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  country: z.string().optional(),
});
const foreignBody = z.object({
  api: z.enum(['v1', 'v2']),
  event: z.string(),
  url: z.string(),
  owner: z.string().optional(),
  storeId: z.number().int().nullable().optional(),
  name: z.string().nullable().optional(),
});
const FAULT_KINDS = ['storm', 'errors', 'latency', 'timeouts', 'holdAnswers', 'malformed', 'webhooks'] as const;

type Id = { Params: { id: string } };
const optional = <T>(body: unknown, schema: z.ZodType<T>): T => schema.parse(body ?? {});

/**
 * `/_sim/`: the simulator's own admin API (no auth, JSON), documented route by route in
 * docs/simulator-fidelity.md. Not counted in stats or rate limits.
 */
export function registerAdminRoutes(app: FastifyInstance, _ctx: SimContext, admin: SimAdmin): void {
  const id = (raw: string) => Number(raw);

  app.get('/_sim/orders', async () => admin.listOrders());
  app.get<Id>('/_sim/orders/:id', async (request) => admin.getOrder(id(request.params.id)));
  app.get<{ Params: { key: string } }>('/_sim/orders/by-key/:key', async (request) =>
    admin.getOrderByKey(request.params.key),
  );
  app.get('/_sim/shipments', async () => admin.listShipments());
  app.get('/_sim/fulfillments', async () => admin.listFulfillments());

  app.post<Id>('/_sim/orders/:id/label', async (request) =>
    admin.createLabel(id(request.params.id), optional(request.body, labelBody)),
  );
  app.post<Id>('/_sim/orders/:id/mark-shipped', async (request) =>
    admin.markShipped(
      id(request.params.id),
      optional(
        request.body,
        z.object({
          carrierCode: z.string().optional(),
          trackingNumber: z.string().optional(),
          shipDate: z.string().optional(),
        }),
      ),
    ),
  );
  app.post<Id>('/_sim/orders/:id/provider-ship', async (request) =>
    admin.providerShip(
      id(request.params.id),
      optional(
        request.body,
        z.object({
          providerName: z.string().optional(),
          providerCode: z.string().optional(),
          carrierCode: z.string().optional(),
          trackingNumber: z.string().optional(),
        }),
      ),
    ),
  );
  app.post<Id>('/_sim/orders/:id/split', async (request) =>
    admin.splitOrder(id(request.params.id), splitBody.parse(request.body).lines),
  );
  app.post('/_sim/orders/merge', async (request) =>
    admin.mergeOrders(z.object({ orderIds: z.array(z.number().int()).min(2) }).parse(request.body).orderIds),
  );
  app.post<Id>('/_sim/orders/:id/hold', async (request) =>
    admin.holdOrder(
      id(request.params.id),
      optional(request.body, z.object({ holdUntilDate: z.string().nullable().optional() })).holdUntilDate ?? null,
    ),
  );
  app.post<Id>('/_sim/orders/:id/restore', async (request) => admin.restoreOrder(id(request.params.id)));
  app.post<Id>('/_sim/orders/:id/edit', async (request) =>
    admin.editOrder(id(request.params.id), editBody.parse(request.body)),
  );
  app.post<Id>('/_sim/shipments/:id/void', async (request) => admin.voidLabel(id(request.params.id)));
  app.post<Id>('/_sim/shipments/:id/tracking', async (request) => {
    const body = trackingBody.parse(request.body);
    const { occurredAt, ...rest } = body;
    return admin.addTrackingEvent(id(request.params.id), {
      ...rest,
      ...(occurredAt === undefined ? {} : { occurredAt: Date.parse(occurredAt) }),
    });
  });

  app.get('/_sim/webhooks', async () => admin.listWebhooks());
  app.post('/_sim/webhooks', async (request) => admin.createForeignWebhook(foreignBody.parse(request.body)));
  app.get('/_sim/webhooks/deliveries', async () => admin.deliveries());
  app.post('/_sim/webhooks/idle', async () => {
    await admin.webhooksIdle();
    return { idle: true };
  });

  app.get('/_sim/faults', async () => admin.faults());
  app.post('/_sim/faults', async (request) => admin.setFaults(request.body ?? {}));
  app.delete('/_sim/faults', async () => admin.clearFaults());
  app.delete<{ Params: { kind: string } }>('/_sim/faults/:kind', async (request) => {
    const kind = z.enum(FAULT_KINDS).parse(request.params.kind) as FaultKind;
    return admin.clearFaults(kind);
  });

  // Held answers (the holdAnswers fault): a long poll that answers when one has arrived, and the release.
  app.get<{ Querystring: { waitMs?: string } }>('/_sim/held', async (request, reply) => {
    const waitMs = Math.min(120_000, Math.max(0, Number(request.query.waitMs ?? 0) || 0));
    const first = await admin.heldAnswers().arrived(waitMs);
    if (!first) return reply.code(204).send();
    return { held: admin.heldAnswers().list() };
  });
  app.post<{ Body: { id?: number } | undefined }>('/_sim/held/release', async (request) => ({
    released: admin.heldAnswers().release(typeof request.body?.id === 'number' ? request.body.id : undefined),
  }));

  app.get('/_sim/stats', async () => admin.stats());
  app.post('/_sim/stats/reset', async () => {
    admin.resetStats();
    return admin.stats();
  });
  app.post('/_sim/rate-limits/reset', async () => {
    admin.resetRateLimits();
    return { reset: true };
  });
}
