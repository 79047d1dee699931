import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inventoryKey } from '../account-state.js';
import { formatV2DateTime } from '../pacific-time.js';
import type { SimContext } from '../sim-context.js';
import { NotFound, RuleViolation } from '../sim-errors.js';
import { parseSeId, seId } from './v2-convert.js';
import { inventoryListQuery, pageV2, v2Query } from './v2-http.js';

/**
 * Inventory warehouses and locations (§5): separate from shipping warehouses; PUT answers 204; DELETE is refused
 * while On Hand stock remains unless `remove_inventory=1`.
 */
export function registerV2InventoryPlaceRoutes(app: FastifyInstance, ctx: SimContext): void {
  registerInventoryWarehouses(app, ctx);
  registerInventoryLocations(app, ctx);
}

function registerInventoryWarehouses(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  const base = () => ctx.origin();
  const warehouse = (id: string) => inventoryWarehouse(ctx, id);
  const removeStock = (ids: Set<number>, remove: boolean, what: string) => removeStockIn(ctx, ids, remove, what);
  app.get('/v2/inventory_warehouses', async (request) => {
    const q = inventoryListQuery(v2Query(request), ctx.v2InventoryLimitOnly);
    return pageV2(
      base(),
      '/v2/inventory_warehouses',
      q,
      [...state.inventoryWarehouses.values()],
      'inventory_warehouses',
      warehouseToV2,
    );
  });
  app.post('/v2/inventory_warehouses', async (request) => {
    const body = z.object({ name: z.string().min(1) }).parse(request.body);
    const now = ctx.clock.now();
    const id = state.nextId('inventoryWarehouse');
    const w = { id, name: body.name, warehouseId: null, createdAt: now, updatedAt: now };
    state.inventoryWarehouses.set(id, w);
    return warehouseToV2(w);
  });
  app.get<{ Params: { id: string } }>('/v2/inventory_warehouses/:id', async (request) =>
    warehouseToV2(warehouse(request.params.id)),
  );
  app.put<{ Params: { id: string } }>('/v2/inventory_warehouses/:id', async (request, reply) => {
    const w = warehouse(request.params.id);
    const body = z.object({ name: z.string().min(1) }).parse(request.body);
    state.inventoryWarehouses.set(w.id, { ...w, name: body.name, updatedAt: ctx.clock.now() });
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string }; Querystring: { remove_inventory?: string } }>(
    '/v2/inventory_warehouses/:id',
    async (request, reply) => {
      const w = warehouse(request.params.id);
      const locations = [...state.inventoryLocations.values()].filter((l) => l.inventoryWarehouseId === w.id);
      removeStock(
        new Set(locations.map((l) => l.id)),
        request.query.remove_inventory === '1',
        `Inventory warehouse ${seId(w.id)}`,
      );
      for (const l of locations) state.inventoryLocations.delete(l.id);
      state.inventoryWarehouses.delete(w.id);
      return reply.code(204).send();
    },
  );
}

function registerInventoryLocations(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  const base = () => ctx.origin();
  const warehouse = (id: string) => inventoryWarehouse(ctx, id);
  const removeStock = (ids: Set<number>, remove: boolean, what: string) => removeStockIn(ctx, ids, remove, what);
  const location = (id: string) => {
    const l = state.inventoryLocations.get(parseSeId(id) ?? -1);
    if (!l) throw new NotFound(`Inventory location '${id}' was not found.`);
    return l;
  };
  app.get('/v2/inventory_locations', async (request) => {
    const q = inventoryListQuery(v2Query(request), ctx.v2InventoryLimitOnly);
    return pageV2(
      base(),
      '/v2/inventory_locations',
      q,
      [...state.inventoryLocations.values()],
      'inventory_locations',
      locationToV2,
    );
  });
  app.post('/v2/inventory_locations', async (request) => {
    const body = z.object({ name: z.string().min(1), inventory_warehouse_id: z.string() }).parse(request.body);
    const w = warehouse(body.inventory_warehouse_id);
    const now = ctx.clock.now();
    const id = state.nextId('inventoryLocation');
    const l = { id, name: body.name, inventoryWarehouseId: w.id, createdAt: now, updatedAt: now };
    state.inventoryLocations.set(id, l);
    return locationToV2(l);
  });
  app.get<{ Params: { id: string } }>('/v2/inventory_locations/:id', async (request) =>
    locationToV2(location(request.params.id)),
  );
  app.put<{ Params: { id: string } }>('/v2/inventory_locations/:id', async (request, reply) => {
    const l = location(request.params.id);
    const body = z.object({ name: z.string().min(1) }).parse(request.body);
    state.inventoryLocations.set(l.id, { ...l, name: body.name, updatedAt: ctx.clock.now() });
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string }; Querystring: { remove_inventory?: string } }>(
    '/v2/inventory_locations/:id',
    async (request, reply) => {
      const l = location(request.params.id);
      removeStock(new Set([l.id]), request.query.remove_inventory === '1', `Inventory location ${seId(l.id)}`);
      state.inventoryLocations.delete(l.id);
      return reply.code(204).send();
    },
  );
}

function warehouseToV2(w: { id: number; name: string; createdAt: number; updatedAt: number }) {
  return {
    inventory_warehouse_id: seId(w.id),
    name: w.name,
    created_at: formatV2DateTime(w.createdAt),
    updated_at: formatV2DateTime(w.updatedAt),
  };
}

function locationToV2(l: {
  id: number;
  name: string;
  inventoryWarehouseId: number;
  createdAt: number;
  updatedAt: number;
}) {
  return {
    inventory_location_id: seId(l.id),
    name: l.name,
    inventory_warehouse_id: seId(l.inventoryWarehouseId),
    created_at: formatV2DateTime(l.createdAt),
    updated_at: formatV2DateTime(l.updatedAt),
  };
}

function inventoryWarehouse(ctx: SimContext, id: string) {
  const w = ctx.state.inventoryWarehouses.get(parseSeId(id) ?? -1);
  if (!w) throw new NotFound(`Inventory warehouse '${id}' was not found.`);
  return w;
}

/** Deleting a place with On Hand stock is refused unless `remove_inventory=1`, which deletes the stock first. */
function removeStockIn(ctx: SimContext, locationIds: Set<number>, remove: boolean, what: string): void {
  const state = ctx.state;
  const stock = [...state.inventory.values()].filter((r) => locationIds.has(r.inventoryLocationId) && r.onHand > 0);
  if (stock.length > 0 && !remove) {
    throw new RuleViolation(
      `${what} still holds On Hand inventory; pass remove_inventory=1 to remove it first.`,
      'invalid_status',
    );
  }
  for (const r of stock) state.inventory.delete(inventoryKey(r.sku, r.inventoryLocationId));
}
