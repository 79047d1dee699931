import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseV1Date } from '../pacific-time.js';
import type { OrderRecord } from '../records.js';
import { markShipped } from '../shipping-actions.js';
import type { SimContext } from '../sim-context.js';
import { NotFound, RuleViolation } from '../sim-errors.js';
import { holdOrder, restoreFromHold } from '../staff-actions.js';
import { bindBody, dateParam, inRange, intParam, lowerQuery, pageV1, sendModelState, sortBy } from './v1-http.js';
import { bindV1Order } from './v1-order-input.js';
import { upsertV1Order } from './v1-upsert.js';
import { orderToV1 } from './v1-views.js';

export const V1_BULK_LIMIT = 100;

/** The orders V1 lists: sales orders not soft-deleted (a V2 shipment without a sales order is not a V1 order). */
export function v1Visible(o: OrderRecord): boolean {
  return o.salesOrder && o.active;
}

export function requireOrder(ctx: SimContext, orderId: number | undefined | null): OrderRecord {
  const order = orderId === undefined || orderId === null ? undefined : ctx.state.orders.get(orderId);
  if (!order?.salesOrder) throw new NotFound(`Order ${orderId} not found.`);
  return order;
}

const contains = (haystack: string | null | undefined, needle: string) =>
  (haystack ?? '').toLowerCase().includes(needle.toLowerCase());

/** GET /orders filters (V1 sheet §6.5), plus the undocumented `importBatch` and `storeID` of webhook URLs. */
function listOrders(ctx: SimContext, q: Record<string, string>): OrderRecord[] {
  const createStart = dateParam(q, 'createDateStart');
  const createEnd = dateParam(q, 'createDateEnd');
  const modifyStart = dateParam(q, 'modifyDateStart');
  const modifyEnd = dateParam(q, 'modifyDateEnd');
  const orderStart = dateParam(q, 'orderDateStart');
  const orderEnd = dateParam(q, 'orderDateEnd');
  const paymentStart = dateParam(q, 'paymentDateStart');
  const paymentEnd = dateParam(q, 'paymentDateEnd');
  const storeId = intParam(q, 'storeId');
  const tagId = intParam(q, 'tagId');
  const { ordernumber: number, orderstatus: status, customername: customer, itemkeyword: keyword } = q;
  const batch = q['importbatch'];
  const source =
    batch !== undefined
      ? (ctx.state.ordersByImportBatch.get(batch) ?? []).map((id) => ctx.state.orders.get(id)!)
      : ctx.state.orders.values();
  const out: OrderRecord[] = [];
  for (const o of source) {
    if (!v1Visible(o)) continue;
    if (batch !== undefined && o.importBatch !== batch) continue;
    if (status && o.orderStatus !== status) continue;
    // "performs a 'starts with' search" — orderNumber=100 also finds 1001 (V1 sheet §12.1).
    if (number && !o.orderNumber.toLowerCase().startsWith(number.toLowerCase())) continue;
    if (storeId !== undefined && o.advancedOptions.storeId !== storeId) continue;
    if (tagId !== undefined && !o.tagIds.includes(tagId)) continue;
    if (customer && !contains(o.shipTo.name, customer) && !contains(o.billTo.name, customer)) continue;
    if (
      keyword &&
      !o.items.some(
        (i) =>
          contains(i.sku, keyword) || contains(i.name, keyword) || i.options.some((x) => contains(x.value, keyword)),
      )
    )
      continue;
    if (!inRange(o.createDate, createStart, createEnd)) continue;
    if (!inRange(o.modifyDate, modifyStart, modifyEnd)) continue;
    if (!inRange(o.orderDate, orderStart, orderEnd)) continue;
    if (!inRange(o.paymentDate, paymentStart, paymentEnd)) continue;
    out.push(o);
  }
  const keys: Record<string, (o: OrderRecord) => number | null> = {
    orderdate: (o) => o.orderDate,
    modifydate: (o) => o.modifyDate,
    createdate: (o) => o.createDate,
  };
  return sortBy(out, keys[(q['sortby'] ?? '').toLowerCase()] ?? null, q['sortdir']);
}

const orderIdBody = z.object({ orderId: z.number().int() });

export function registerV1OrderRoutes(app: FastifyInstance, ctx: SimContext): void {
  registerReads(app, ctx);
  registerCreates(app, ctx);
  registerHoldsAndMarks(app, ctx);
  registerTagsAndUsers(app, ctx);
}

/** Lists, one order, and the soft delete. */
function registerReads(app: FastifyInstance, ctx: SimContext): void {
  const list = { config: { list: true } };
  const listHandler = async (request: FastifyRequest) => {
    const q = lowerQuery(request);
    return pageV1(listOrders(ctx, q), q, 'orders', orderToV1);
  };
  app.get('/orders', list, listHandler);
  app.get('/orders/list', list, listHandler);
  app.get('/orders/listbytag', list, listHandler);

  app.get<{ Params: { orderId: string } }>('/orders/:orderId', async (request) => {
    return orderToV1(requireOrder(ctx, Number(request.params.orderId)));
  });

  // "soft" delete: the order is "set to inactive" and leaves the lists (V1 sheet §6.6).
  app.delete<{ Params: { orderId: string } }>('/orders/:orderId', async (request) => {
    const order = requireOrder(ctx, Number(request.params.orderId));
    ctx.state.putOrder({ ...order, active: false, modifyDate: ctx.clock.now() });
    return { success: true, message: 'The requested order has been deleted.' };
  });
}

/** Upserts by orderKey, one or up to V1_BULK_LIMIT at a time. */
function registerCreates(app: FastifyInstance, ctx: SimContext): void {
  app.post('/orders/createorder', { config: { v1Param: 'apiOrder' } }, async (request, reply) => {
    const bound = bindV1Order(request.body, 'apiOrder');
    if (!bound.ok) return reply.code(400).send({ Message: 'The request is invalid.', ModelState: bound.modelState });
    const batch = ctx.state.random.uuid();
    const outcome = upsertV1Order(ctx, bound.body, batch);
    if (!outcome.ok) {
      return reply.code(400).send({
        Message: 'An error has occurred.',
        ExceptionMessage: outcome.error,
        ExceptionType: 'System.Exception',
        StackTrace: null,
      });
    }
    ctx.events.ordersImported(
      batch,
      outcome.notify ? [outcome.order.orderId] : [],
      outcome.created ? [outcome.order.orderId] : [],
    );
    return orderToV1(outcome.order);
  });

  app.post('/orders/createorders', { config: { v1Param: 'apiOrders' } }, (request, reply) =>
    createOrders(ctx, request.body, reply),
  );
}

/** `POST /orders/createorders`: every body bound first (a bad one fails the whole call), then upserted one by one. */
async function createOrders(ctx: SimContext, body: unknown, reply: FastifyReply) {
  if (!Array.isArray(body)) {
    return sendModelState(reply, 'apiOrders.orderNumber', [
      'Cannot deserialize the current JSON object (e.g. {"name":"value"}) into type \'SS.OpenApi.Models.Orders.Order[]\' because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.',
    ]);
  }
  if (body.length > V1_BULK_LIMIT) {
    return sendModelState(reply, 'apiOrders', [
      `The maximum number of orders per request is ${V1_BULK_LIMIT}; ${body.length} were sent.`,
    ]);
  }
  const modelState: Record<string, string[]> = {};
  const bodies = body.map((raw, index) => {
    const bound = bindV1Order(raw, `apiOrders[${index}]`);
    if (!bound.ok) Object.assign(modelState, bound.modelState);
    return bound.ok ? bound.body : null;
  });
  if (Object.keys(modelState).length > 0)
    return reply.code(400).send({ Message: 'The request is invalid.', ModelState: modelState });
  const batch = ctx.state.random.uuid();
  const notify: number[] = [];
  const created: number[] = [];
  const results = bodies.map((b) => {
    const outcome = upsertV1Order(ctx, b!, batch);
    if (!outcome.ok) {
      // INFERRED: a failed order reports orderId 0 (.NET's default int) with its message.
      return {
        orderId: 0,
        orderNumber: outcome.orderNumber,
        orderKey: outcome.orderKey,
        success: false,
        errorMessage: outcome.error,
      };
    }
    if (outcome.notify) notify.push(outcome.order.orderId);
    if (outcome.created) created.push(outcome.order.orderId);
    const o = outcome.order;
    return {
      orderId: o.orderId,
      orderNumber: o.orderNumber,
      orderKey: o.orderKey,
      success: true,
      errorMessage: null,
    };
  });
  ctx.events.ordersImported(batch, notify, created);
  return { hasErrors: results.some((r) => !r.success), results };
}

function registerHoldsAndMarks(app: FastifyInstance, ctx: SimContext): void {
  app.post('/orders/holduntil', async (request) => {
    const body = bindBody(z.object({ orderId: z.number().int(), holdUntilDate: z.string() }), request.body);
    const date = parseV1Date(body.holdUntilDate);
    if (!date) throw new RuleViolation(`'${body.holdUntilDate}' is not a valid holdUntilDate.`);
    holdOrder(ctx.state, requireOrder(ctx, body.orderId), date, ctx.clock.now());
    return { success: true, message: 'Order held successfully.' };
  });

  app.post('/orders/restorefromhold', async (request) => {
    const body = bindBody(orderIdBody, request.body);
    restoreFromHold(ctx.state, requireOrder(ctx, body.orderId), ctx.clock.now());
    return { success: true, message: 'The requested order has been restored' };
  });

  const markBody = z.object({
    orderId: z.number().int(),
    carrierCode: z.string(),
    shipDate: z.string().nullish(),
    trackingNumber: z.string().nullish(),
    notifyCustomer: z.boolean().nullish(),
    notifySalesChannel: z.boolean().nullish(),
  });
  // The documented path is markasshipped; shipstation-node calls markshipped (V1 sheet §6.6): both answer.
  const markHandler = async (request: FastifyRequest) => {
    const body = bindBody(markBody, request.body);
    const order = requireOrder(ctx, body.orderId);
    markShipped(
      ctx.state,
      order,
      {
        carrierCode: body.carrierCode,
        shipDate: body.shipDate ? parseV1Date(body.shipDate) : null,
        trackingNumber: body.trackingNumber ?? null,
        notifyCustomer: body.notifyCustomer ?? false,
        notifySalesChannel: body.notifySalesChannel ?? false,
      },
      ctx.clock.now(),
    );
    return { orderId: order.orderId, orderNumber: order.orderNumber };
  };
  app.post('/orders/markasshipped', markHandler);
  app.post('/orders/markshipped', markHandler);
}

function registerTagsAndUsers(app: FastifyInstance, ctx: SimContext): void {
  const tagBody = z.object({ orderId: z.number().int(), tagId: z.number().int() });
  app.post('/orders/addtag', async (request) => {
    const body = bindBody(tagBody, request.body);
    const order = requireOrder(ctx, body.orderId);
    if (!ctx.state.tags.has(body.tagId)) throw new NotFound(`Tag ${body.tagId} not found.`);
    if (!order.tagIds.includes(body.tagId)) {
      ctx.state.putOrder({ ...order, tagIds: [...order.tagIds, body.tagId], modifyDate: ctx.clock.now() });
    }
    return { success: true, message: 'Tag added successfully.' };
  });
  app.post('/orders/removetag', async (request) => {
    const body = bindBody(tagBody, request.body);
    const order = requireOrder(ctx, body.orderId);
    ctx.state.putOrder({ ...order, tagIds: order.tagIds.filter((t) => t !== body.tagId), modifyDate: ctx.clock.now() });
    return { success: true, message: 'Tag removed successfully.' };
  });

  const userBody = z.object({ orderIds: z.array(z.number().int()), userId: z.string().nullish() });
  const assign = (unassign: boolean) => async (request: FastifyRequest) => {
    const body = bindBody(userBody, request.body);
    // "If ANY of the orders within the array are not found, no orders will have a user assigned to them."
    const orders = body.orderIds.map((id) => requireOrder(ctx, id));
    for (const o of orders) {
      ctx.state.putOrder({ ...o, userId: unassign ? null : (body.userId ?? null), modifyDate: ctx.clock.now() });
    }
    return { success: true, message: unassign ? 'User unassigned successfully.' : 'User assigned successfully.' };
  };
  app.post('/orders/assignuser', assign(false));
  app.post('/orders/unassignuser', assign(true));
}
