import type { InventoryLocationTarget, Mapping } from '../../domain/mappings.js';
import type { InventoryTarget } from './ports.js';

export type InventoryAvailability =
  | { on: true; targets: InventoryTarget[] }
  | { on: false; code: 'no_v2_key' | 'no_inventory_addon' | 'no_mapped_location'; reason: string };

/** The phrase every "off" reason starts from (domain.md: "it needs a V2 key and the Inventory add-on"). */
export const NEEDS = 'Inventory sync is off: it needs a V2 API key and the Inventory add-on';

/** Sage locations mapped (by a person or MAPPINGS_AUTO=accept) to a ShipStation inventory location. */
export function inventoryTargets(mappings: readonly Mapping[]): InventoryTarget[] {
  const out: InventoryTarget[] = [];
  for (const m of mappings) {
    if (m.kind !== 'inventory_location' || m.status !== 'mapped' || !m.target) continue;
    const t = m.target as Partial<InventoryLocationTarget>;
    if (!t.inventoryLocationId) continue;
    out.push({
      sageLocation: m.sageValue,
      inventoryWarehouseId: t.inventoryWarehouseId ?? '',
      inventoryLocationId: t.inventoryLocationId,
      name: t.name ?? t.inventoryLocationId,
    });
  }
  return out;
}

/**
 * Whether the inventory flow runs for a connection (domain.md): on when a V2 key exists, the account has
 * the Inventory add-on, and at least one Sage location is mapped to an inventory location. Off is not a
 * failure: the reason says what to add, and every run repeats it where people look (flow state).
 */
export function decideAvailability(input: {
  connectionName: string;
  hasV2Key: boolean;
  /** Whether the V2 inventory endpoints answer; undefined when not asked (no V2 key). */
  addOn: boolean | undefined;
  mappings: readonly Mapping[];
}): InventoryAvailability {
  const name = input.connectionName;
  if (!input.hasV2Key) {
    return {
      on: false,
      code: 'no_v2_key',
      reason: `${NEEDS}; connection "${name}" has V1 credentials only. Orders and shipments are not affected. Add a V2 key: ml-connector connect shipstation --name ${name} --v2-api-key <key>.`,
    };
  }
  if (input.addOn === false) {
    return {
      on: false,
      code: 'no_inventory_addon',
      reason: `${NEEDS}; ShipStation refuses the inventory endpoints for the V2 key of connection "${name}" (the Inventory add-on is not enabled on the account). Orders and shipments are not affected.`,
    };
  }
  const targets = inventoryTargets(input.mappings);
  if (targets.length === 0) {
    return {
      on: false,
      code: 'no_mapped_location',
      reason: `Inventory sync is off for connection "${name}": no Sage location is mapped to a ShipStation inventory location. Map one: ml-connector mappings set inventory_location <Sage location> --inventory-location <id or name>.`,
    };
  }
  return { on: true, targets };
}
