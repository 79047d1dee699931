import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatV1DateTime } from '../pacific-time.js';
import type { CustomerRecord, ProductRecord } from '../records.js';
import { SIM_USERS } from '../seed.js';
import type { SimContext } from '../sim-context.js';
import { NotFound } from '../sim-errors.js';
import { bindBody, boolParam, dateParam, inRange, lowerQuery, pageV1, sortBy } from './v1-http.js';

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

/** Products (made from order items), customers (made from customerUsername), tags and users. */
export function registerV1CatalogRoutes(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
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
