import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import { type CheckResult, checkMappings } from '../../../engine/mappings/check.js';
import { resolveFlowSettings } from '../../../runtime/flow-settings.js';

export interface MappingCheck extends CheckResult {
  /** False until the reference flow has read both systems once. */
  read: boolean;
}

/**
 * `mappings check` on the page: the same pure check as the command, over the snapshot the reference flow
 * keeps (so the page calls neither system; "Read both systems now" refreshes it). Items and products are
 * left out: the command reads every item, which is too slow for a page.
 */
export async function mappingCheckFor(app: App, connection: Connection): Promise<MappingCheck> {
  const snapshot = await app.store.mappings.reference(connection.id);
  const of = (system: string, kind: string) => snapshot.filter((r) => r.system === system && r.kind === kind);
  const settings = resolveFlowSettings(app.config, connection);
  const inventory = of('shipstation', 'inventory_location');
  const result = checkMappings({
    mappings: await app.store.mappings.list(connection.id),
    sage: {
      locations: of('sage300', 'location').map((r) => ({ code: r.value, name: r.label })),
      shipVias: of('sage300', 'ship_via').map((r) => ({ code: r.value, name: r.label })),
      items: null,
    },
    shipstation: {
      warehouses: of('shipstation', 'warehouse').map((r) => ({ id: r.value, name: r.label })),
      services: of('shipstation', 'service').map((r) => {
        const [carrierCode = '', serviceCode = ''] = r.value.split(':');
        return { carrierCode, serviceCode, name: r.label };
      }),
      inventoryLocations:
        inventory.length === 0
          ? null
          : inventory.map((r) => {
              const d = (r.data ?? {}) as { warehouseName?: string; name?: string };
              return { inventoryLocationId: r.value, warehouseName: d.warehouseName ?? '', name: d.name ?? r.label };
            }),
      productSkus: null,
    },
    filters: settings.filters,
    skuField: settings.skuField,
  });
  return { ...result, read: snapshot.length > 0 };
}
