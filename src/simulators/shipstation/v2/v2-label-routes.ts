import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AccountState } from '../account-state.js';
import { pacificDate } from '../pacific-time.js';
import type { FulfillmentRecord, OrderRecord, ShipmentRecord } from '../records.js';
import { createLabel, markShipped, voidLabel } from '../shipping-actions.js';
import type { SimContext } from '../sim-context.js';
import { RuleViolation } from '../sim-errors.js';
import { carrierCodeOf, parseSeId, seId } from './v2-convert.js';
import { inRangeV2, pageV2, sortV2, v2DateParam, v2Query } from './v2-http.js';
import { requireShipment } from './v2-shipment-routes.js';
import { fulfillmentToV2, labelToV2, trackingInfo } from './v2-views.js';

function findLabel(ctx: SimContext, id: string): ShipmentRecord | undefined {
  const shipmentId = parseSeId(id);
  return shipmentId === null ? undefined : ctx.state.shipments.get(shipmentId);
}

/** GET /v2/labels filters (§4.2); newest first by default. */
function listLabels(ctx: SimContext, q: Record<string, string>): ShipmentRecord[] {
  const state = ctx.state;
  const batch = q['batch_id'] ? parseSeId(q['batch_id']) : undefined;
  const shipmentId = q['shipment_id'] ? parseSeId(q['shipment_id']) : undefined;
  const created = [v2DateParam(q, 'created_at_start'), v2DateParam(q, 'created_at_end')] as const;
  const carrier = q['carrier_id'] ? carrierCodeOf(state, q['carrier_id']) : undefined;
  const warehouse = q['warehouse_id'] ? parseSeId(q['warehouse_id']) : undefined;
  const ids =
    batch !== undefined
      ? (state.shipmentsByBatch.get(batch ?? -1) ?? [])
      : shipmentId !== undefined
        ? (state.shipmentsByOrder.get(shipmentId ?? -1) ?? [])
        : null;
  const source = ids === null ? [...state.shipments.values()] : ids.map((id) => state.shipments.get(id)!);
  const out = source.filter((s) => {
    const status = s.voided ? 'voided' : 'completed';
    if (q['label_status'] && q['label_status'] !== status) return false;
    if (q['service_code'] && s.serviceCode !== q['service_code']) return false;
    if (carrier !== undefined && s.carrierCode !== carrier) return false;
    if (warehouse !== undefined && s.warehouseId !== warehouse) return false;
    if (q['tracking_number'] && !s.packages.some((p) => p.trackingNumber === q['tracking_number'])) return false;
    return inRangeV2(s.createDate, created[0], created[1]);
  });
  return sortV2(out, (s) => s.createDate, q['sort_dir']);
}

function listFulfillments(ctx: SimContext, q: Record<string, string>): FulfillmentRecord[] {
  const state = ctx.state;
  const created = [v2DateParam(q, 'create_date_start'), v2DateParam(q, 'create_date_end')] as const;
  const shipDays = [v2DateParam(q, 'ship_date_start'), v2DateParam(q, 'ship_date_end')].map((ms) =>
    ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10),
  );
  const out = [...state.fulfillments.values()].filter((f) => {
    const order = state.orders.get(f.orderId);
    if (q['fulfillment_id'] && seId(f.fulfillmentId) !== q['fulfillment_id']) return false;
    if (q['shipment_id'] && seId(f.orderId) !== q['shipment_id']) return false;
    if (q['shipment_number'] && order?.orderNumber !== q['shipment_number']) return false;
    if (q['tracking_number'] && f.trackingNumber !== q['tracking_number']) return false;
    if (q['ship_to_name'] && !(f.shipTo.name ?? '').toLowerCase().includes(q['ship_to_name'].toLowerCase()))
      return false;
    if (q['ship_to_country_code'] && f.shipTo.country !== q['ship_to_country_code']) return false;
    if (q['fulfillment_provider_code'] && f.provider?.code !== q['fulfillment_provider_code']) return false;
    if (shipDays[0] !== undefined && f.shipDate < shipDays[0]) return false;
    if (shipDays[1] !== undefined && f.shipDate > shipDays[1]) return false;
    return inRangeV2(f.createDate, created[0], created[1]);
  });
  return sortV2(out, (f) => f.createDate, q['sort_dir'] ?? 'asc');
}

const fulfillmentsBody = z.object({
  fulfillments: z
    .array(
      z.object({
        shipment_id: z.string(),
        tracking_number: z.string(),
        carrier_code: z.string(),
        ship_date: z.string().nullish(),
        notify_customer: z.boolean().nullish(),
        notify_order_source: z.boolean().nullish(),
      }),
    )
    .min(1),
});

export function registerV2LabelRoutes(app: FastifyInstance, ctx: SimContext): void {
  const base = () => ctx.origin();

  app.get('/v2/labels', { config: { list: true } }, async (request) => {
    const q = v2Query(request);
    return pageV2(base(), '/v2/labels', q, listLabels(ctx, q), 'labels', (s) => labelToV2(ctx.state, base(), s));
  });

  // Buys a label for the whole shipment; it becomes label_purchased, label_created_v2 follows.
  app.post<{ Params: { id: string } }>('/v2/labels/shipment/:id', async (request) => {
    const order = requireShipment(ctx, request.params.id);
    requireCustoms(ctx.state, order);
    const shipment = createLabel(ctx.state, order, { carrierCode: null, serviceCode: null }, ctx.clock.now());
    ctx.events.labelsCreated(shipment.batchId);
    return labelToV2(ctx.state, base(), shipment);
  });

  // The spec answers an unknown label with 404 and an empty body (§8.11).
  app.get<{ Params: { id: string } }>('/v2/labels/:id', async (request, reply) => {
    const label = findLabel(ctx, request.params.id);
    if (!label) return reply.code(404).send('');
    return labelToV2(ctx.state, base(), label);
  });

  app.get<{ Params: { id: string } }>('/v2/labels/:id/track', async (request, reply) => {
    const label = findLabel(ctx, request.params.id);
    if (!label) return reply.code(404).send('');
    return trackingInfo(ctx.state, label);
  });

  app.put<{ Params: { id: string } }>('/v2/labels/:id/void', async (request, reply) => {
    const label = findLabel(ctx, request.params.id);
    if (!label) return reply.code(404).send('');
    const result = voidLabel(ctx.state, label, ctx.clock.now());
    return { ...result, reason_code: result.approved ? 'unspecified' : 'label_already_voided' };
  });

  app.get('/v2/fulfillments', { config: { list: true } }, async (request) => {
    const q = v2Query(request);
    return pageV2(base(), '/v2/fulfillments', q, listFulfillments(ctx, q), 'fulfillments', (f) =>
      fulfillmentToV2(ctx.state, f),
    );
  });

  // Mark shipped with external tracking (the V2 twin of markasshipped): a fulfillment, no webhook.
  app.post('/v2/fulfillments', async (request) => {
    const body = fulfillmentsBody.parse(request.body);
    const results = body.fulfillments.map((f) => {
      try {
        const order = requireShipment(ctx, f.shipment_id);
        markShipped(
          ctx.state,
          order,
          {
            carrierCode: f.carrier_code,
            trackingNumber: f.tracking_number,
            shipDate: f.ship_date ? f.ship_date.slice(0, 10) : pacificDate(ctx.clock.now()),
            notifyCustomer: f.notify_customer ?? false,
            notifySalesChannel: f.notify_order_source ?? false,
          },
          ctx.clock.now(),
        );
        return { shipment_id: f.shipment_id, shipment_number: order.orderNumber, error_message: null };
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        if (!(error instanceof RuleViolation) && error.name !== 'NotFound') throw error;
        return { shipment_id: f.shipment_id, shipment_number: null, error_message: error.message };
      }
    });
    return { has_errors: results.some((r) => r.error_message !== null), fulfillments: results };
  });
}

/**
 * A shipment leaving the ship-from country needs its declaration before a label is bought: `customs` and
 * customs lines (packages[].products). Refused with the document's `customs_items_required` code (INFERRED:
 * which requests the real API refuses, and the message, are not documented).
 */
function requireCustoms(state: AccountState, order: OrderRecord): void {
  const warehouseId = order.advancedOptions.warehouseId;
  const from =
    (order.v2.shipFrom as { country_code?: string } | null)?.country_code ??
    (warehouseId === null ? undefined : state.warehouses.get(warehouseId)?.originAddress.country);
  if (!from || !order.shipTo.country || from.toUpperCase() === order.shipTo.country.toUpperCase()) return;
  const c = order.internationalOptions;
  if (c.contents && c.nonDelivery && (c.customsItems ?? []).length > 0) return;
  throw new RuleViolation(
    `Shipment ${order.orderNumber} ships from ${from} to ${order.shipTo.country} and needs customs (contents, non_delivery and packages[].products) before a label can be created.`,
    'customs_items_required',
  );
}
