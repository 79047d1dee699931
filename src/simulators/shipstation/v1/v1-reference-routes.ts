import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatV1DateTime } from '../pacific-time.js';
import type { Address, CustomerRecord, ProductRecord, WarehouseRecord } from '../records.js';
import { SIM_USERS } from '../seed.js';
import type { SimContext } from '../sim-context.js';
import { NotFound } from '../sim-errors.js';
import {
  bindBody,
  boolParam,
  dateParam,
  inRange,
  intParam,
  lowerQuery,
  ModelStateError,
  pageV1,
  sortBy,
} from './v1-http.js';
import { storeToV1, warehouseToV1 } from './v1-views.js';

const PRODUCT_FIELDS = [
  'aliases',
  'name',
  'price',
  'defaultCost',
  'length',
  'width',
  'height',
  'weightOz',
  'internalNotes',
  'fulfillmentSku',
  'productCategory',
  'productType',
  'warehouseLocation',
  'defaultCarrierCode',
  'defaultServiceCode',
  'defaultPackageCode',
  'defaultIntlCarrierCode',
  'defaultIntlServiceCode',
  'defaultIntlPackageCode',
  'defaultConfirmation',
  'defaultIntlConfirmation',
  'customsDescription',
  'customsValue',
  'customsTariffNo',
  'customsCountryCode',
  'noCustoms',
  'tags',
  'upc',
  'thumbnailURL',
] as const;

function productToV1(p: ProductRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { productId: p.productId, sku: p.sku };
  for (const f of PRODUCT_FIELDS) out[f] = p.fields[f] ?? null;
  return {
    ...out,
    createDate: formatV1DateTime(p.createDate),
    modifyDate: formatV1DateTime(p.modifyDate),
    active: p.active,
  };
}

function customerToV1(c: CustomerRecord): Record<string, unknown> {
  return {
    customerId: c.customerId,
    createDate: formatV1DateTime(c.createDate),
    modifyDate: formatV1DateTime(c.modifyDate),
    name: c.name,
    company: c.company,
    street1: c.address.street1,
    street2: c.address.street2,
    city: c.address.city,
    state: c.address.state,
    postalCode: c.address.postalCode,
    countryCode: c.address.country,
    phone: c.address.phone,
    email: c.email,
    addressVerified: c.address.addressVerified,
    marketplaceUsernames: [
      {
        customerUserId: c.customerId,
        customerId: c.customerId,
        createDate: formatV1DateTime(c.createDate),
        modifyDate: formatV1DateTime(c.modifyDate),
        marketplaceId: 0,
        marketplace: 'ShipStation',
        username: c.username,
      },
    ],
    tags: null,
  };
}

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

  app.get('/carriers', async () =>
    [...state.carriers.values()].map((c) => ({
      name: c.name,
      code: c.code,
      accountNumber: c.accountNumber,
      requiresFundedAccount: false,
      balance: c.balance,
      nickname: null,
      shippingProviderId: c.shippingProviderId,
      primary: c.primary,
    })),
  );
  const carrier = (q: Record<string, string>) => {
    const code = requireParam(q, 'carrierCode');
    const c = state.carriers.get(code);
    if (!c) throw new NotFound(`Carrier '${code}' not found.`);
    return c;
  };
  app.get('/carriers/getcarrier', async (request) => {
    const c = carrier(lowerQuery(request));
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

  app.get('/products', { config: { list: true } }, async (request) => {
    const q = lowerQuery(request);
    const showInactive = boolParam(q, 'showInactive') ?? false;
    const start = dateParam(q, 'startDate');
    const end = dateParam(q, 'endDate');
    const products = [...state.products.values()].filter(
      (p) =>
        (showInactive || p.active) &&
        (!q['sku'] || p.sku.toLowerCase().startsWith(q['sku'].toLowerCase())) &&
        (!q['name'] ||
          String(p.fields['name'] ?? '')
            .toLowerCase()
            .includes(q['name'].toLowerCase())) &&
        inRange(p.createDate, start, end),
    );
    const keys: Record<string, (p: ProductRecord) => string | number> = {
      sku: (p) => p.sku,
      modifydate: (p) => p.modifyDate,
      createdate: (p) => p.createDate,
    };
    return pageV1(
      sortBy(products, keys[(q['sortby'] ?? '').toLowerCase()] ?? null, q['sortdir']),
      q,
      'products',
      productToV1,
    );
  });
  app.get<{ Params: { id: string } }>('/products/:id', async (request) => {
    const p = state.products.get(Number(request.params.id));
    if (!p) throw new NotFound(`Product ${request.params.id} not found.`);
    return productToV1(p);
  });
  // "does not currently support partial updates": every field takes the body's value, omitted ones become null.
  app.put<{ Params: { id: string } }>('/products/:id', async (request) => {
    const p = state.products.get(Number(request.params.id));
    if (!p) throw new NotFound(`Product ${request.params.id} not found.`);
    const body = bindBody(
      z.object({ sku: z.string().nullish(), active: z.boolean().nullish() }).passthrough(),
      request.body,
    );
    const fields: Record<string, unknown> = {};
    for (const f of PRODUCT_FIELDS) fields[f] = (body as Record<string, unknown>)[f] ?? null;
    const sku = body.sku ?? p.sku;
    if (sku !== p.sku) {
      state.productIdBySku.delete(p.sku);
      state.productIdBySku.set(sku, p.productId);
    }
    state.products.set(p.productId, { ...p, sku, fields, active: body.active ?? true, modifyDate: ctx.clock.now() });
    return { success: true, message: 'The requested product has been updated' };
  });

  app.get('/customers', { config: { list: true } }, async (request) => {
    const q = lowerQuery(request);
    const customers = [...state.customers.values()].filter(
      (c) =>
        (!q['statecode'] || c.address.state === q['statecode']) &&
        (!q['countrycode'] || c.address.country === q['countrycode']),
    );
    const keys: Record<string, (c: CustomerRecord) => string | number> = {
      name: (c) => c.name ?? '',
      modifydate: (c) => c.modifyDate,
      createdate: (c) => c.createDate,
    };
    return pageV1(
      sortBy(customers, keys[(q['sortby'] ?? '').toLowerCase()] ?? null, q['sortdir']),
      q,
      'customers',
      customerToV1,
    );
  });
  app.get<{ Params: { id: string } }>('/customers/:id', async (request) => {
    const c = state.customers.get(Number(request.params.id));
    if (!c) throw new NotFound(`Customer ${request.params.id} not found.`);
    return customerToV1(c);
  });

  app.get('/accounts/listtags', async () => [...state.tags.values()]);
  app.get('/users', async () => SIM_USERS);
}

function setDefault(ctx: SimContext, warehouseId: number): void {
  for (const w of ctx.state.warehouses.values()) {
    ctx.state.warehouses.set(w.warehouseId, { ...w, isDefault: w.warehouseId === warehouseId });
  }
}
