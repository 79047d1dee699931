import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Address, CarrierRecord, WarehouseRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { NotFound } from '../sim-errors.js';
import { bindBody, boolParam, intParam, lowerQuery, ModelStateError } from './v1-http.js';
import { storeToV1, warehouseToV1 } from './v1-views.js';

const addressBody = z.object({
  name: z.string().nullish(),
  company: z.string().nullish(),
  street1: z.string().nullish(),
  street2: z.string().nullish(),
  street3: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  postalCode: z.string().nullish(),
  country: z.string().nullish(),
  phone: z.string().nullish(),
  residential: z.boolean().nullish(),
});
const warehouseBody = z.object({
  warehouseName: z.string().nullish(),
  originAddress: addressBody,
  returnAddress: addressBody.nullish(),
  isDefault: z.boolean().nullish(),
});

export function toAddress(a: z.output<typeof addressBody>): Address {
  return {
    name: a.name ?? null,
    company: a.company ?? null,
    street1: a.street1 ?? null,
    street2: a.street2 ?? null,
    street3: a.street3 ?? null,
    city: a.city ?? null,
    state: a.state ?? null,
    postalCode: a.postalCode ?? null,
    country: a.country ?? null,
    phone: a.phone ?? null,
    residential: a.residential ?? null,
    addressVerified: null,
  };
}

function requireParam(q: Record<string, string>, name: string): string {
  const value = q[name.toLowerCase()];
  if (!value) throw new ModelStateError({ [name]: [`The ${name} field is required.`] });
  return value;
}

export function registerV1ReferenceRoutes(app: FastifyInstance, ctx: SimContext): void {
  registerWarehouses(app, ctx);
  registerCarriers(app, ctx);
  registerStores(app, ctx);
}

function registerWarehouses(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  const warehouse = (id: string): WarehouseRecord => {
    const w = state.warehouses.get(Number(id));
    if (!w?.active) throw new NotFound(`Warehouse ${id} not found.`);
    return w;
  };

  app.get('/warehouses', async () => [...state.warehouses.values()].filter((w) => w.active).map(warehouseToV1));
  app.get<{ Params: { id: string } }>('/warehouses/:id', async (request) =>
    warehouseToV1(warehouse(request.params.id)),
  );
  app.post('/warehouses/createwarehouse', async (request) => {
    const body = bindBody(warehouseBody, request.body);
    const now = ctx.clock.now();
    const origin = toAddress(body.originAddress);
    const record: WarehouseRecord = {
      warehouseId: state.nextId('warehouse'),
      warehouseName: body.warehouseName ?? origin.name ?? 'Ship From Location',
      originAddress: origin,
      returnAddress: body.returnAddress ? toAddress(body.returnAddress) : origin,
      createDate: now,
      isDefault: false,
      active: true,
    };
    state.warehouses.set(record.warehouseId, record);
    if (body.isDefault) setDefault(ctx, record.warehouseId);
    return warehouseToV1(record);
  });
  // Full replace; "If a returnAddress object is not specified, your originAddress will be used".
  app.put<{ Params: { id: string } }>('/warehouses/:id', async (request) => {
    const existing = warehouse(request.params.id);
    const body = bindBody(warehouseBody, request.body);
    const origin = toAddress(body.originAddress);
    const record = {
      ...existing,
      warehouseName: body.warehouseName ?? existing.warehouseName,
      originAddress: origin,
      returnAddress: body.returnAddress ? toAddress(body.returnAddress) : origin,
    };
    state.warehouses.set(record.warehouseId, record);
    if (body.isDefault) setDefault(ctx, record.warehouseId);
    return warehouseToV1(state.warehouses.get(record.warehouseId)!);
  });
  app.delete<{ Params: { id: string } }>('/warehouses/:id', async (request) => {
    const existing = warehouse(request.params.id);
    state.warehouses.set(existing.warehouseId, { ...existing, active: false, isDefault: false });
    return { success: true, message: 'The requested warehouse has been deleted.' };
  });
}

function registerCarriers(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  app.get('/carriers', async () => [...state.carriers.values()].map(carrierToV1));
  const carrier = (q: Record<string, string>) => {
    const code = requireParam(q, 'carrierCode');
    const c = state.carriers.get(code);
    if (!c) throw new NotFound(`Carrier '${code}' not found.`);
    return c;
  };
  app.get('/carriers/getcarrier', async (request) => {
    return carrierToV1(carrier(lowerQuery(request)));
  });
  app.get('/carriers/listservices', async (request) => {
    const c = carrier(lowerQuery(request));
    return c.services.map((s) => ({
      carrierCode: c.code,
      code: s.code,
      name: s.name,
      domestic: s.domestic,
      international: s.international,
    }));
  });
  app.get('/carriers/listpackages', async (request) => {
    const c = carrier(lowerQuery(request));
    return c.packages.map((p) => ({
      carrierCode: c.code,
      code: p.code,
      name: p.name,
      domestic: p.domestic,
      international: p.international,
    }));
  });
}

function registerStores(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  app.get('/stores', async (request) => {
    const q = lowerQuery(request);
    const showInactive = boolParam(q, 'showInactive') ?? false;
    const marketplaceId = intParam(q, 'marketplaceId');
    return [...state.stores.values()]
      .filter((s) => (showInactive || s.active) && (marketplaceId === undefined || s.marketplaceId === marketplaceId))
      .map(storeToV1);
  });
  app.get('/stores/marketplaces', async () => [
    {
      name: 'ShipStation',
      marketplaceId: 0,
      canRefresh: false,
      supportsCustomMappings: true,
      supportsCustomStatuses: false,
      canConfirmShipments: false,
    },
  ]);
  app.get<{ Params: { id: string } }>('/stores/:id', async (request) => {
    const s = state.stores.get(Number(request.params.id));
    if (!s) throw new NotFound(`Store ${request.params.id} not found.`);
    return {
      ...storeToV1(s),
      statusMappings: [
        { orderStatus: 'awaiting_payment', statusKey: 'Awaiting Payment' },
        { orderStatus: 'awaiting_shipment', statusKey: 'Awaiting Shipment' },
        { orderStatus: 'shipped', statusKey: 'Shipped' },
        { orderStatus: 'cancelled', statusKey: 'Cancelled' },
        { orderStatus: 'on_hold', statusKey: 'On Hold' },
      ],
    };
  });
}

function carrierToV1(c: CarrierRecord) {
  return {
    name: c.name,
    code: c.code,
    accountNumber: c.accountNumber,
    requiresFundedAccount: false,
    balance: c.balance,
    nickname: null,
    shippingProviderId: c.shippingProviderId,
    primary: c.primary,
  };
}

function setDefault(ctx: SimContext, warehouseId: number): void {
  for (const w of ctx.state.warehouses.values()) {
    ctx.state.warehouses.set(w.warehouseId, { ...w, isDefault: w.warehouseId === warehouseId });
  }
}
