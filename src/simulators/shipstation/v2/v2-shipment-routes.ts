import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createOrder, recordToFields, replaceOrder, validateOrderFields } from '../order-writes.js';
import type { OrderRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { NotFound, RuleViolation } from '../sim-errors.js';
import { blankFields } from './v2-blank-fields.js';
import { parseSeId, seId, v1StatusesFor, v2Status } from './v2-convert.js';
import { inRangeV2, pageV2, sendV2Error, sortV2, v2DateParam, v2Query } from './v2-http.js';
import { applyV2Body, createShipmentSchema, updateShipmentSchema } from './v2-shipment-input.js';
import { missingForReplace, replaceBase, replacedExtras } from './v2-shipment-replace.js';
import { shipmentToV2 } from './v2-views.js';

export function requireShipment(ctx: SimContext, id: string): OrderRecord {
  const orderId = parseSeId(id);
  const order = orderId === null ? undefined : ctx.state.orders.get(orderId);
  if (!order) throw new NotFound(`Shipment '${id}' was not found.`);
  return order;
}

const contains = (haystack: string | null | undefined, needle: string) =>
  (haystack ?? '').toLowerCase().includes(needle.toLowerCase());

/** GET /v2/shipments filters (§3.2), plus the undocumented `import_batch_id` of webhook URLs. */
function listShipments(ctx: SimContext, q: Record<string, string>): OrderRecord[] {
  const state = ctx.state;
  const batch = q['batch_id'] ? parseSeId(q['batch_id']) : undefined;
  const importBatch = q['import_batch_id'];
  const created = [v2DateParam(q, 'created_at_start'), v2DateParam(q, 'created_at_end')] as const;
  const modified = [v2DateParam(q, 'modified_at_start'), v2DateParam(q, 'modified_at_end')] as const;
  const paid = [v2DateParam(q, 'payment_date_start'), v2DateParam(q, 'payment_date_end')] as const;
  const statuses = q['shipment_status'] ? v1StatusesFor(q['shipment_status']) : null;
  const storeId = q['store_id'] ? (parseSeId(q['store_id']) ?? Number(q['store_id'])) : undefined;
  let source: Iterable<OrderRecord> = state.orders.values();
  if (batch !== undefined) {
    const ids = new Set((state.shipmentsByBatch.get(batch ?? -1) ?? []).map((id) => state.shipments.get(id)!.orderId));
    source = [...ids].map((id) => state.orders.get(id)!);
  } else if (q['external_shipment_id']) {
    const order = state.orderByKey(q['external_shipment_id']);
    source = order ? [order] : [];
  } else if (importBatch !== undefined) {
    source = (state.ordersByImportBatch.get(importBatch) ?? []).map((id) => state.orders.get(id)!);
  }
  const out: OrderRecord[] = [];
  for (const o of source) {
    if (!o.active) continue;
    if (importBatch !== undefined && o.importBatch !== importBatch) continue;
    if (q['external_shipment_id'] && o.orderKey !== q['external_shipment_id']) continue;
    if (q['shipment_number'] && o.orderNumber !== q['shipment_number']) continue;
    if (q['sales_order_id'] && (!o.salesOrder || seId(o.orderId) !== q['sales_order_id'])) continue;
    if (storeId !== undefined && o.advancedOptions.storeId !== storeId) continue;
    if (q['ship_to_name'] && !contains(o.shipTo.name, q['ship_to_name'])) continue;
    if (
      q['item_keyword'] &&
      !o.items.some((i) => contains(i.sku, q['item_keyword']!) || contains(i.name, q['item_keyword']!))
    )
      continue;
    if (!inRangeV2(o.paymentDate, paid[0], paid[1])) continue;
    // "With batch_id, the API ignores shipment_status, modified_at_*, created_at_* and tag" (§3.2).
    if (batch === undefined) {
      if (statuses && !statuses.has(o.orderStatus)) continue;
      if (!inRangeV2(o.createDate, created[0], created[1])) continue;
      if (!inRangeV2(o.modifyDate, modified[0], modified[1])) continue;
      if (q['tag'] && !o.tagIds.some((t) => state.tags.get(t)?.name === q['tag'])) continue;
    }
    out.push(o);
  }
  const key = q['sort_by'] === 'modified_at' ? (o: OrderRecord) => o.modifyDate : (o: OrderRecord) => o.createDate;
  return sortV2(out, key, q['sort_dir']);
}

function tagId(ctx: SimContext, name: string): number {
  for (const t of ctx.state.tags.values()) if (t.name === name) return t.tagId;
  const id = ctx.state.nextId('tag');
  ctx.state.tags.set(id, { tagId: id, name, color: '#CCCCCC' });
  return id;
}

/** One item of a bulk create: the new shipment, or the input echoed back with its errors (INFERRED, §3.6). */
function createOne(
  ctx: SimContext,
  raw: unknown,
  batch: string,
  seenKeys: Set<string>,
): { ok: boolean; body: Record<string, unknown>; order?: OrderRecord } {
  const echo = (errors: string[]) => ({
    ok: false,
    body: {
      ...(typeof raw === 'object' && raw !== null ? raw : {}),
      shipment_id: null,
      errors,
      address_validation: null,
    },
  });
  const parsed = createShipmentSchema.safeParse(raw);
  if (!parsed.success) return echo(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const body = parsed.data;
  // "Max 50 chars; Any additional characters will be truncated" (§3.7).
  const key = body.external_shipment_id ? body.external_shipment_id.slice(0, 50) : null;
  if (key !== null && (seenKeys.has(key) || ctx.state.orderIdByKey.has(key))) {
    const existing = ctx.state.orderByKey(key);
    const where = existing ? ` (shipment_id ${seId(existing.orderId)})` : ' earlier in this request';
    return echo([`A shipment with external_shipment_id '${key}' already exists${where}.`]);
  }
  const now = ctx.clock.now();
  const applied = applyV2Body(ctx.state, blankFields(now), body);
  if (!applied.ok) return echo([applied.error]);
  const fields = applied.fields;
  if (fields.advancedOptions.warehouseId === null && !body.ship_from) {
    return echo(['Either warehouse_id or ship_from must be specified.']);
  }
  if (body.tags) fields.tagIds = body.tags.map((t) => tagId(ctx, t.name));
  if (!fields.orderNumber) fields.orderNumber = key ?? 'pending';
  const problem = validateOrderFields(ctx.state, fields, true);
  if (problem) return echo([problem]);
  if (key !== null) seenKeys.add(key);
  let order = createOrder(ctx.state, fields, {
    now,
    importBatch: batch,
    salesOrder: body.create_sales_order ?? false,
    orderKey: key,
    v2: applied.v2,
  });
  if (key === null) {
    // "if omitted the API generates one, e.g. se-123456789"; shipment_number "if undefined, will match" it.
    const generated = seId(order.orderId);
    order = { ...order, orderKey: generated, orderNumber: body.shipment_number ?? generated };
    ctx.state.putOrder(order, ctx.state.orders.get(order.orderId)!.orderKey);
  }
  return { ok: true, body: { ...shipmentToV2(ctx.state, order), errors: [], address_validation: null }, order };
}

/** `PUT /v2/shipments/:id`: a partial body merged into a pending shipment. */
function updateShipment(ctx: SimContext, id: string, rawBody: unknown) {
  const existing = requireShipment(ctx, id);
  const status = v2Status(existing.orderStatus);
  if (status !== 'pending') {
    throw new RuleViolation(`Shipment ${seId(existing.orderId)} has status '${status}' and can no longer be updated.`);
  }
  const body = updateShipmentSchema.parse(rawBody ?? {});
  if (body.external_shipment_id && body.external_shipment_id !== existing.orderKey) {
    throw new RuleViolation(
      'external_shipment_id cannot be changed after the shipment is created.',
      'invalid_field_value',
    );
  }
  const now = ctx.clock.now();
  // Strict mode (ShipEngine's document): ship_to and ship_from/warehouse_id required, the body replaces all.
  if (ctx.v2UpdateReplaces) {
    const missing = missingForReplace(body);
    if (missing) {
      throw new RuleViolation(
        `${missing} is required: this update replaces the whole shipment.`,
        'field_value_required',
      );
    }
  }
  const fields = recordToFields(existing);
  const base = ctx.v2UpdateReplaces ? replaceBase(fields, now) : fields;
  const applied = applyV2Body(ctx.state, base, body);
  if (!applied.ok) throw new RuleViolation(applied.error, 'invalid_field_value');
  const problem = validateOrderFields(ctx.state, applied.fields, false);
  if (problem) throw new RuleViolation(problem, 'invalid_field_value');
  const v2 = ctx.v2UpdateReplaces ? { ...replacedExtras(existing), ...applied.v2 } : applied.v2;
  const order = replaceOrder(ctx.state, existing, applied.fields, now, v2);
  return shipmentToV2(ctx.state, order);
}

export function registerV2ShipmentRoutes(app: FastifyInstance, ctx: SimContext): void {
  const base = () => ctx.origin();

  app.get('/v2/shipments', { config: { list: true } }, async (request) => {
    const q = v2Query(request);
    return pageV2(base(), '/v2/shipments', q, listShipments(ctx, q), 'shipments', (o) => shipmentToV2(ctx.state, o));
  });

  app.post('/v2/shipments', async (request, reply) => {
    const body = request.body as { shipments?: unknown } | undefined;
    if (!body || !Array.isArray(body.shipments) || body.shipments.length === 0) {
      return sendV2Error(reply, 400, 'validation', 'request_body_required', 'shipments must be a non-empty array.', {
        field_name: 'shipments',
      });
    }
    const batch = ctx.state.random.uuid();
    const seen = new Set<string>();
    const results = body.shipments.map((raw) => createOne(ctx, raw, batch, seen));
    const created = results.flatMap((r) => (r.order ? [r.order] : []));
    ctx.events.ordersImported(
      batch,
      created.filter((o) => o.salesOrder && o.orderStatus !== 'awaiting_payment').map((o) => o.orderId),
      created.map((o) => o.orderId),
    );
    return { has_errors: results.some((r) => !r.ok), shipments: results.map((r) => r.body) };
  });

  app.get<{ Params: { id: string } }>('/v2/shipments/external_shipment_id/:id', async (request) => {
    const order = ctx.state.orderByKey(request.params.id);
    if (!order) throw new NotFound(`No shipment with external_shipment_id '${request.params.id}'.`);
    return shipmentToV2(ctx.state, order);
  });

  app.get<{ Params: { id: string } }>('/v2/shipments/:id', async (request) =>
    shipmentToV2(ctx.state, requireShipment(ctx, request.params.id)),
  );

  // Merges a partial body; refused once a label is bought or the shipment is cancelled (INFERRED, §3.8).
  app.put<{ Params: { id: string } }>('/v2/shipments/:id', async (request) =>
    updateShipment(ctx, request.params.id, request.body),
  );

  // The spec says PUT; the official MCP client sends POST (§3.1): both answer 204.
  const cancel = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const order = requireShipment(ctx, request.params.id);
    if (order.orderStatus === 'shipped') {
      throw new RuleViolation(`Shipment ${seId(order.orderId)} has a label; void it before cancelling.`);
    }
    if (order.orderStatus !== 'cancelled') {
      ctx.state.putOrder({ ...order, orderStatus: 'cancelled', holdUntilDate: null, modifyDate: ctx.clock.now() });
    }
    return reply.code(204).send();
  };
  app.put('/v2/shipments/:id/cancel', cancel);
  app.post('/v2/shipments/:id/cancel', cancel);

  app.post<{ Params: { id: string; tag: string } }>('/v2/shipments/:id/tags/:tag', async (request) => {
    const order = requireShipment(ctx, request.params.id);
    const id = tagId(ctx, request.params.tag);
    if (!order.tagIds.includes(id))
      ctx.state.putOrder({ ...order, tagIds: [...order.tagIds, id], modifyDate: ctx.clock.now() });
    return { shipment_id: seId(order.orderId), tag: { name: request.params.tag } };
  });
  app.delete<{ Params: { id: string; tag: string } }>('/v2/shipments/:id/tags/:tag', async (request, reply) => {
    const order = requireShipment(ctx, request.params.id);
    const tag = [...ctx.state.tags.values()].find((t) => t.name === request.params.tag);
    if (tag)
      ctx.state.putOrder({
        ...order,
        tagIds: order.tagIds.filter((t) => t !== tag.tagId),
        modifyDate: ctx.clock.now(),
      });
    return reply.code(204).send();
  });
  app.get('/v2/tags', async () => ({ tags: [...ctx.state.tags.values()].map((t) => ({ name: t.name })) }));
  app.post<{ Params: { tag: string } }>('/v2/tags/:tag', async (request) => {
    tagId(ctx, request.params.tag);
    return { name: request.params.tag };
  });
}
