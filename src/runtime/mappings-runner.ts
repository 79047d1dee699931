import type { Connection } from '../domain/connection.js';
import type { SageItem } from '../domain/sage.js';
import { type CheckResult, checkMappings } from '../engine/mappings/check.js';
import { Sage300StockSource } from '../integrations/sage300/sage300-stock-source.js';
import { V1ProductCatalog } from '../integrations/shipstation/products-catalog.js';
import { ShipStationReference } from '../integrations/shipstation/shipping-reference.js';
import type { Connector } from './connector.js';
import { resolveFlowSettings } from './flow-settings.js';
import { runReference } from './flows/reference-flow.js';

/**
 * The reference snapshot `mappings set` and `check` work from. When it is empty (a new connection), the
 * reference pass runs first (under its lease), which also fills the mapping table with suggestions.
 */
export async function ensureReferenceSnapshot(connector: Connector, connection: Connection): Promise<void> {
  const store = connector.app.store;
  if ((await store.mappings.reference(connection.id)).length > 0) return;
  const result = await runReference(connector, connection, { ignorePause: true });
  if (result.status === 'failed') throw result.error;
}

/**
 * `mappings check`: reads both systems live (Sage locations, ship-via codes and items; ShipStation
 * warehouses, services, inventory locations and products) and compares them with the mapping table. Reads
 * only: no mapping is changed (beyond the first reference pass of a new connection).
 */
export async function checkConnectionMappings(
  connector: Connector,
  connection: Connection,
  options: { items?: boolean } = {},
): Promise<CheckResult> {
  await ensureReferenceSnapshot(connector, connection);
  const rt = await connector.runtime(connection);
  const reference = new ShipStationReference(rt.v1, rt.v2);
  const settings = resolveFlowSettings(connector.app.config, connection);
  // Items are compared with products, read through V1 only: without V1 credentials reading items is wasted.
  const withItems = options.items !== false && rt.v1 !== null;
  const [locations, shipVias, warehouses, services, inventoryLocations, items, productSkus, mappings] =
    await Promise.all([
      rt.sage.locations(),
      rt.sage.shipVias(),
      reference.warehouses(),
      reference.services(),
      reference.inventoryLocations(),
      withItems ? allItems(new Sage300StockSource(rt.sageClient)) : Promise.resolve(null),
      withItems && rt.v1 ? productSkusOf(new V1ProductCatalog(rt.v1)) : Promise.resolve(null),
      connector.app.store.mappings.list(connection.id),
    ]);
  return checkMappings({
    mappings,
    sage: { locations, shipVias, items },
    shipstation: { warehouses, services, inventoryLocations, productSkus },
    filters: settings.filters,
    skuField: settings.skuField,
  });
}

async function allItems(stock: Sage300StockSource): Promise<SageItem[]> {
  const out: SageItem[] = [];
  for await (const page of stock.items()) out.push(...page);
  return out;
}

async function productSkusOf(catalog: V1ProductCatalog): Promise<Set<string>> {
  const out = new Set<string>();
  for await (const page of catalog.products()) for (const p of page) out.add(p.sku);
  return out;
}
