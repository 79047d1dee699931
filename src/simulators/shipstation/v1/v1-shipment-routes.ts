import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { labelPdf } from '../label-pdf.js';
import { pacificDate, parseV1Date } from '../pacific-time.js';
import type { FulfillmentRecord, ShipmentRecord } from '../records.js';
import { createLabel, voidLabel } from '../shipping-actions.js';
import type { SimContext } from '../sim-context.js';
import { NotFound } from '../sim-errors.js';
import { bindBody, boolParam, dateParam, inRange, intParam, lowerQuery, pageV1, sortBy } from './v1-http.js';
import { requireOrder } from './v1-order-routes.js';
import { fulfillmentToV1, shipmentToV1 } from './v1-views.js';

const contains = (haystack: string | null | undefined, needle: string) =>
  (haystack ?? '').toLowerCase().includes(needle.toLowerCase());

/** A Pacific date range from datetime filters, for date-only fields such as `shipDate`. */
function dayRange(q: Record<string, string>, name: string): [string | undefined, string | undefined] {
  const start = dateParam(q, `${name}Start`);
  const end = dateParam(q, `${name}End`);
  return [start === undefined ? undefined : pacificDate(start), end === undefined ? undefined : pacificDate(end)];
}

const inDays = (day: string, [start, end]: [string | undefined, string | undefined]) =>
  (start === undefined || day >= start) && (end === undefined || day <= end);

/** GET /shipments (V1 sheet §7): labels only, voided ones included; plus `batchId`, `shipmentId`, `storeID`. */
function listShipments(ctx: SimContext, q: Record<string, string>): ShipmentRecord[] {
  const batchId = intParam(q, 'batchId');
  const shipmentId = intParam(q, 'shipmentId');
  const orderId = intParam(q, 'orderId');
  const storeId = intParam(q, 'storeId');
  const created = [dateParam(q, 'createDateStart'), dateParam(q, 'createDateEnd')] as const;
  const voided = [dateParam(q, 'voidDateStart'), dateParam(q, 'voidDateEnd')] as const;
  const shipDays = dayRange(q, 'shipDate');
  const { recipientname: recipient, recipientcountrycode: country, ordernumber: number } = q;
  const { carriercode: carrier, servicecode: service, trackingnumber: tracking } = q;
  const state = ctx.state;
  const ids =
    batchId !== undefined
      ? (state.shipmentsByBatch.get(batchId) ?? [])
      : orderId !== undefined
        ? (state.shipmentsByOrder.get(orderId) ?? [])
        : shipmentId !== undefined
          ? [shipmentId]
          : null;
  const source =
    ids === null ? state.shipments.values() : ids.map((id) => state.shipments.get(id)).filter((s) => s !== undefined);
  const out: ShipmentRecord[] = [];
  for (const s of source) {
    const order = state.orders.get(s.orderId);
    if (!order?.salesOrder) continue;
    if (shipmentId !== undefined && s.shipmentId !== shipmentId) continue;
    if (orderId !== undefined && s.orderId !== orderId) continue;
    if (storeId !== undefined && order.advancedOptions.storeId !== storeId) continue;
    if (recipient && !contains(s.shipTo.name, recipient)) continue;
    if (country && s.shipTo.country?.toLowerCase() !== country.toLowerCase()) continue;
    if (number && !order.orderNumber.toLowerCase().startsWith(number.toLowerCase())) continue;
    if (carrier && s.carrierCode !== carrier) continue;
    if (service && s.serviceCode !== service) continue;
    if (tracking && !s.packages.some((p) => p.trackingNumber === tracking)) continue;
    if (!inRange(s.createDate, created[0], created[1])) continue;
    if (!inRange(s.voidDate, voided[0], voided[1])) continue;
    if (!inDays(s.shipDate, shipDays)) continue;
    out.push(s);
  }
  const keys: Record<string, (s: ShipmentRecord) => number | string> = {
    shipdate: (s) => s.shipDate,
    createdate: (s) => s.createDate,
  };
  return sortBy(out, keys[(q['sortby'] ?? '').toLowerCase()] ?? null, q['sortdir']);
}

/** GET /fulfillments (V1 sheet §8): mark-as-shipped and fulfilment-provider shipments. */
function listFulfillments(ctx: SimContext, q: Record<string, string>): FulfillmentRecord[] {
  const fulfillmentId = intParam(q, 'fulfillmentId');
  const orderId = intParam(q, 'orderId');
  const created = [dateParam(q, 'createDateStart'), dateParam(q, 'createDateEnd')] as const;
  const shipDays = dayRange(q, 'shipDate');
  const { ordernumber: number, trackingnumber: tracking, recipientname: recipient } = q;
  const out: FulfillmentRecord[] = [];
  for (const f of ctx.state.fulfillments.values()) {
    const order = ctx.state.orders.get(f.orderId);
    if (!order?.salesOrder) continue;
    if (fulfillmentId !== undefined && f.fulfillmentId !== fulfillmentId) continue;
    if (orderId !== undefined && f.orderId !== orderId) continue;
    if (number && !order.orderNumber.toLowerCase().startsWith(number.toLowerCase())) continue;
    if (tracking && f.trackingNumber !== tracking) continue;
    if (recipient && !contains(f.shipTo.name, recipient)) continue;
    if (!inRange(f.createDate, created[0], created[1])) continue;
    if (!inDays(f.shipDate, shipDays)) continue;
    out.push(f);
  }
  const keys: Record<string, (f: FulfillmentRecord) => number | string> = {
    shipdate: (f) => f.shipDate,
    createdate: (f) => f.createDate,
  };
  return sortBy(out, keys[(q['sortby'] ?? '').toLowerCase()] ?? null, q['sortdir']);
}

const weight = z.object({ value: z.number(), units: z.enum(['pounds', 'ounces', 'grams']) }).nullish();
const labelBody = z.object({
  orderId: z.number().int(),
  carrierCode: z.string(),
  serviceCode: z.string(),
  packageCode: z.string().nullish(),
  confirmation: z.string().nullish(),
  shipDate: z.string().nullish(),
  weight,
  dimensions: z
    .object({ units: z.enum(['inches', 'centimeters']), length: z.number(), width: z.number(), height: z.number() })
    .nullish(),
  insuranceOptions: z
    .object({ provider: z.string().nullish(), insureShipment: z.boolean(), insuredValue: z.number() })
    .nullish(),
  internationalOptions: z.unknown().optional(),
  advancedOptions: z.unknown().optional(),
  testLabel: z.boolean().nullish(),
});

export function registerV1ShipmentRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/shipments', { config: { list: true } }, async (request) => {
    const q = lowerQuery(request);
    const items = boolParam(q, 'includeShipmentItems') ?? false;
    return pageV1(listShipments(ctx, q), q, 'shipments', (s) => shipmentToV1(ctx.state, s, items));
  });

  app.get('/fulfillments', { config: { list: true } }, async (request) => {
    const q = lowerQuery(request);
    return pageV1(listFulfillments(ctx, q), q, 'fulfillments', (f) => fulfillmentToV1(ctx.state, f));
  });

  // Makes a shipment with a tracking number; the order becomes shipped; SHIP_NOTIFY/ITEM_SHIP_NOTIFY follow.
  app.post('/orders/createlabelfororder', async (request) => {
    const body = bindBody(labelBody, request.body);
    const order = requireOrder(ctx, body.orderId);
    const shipment = createLabel(
      ctx.state,
      order,
      {
        carrierCode: body.carrierCode,
        serviceCode: body.serviceCode,
        packageCode: body.packageCode ?? null,
        confirmation: body.confirmation ?? null,
        shipDate: body.shipDate ? parseV1Date(body.shipDate) : null,
        weight: body.weight ?? null,
        dimensions: body.dimensions ?? null,
        insuranceOptions: body.insuranceOptions
          ? { ...body.insuranceOptions, provider: body.insuranceOptions.provider ?? null }
          : null,
      },
      ctx.clock.now(),
    );
    ctx.events.labelsCreated(shipment.batchId);
    return shipmentToV1(ctx.state, shipment, false, labelPdf(shipment.trackingNumber).toString('base64'));
  });

  app.post('/shipments/voidlabel', async (request) => {
    const body = bindBody(z.object({ shipmentId: z.number().int() }), request.body);
    const shipment = ctx.state.shipments.get(body.shipmentId);
    if (!shipment) throw new NotFound(`Shipment ${body.shipmentId} not found.`);
    return voidLabel(ctx.state, shipment, ctx.clock.now());
  });
}
