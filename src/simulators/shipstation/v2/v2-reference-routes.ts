import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CarrierRecord } from '../records.js';
import type { SimContext } from '../sim-context.js';
import { NotFound } from '../sim-errors.js';
import { omitNulls, parseSeId, seId } from './v2-convert.js';
import { warehouseToV2 } from './v2-views.js';

/** V2 carriers carry their services and packages inline (§7). */
function carrierToV2(c: CarrierRecord): Record<string, unknown> {
  const carrierId = seId(c.shippingProviderId);
  return omitNulls({
    carrier_id: carrierId,
    carrier_code: c.code,
    account_number: c.accountNumber,
    requires_funded_amount: false,
    // The document's `balance` is a number (ShipEngine's too); the client also accepts a money object.
    balance: c.balance,
    nickname: c.name,
    friendly_name: c.name,
    funding_source_id: null,
    primary: c.primary,
    has_multi_package_supporting_services: c.code !== 'usps',
    supports_label_messages: true,
    disabled_by_billing_plan: false,
    services: c.services.map((s) => ({
      carrier_id: carrierId,
      carrier_code: c.code,
      service_code: s.code,
      name: s.name,
      domestic: s.domestic,
      international: s.international,
      is_multi_package_supported: c.code !== 'usps',
    })),
    packages: c.packages.map((p) => ({ package_id: null, package_code: p.code, name: p.name, description: p.name })),
    options: [],
  });
}

export function registerV2ReferenceRoutes(app: FastifyInstance, ctx: SimContext): void {
  const state = ctx.state;
  const carrier = (id: string) => {
    const providerId = parseSeId(id);
    const c = [...state.carriers.values()].find((x) => x.shippingProviderId === providerId);
    if (!c) throw new NotFound(`Carrier '${id}' was not found.`);
    return c;
  };

  app.get('/v2/warehouses', async () => ({
    warehouses: [...state.warehouses.values()].filter((w) => w.active).map(warehouseToV2),
  }));
  app.get<{ Params: { id: string } }>('/v2/warehouses/:id', async (request) => {
    const w = state.warehouses.get(parseSeId(request.params.id) ?? -1);
    if (!w?.active) throw new NotFound(`Warehouse '${request.params.id}' was not found.`);
    return warehouseToV2(w);
  });

  // The document requires `request_id` and `errors` on this answer (207 when some carriers failed to load).
  app.get('/v2/carriers', async () => ({
    carriers: [...state.carriers.values()].map(carrierToV2),
    request_id: randomUUID(),
    errors: [],
  }));
  app.get<{ Params: { id: string } }>('/v2/carriers/:id', async (request) => carrierToV2(carrier(request.params.id)));
  app.get<{ Params: { id: string } }>('/v2/carriers/:id/services', async (request) => ({
    services: carrierToV2(carrier(request.params.id))['services'],
  }));
  app.get<{ Params: { id: string } }>('/v2/carriers/:id/packages', async (request) => ({
    packages: carrierToV2(carrier(request.params.id))['packages'],
  }));
  app.get<{ Params: { id: string } }>('/v2/carriers/:id/options', async (request) => {
    carrier(request.params.id);
    return { options: [] };
  });
}
