import type { Config } from '../config/schema.js';
import type { Connection, CustomsSettings, ResolvedCustomsSettings } from '../domain/connection.js';
import type { FlowSettings } from '../engine/ports.js';
import { resolveFieldMapping } from '../mapping/field-mapping.js';

/** A connection's settings over the service defaults. */
export function resolveFlowSettings(config: Config, connection: Connection): FlowSettings {
  const s = connection.settings;
  return {
    timezone: s.timezone ?? config.SAGE300_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    lookbackDays: s.lookbackDays ?? config.ORDERS_LOOKBACK_DAYS,
    startDate: s.startDate ?? config.ORDERS_START_DATE ?? null,
    skuField: s.skuField ?? 'formatted',
    accountCurrency: 'USD',
    freightCodes: ['FRT', 'FREIGHT', 'FR'],
    filters: s.filters ?? {},
    inventoryQuantity: s.inventoryQuantity ?? config.INVENTORY_QUANTITY,
    customs: resolveCustoms(s.customs ?? {}),
    fields: resolveFieldMapping(s.fields),
  };
}

/** The defaults of docs/mapping.md, "Customs": item optional fields HSCODE and COUNTRYORIG, merchandise, returned. */
export function resolveCustoms(c: CustomsSettings): ResolvedCustomsSettings {
  return {
    enabled: c.enabled ?? true,
    tariffCodeField: (c.tariffCodeField ?? 'HSCODE').toUpperCase(),
    countryOfOriginField: (c.countryOfOriginField ?? 'COUNTRYORIG').toUpperCase(),
    contents: c.contents ?? 'merchandise',
    nonDelivery: c.nonDelivery ?? 'return_to_sender',
    shipFromCountry: (c.shipFromCountry ?? 'US').toUpperCase(),
    ...(c.warehouseCountries ? { warehouseCountries: c.warehouseCountries } : {}),
  };
}
