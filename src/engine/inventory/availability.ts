import type { InventoryLocationTarget, Mapping } from '../../domain/mappings.js';
import type { InventoryTarget } from './ports.js';

export type InventoryAvailability =
  /** `stale`: mapped locations ShipStation no longer has (skipped; the others are pushed). */
  | { on: true; targets: InventoryTarget[]; stale: InventoryTarget[] }
  | { on: false; code: 'no_v2_key' | 'no_inventory_addon' | 'no_mapped_location' | 'stale_mapping'; reason: string };

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
  /** The account's inventory location ids; null without the add-on; undefined when not asked (no V2 key). */
  locations: ReadonlySet<string> | null | undefined;
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
  if (input.locations === null) {
    return {
      on: false,
      code: 'no_inventory_addon',
      reason: `${NEEDS}; ShipStation refuses the inventory endpoints for the V2 key of connection "${name}" (the Inventory add-on is not enabled on the account). Orders and shipments are not affected.`,
    };
  }
  const mapped = inventoryTargets(input.mappings);
  const known = input.locations;
  const targets = known ? mapped.filter((t) => known.has(t.inventoryLocationId)) : mapped;
  const stale = mapped.filter((t) => !targets.includes(t));
  if (targets.length === 0 && stale.length > 0) {
    return {
      on: false,
      code: 'stale_mapping',
      reason: `Inventory sync cannot run for connection "${name}": ${staleText(stale)}. Map again: ml-connector mappings set inventory_location <Sage location> --inventory-location <id or name>.`,
    };
  }
  if (targets.length === 0) {
    return {
      on: false,
      code: 'no_mapped_location',
      reason: `Inventory sync is off for connection "${name}": no Sage location is mapped to a ShipStation inventory location. Map one: ml-connector mappings set inventory_location <Sage location> --inventory-location <id or name>.`,
    };
  }
  return { on: true, targets, stale };
}

/** "Sage location 3 is mapped to Atlanta / Main (se-7), which ShipStation no longer has" (for people). */
export function staleText(stale: readonly InventoryTarget[]): string {
  const one = (t: InventoryTarget) =>
    `Sage location ${t.sageLocation} is mapped to ${t.name} (${t.inventoryLocationId})`;
  return `${stale.map(one).join('; ')}, which ShipStation no longer has`;
}
