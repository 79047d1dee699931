import type { Config } from '../config/schema.js';
import type { Connection } from '../domain/connection.js';
import type { FlowSettings } from '../engine/ports.js';

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
  };
}
