import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { inventoryKey } from '../account-state.js';
import type { InventoryRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { RuleViolation } from '../sim-errors.js';
import { parseSeId, seId } from './v2-convert.js';
import { inventoryListQuery, pageV2, sendV2Error, v2Query } from './v2-http.js';

/** Open orders hold stock: allocated per (sku, inventory location), cached per account version. */
const allocationCache = new WeakMap<SimContext, { version: number; bySkuLocation: Map<string, number> }>();

function allocations(ctx: SimContext): Map<string, number> {
  const cached = allocationCache.get(ctx);
  if (cached?.version === ctx.state.version) return cached.bySkuLocation;
  // INFERRED: an open order allocates in the inventory warehouse linked to its ship-from warehouse, at that
  // warehouse's first location (the demo has one location per warehouse).
  const locationOfWarehouse = new Map<number, number>();
  for (const iw of ctx.state.inventoryWarehouses.values()) {
    if (iw.warehouseId === null) continue;
    const location = [...ctx.state.inventoryLocations.values()].find((l) => l.inventoryWarehouseId === iw.id);
    if (location) locationOfWarehouse.set(iw.warehouseId, location.id);
  }
  const map = new Map<string, number>();
  for (const o of ctx.state.orders.values()) {
    if (!o.active || !['awaiting_shipment', 'on_hold', 'pending_fulfillment'].includes(o.orderStatus)) continue;
    const location =
      o.advancedOptions.warehouseId === null ? undefined : locationOfWarehouse.get(o.advancedOptions.warehouseId);
    if (location === undefined) continue;
    for (const i of o.items) {
      if (!i.sku || i.adjustment) continue;
      const key = inventoryKey(i.sku, location);
      map.set(key, (map.get(key) ?? 0) + i.quantity);
    }
  }
  allocationCache.set(ctx, { version: ctx.state.version, bySkuLocation: map });
  return map;
}

interface Row {
  sku: string;
  onHand: number;
  allocated: number;
  cost: number | null;
  warehouseId: number | null;
  locationId: number | null;
}

function rows(ctx: SimContext, q: Record<string, string>): Row[] {
  const alloc = allocations(ctx);
  const warehouseFilter = q['inventory_warehouse_id'] ? parseSeId(q['inventory_warehouse_id']) : undefined;
  const locationFilter = q['inventory_location_id'] ? parseSeId(q['inventory_location_id']) : undefined;
  const groupBy = q['group_by'] === 'warehouse' ? 'warehouse' : 'location';
  const grouped = new Map<string, Row>();
  for (const record of ctx.state.inventory.values()) {
    const location = ctx.state.inventoryLocations.get(record.inventoryLocationId);
    if (!location) continue;
    if (q['sku'] && record.sku !== q['sku']) continue;
    if (warehouseFilter !== undefined && location.inventoryWarehouseId !== warehouseFilter) continue;
    if (locationFilter !== undefined && location.id !== locationFilter) continue;
    const key =
      groupBy === 'warehouse'
        ? `${record.sku}\u0000w${location.inventoryWarehouseId}`
        : inventoryKey(record.sku, location.id);
    const row = grouped.get(key) ?? {
      sku: record.sku,
      onHand: 0,
      allocated: 0,
      cost: record.averageCost,
      warehouseId: location.inventoryWarehouseId,
      locationId: groupBy === 'warehouse' ? null : location.id,
    };
    row.onHand += record.onHand;
    row.allocated += alloc.get(inventoryKey(record.sku, location.id)) ?? 0;
    grouped.set(key, row);
  }
  return [...grouped.values()];
}

const renderRow = (r: Row) => ({
  sku: r.sku,
  on_hand: r.onHand,
  allocated: r.allocated,
  available: r.onHand - r.allocated,
  average_cost: { amount: r.cost ?? 0, currency: 'usd' },
  ...(r.warehouseId === null ? {} : { inventory_warehouse_id: seId(r.warehouseId) }),
  ...(r.locationId === null ? {} : { inventory_location_id: seId(r.locationId) }),
});

const money = z.object({ amount: z.number(), currency: z.string() }).nullish();
const transactionBody = z.object({
  transaction_type: z.enum(['increment', 'decrement', 'adjust', 'modify']),
  sku: z.string().min(1),
  quantity: z.number().int().min(0),
  inventory_location_id: z.string(),
  cost: money,
  condition: z.enum(['sellable', 'damaged', 'expired', 'qa_hold']).nullish(),
  lot: z.string().nullish(),
  usable_start_date: z.string().nullish(),
  usable_end_date: z.string().nullish(),
  effective_at: z.string().nullish(),
  reason: z.string().nullish(),
  notes: z.string().nullish(),
  new_inventory_location_id: z.string().nullish(),
  new_cost: money,
  new_condition: z.enum(['sellable', 'damaged', 'expired', 'qa_hold']).nullish(),
});

function record(ctx: SimContext, sku: string, locationId: number): InventoryRecord {
  const key = inventoryKey(sku, locationId);
  let r = ctx.state.inventory.get(key);
  if (!r) {
    r = { sku, inventoryLocationId: locationId, onHand: 0, averageCost: null, condition: 'sellable' };
    ctx.state.inventory.set(key, r);
  }
  return r;
}

function requireLocation(ctx: SimContext, id: string | null | undefined, field: string): number {
  const locationId = parseSeId(id);
  if (locationId === null || !ctx.state.inventoryLocations.has(locationId)) {
    throw new RuleViolation(`${field} '${id}' was not found.`, 'invalid_field_value');
  }
  return locationId;
}

/** One SKU and location per call, 204 on success (§5). The `condition` is accepted and not tracked separately. */
function applyTransaction(ctx: SimContext, body: z.output<typeof transactionBody>): void {
  const locationId = requireLocation(ctx, body.inventory_location_id, 'inventory_location_id');
  const r = record(ctx, body.sku, locationId);
  switch (body.transaction_type) {
    case 'increment': {
      if (body.cost) {
        const total = (r.averageCost ?? body.cost.amount) * r.onHand + body.cost.amount * body.quantity;
        r.averageCost =
          r.onHand + body.quantity > 0 ? Math.round((total / (r.onHand + body.quantity)) * 100) / 100 : null;
      }
      r.onHand += body.quantity;
      return;
    }
    case 'decrement':
      // "Either all of the inventory will be removed (204 response), or none of it will (400 response with reason)".
      if (body.quantity > r.onHand) {
        throw new RuleViolation(
          `Cannot remove ${body.quantity} of ${body.sku}: only ${r.onHand} on hand. Nothing was removed.`,
          'invalid_field_value',
        );
      }
      r.onHand -= body.quantity;
      return;
    case 'adjust':
      r.onHand = body.quantity;
      if (body.cost) r.averageCost = body.cost.amount;
      return;
    case 'modify': {
      if (body.new_cost) r.averageCost = body.new_cost.amount;
      if (!body.new_inventory_location_id) return;
      const target = requireLocation(ctx, body.new_inventory_location_id, 'new_inventory_location_id');
      const moving = body.quantity === 0 ? r.onHand : body.quantity;
      if (moving > r.onHand)
        throw new RuleViolation(
          `Cannot move ${moving} of ${body.sku}: only ${r.onHand} on hand.`,
          'invalid_field_value',
        );
      r.onHand -= moving;
      const to = record(ctx, body.sku, target);
      to.onHand += moving;
      to.averageCost ??= r.averageCost;
    }
  }
}

export function registerV2InventoryRoutes(app: FastifyInstance, ctx: SimContext): void {
  const base = () => ctx.origin();
  // Without the Inventory API add-on these answer 403 (INFERRED: the status and code are not documented).
  app.addHook('onRequest', async (request, reply: FastifyReply) => {
    if (!ctx.inventoryEnabled && /^\/v2\/inventory/.test(request.url) && reply.statusCode < 400 && !reply.sent) {
      return sendV2Error(
        reply,
        403,
        'account_status',
        'subscription_inactive',
        'The Inventory API add-on is not enabled for this account.',
      );
    }
  });

  app.get('/v2/inventory', { config: { list: true } }, async (request) => {
    const q = inventoryListQuery(v2Query(request), ctx.v2InventoryLimitOnly);
    return pageV2(base(), '/v2/inventory', q, rows(ctx, q), 'inventory', renderRow, 100);
  });
  app.post('/v2/inventory', async (request, reply) => {
    applyTransaction(ctx, transactionBody.parse(request.body));
    return reply.code(204).send();
  });
}
