import type { Mapping, MappingKind, MappingTarget } from '../domain/mappings.js';
import type { ReferenceItem } from '../domain/reference-item.js';
import { type UnmappedShipStationValue, unmappedShipStation } from './mappings/reverse.js';
import { type Suggestion, suggest } from './mappings/suggest.js';
import type { FlowContext, FlowOutcome, OrderSource, ShippingReference } from './ports.js';

type Read<T extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

/** What one reference pass reads from both systems (inventory locations only where the account has V2). */
interface ReferenceRead {
  locations: Read<OrderSource['locations']>;
  shipVias: Read<OrderSource['shipVias']>;
  warehouses: Read<ShippingReference['warehouses']>;
  services: Read<ShippingReference['services']>;
  stores: Read<ShippingReference['stores']>;
  inventory: Read<ShippingReference['inventoryLocations']>;
}

interface SnapshotPart {
  system: ReferenceItem['system'];
  kind: string;
  items: ReferenceItem[];
}

/**
 * Reference: both ways (domain.md). Reads Sage locations and ship-via codes and ShipStation warehouses,
 * services, stores and inventory locations; keeps the snapshot; fills the mapping table with suggestions
 * for every value a person has not decided (and, with MAPPINGS_AUTO=accept, takes the unambiguous ones).
 * A decision made by a person is never overwritten.
 */
export async function runReferencePass(
  ctx: FlowContext,
  ports: { sage: OrderSource; reference: ShippingReference },
  options: { autoAccept: boolean },
): Promise<FlowOutcome & { suggestions: Suggestion[]; reverse: UnmappedShipStationValue[] }> {
  const id = ctx.connection.id;
  const [locations, shipVias, warehouses, services, stores, inventory] = await Promise.all([
    ports.sage.locations(),
    ports.sage.shipVias(),
    ports.reference.warehouses(),
    ports.reference.services(),
    ports.reference.stores(),
    ports.reference.inventoryLocations(),
  ]);
  const read: ReferenceRead = { locations, shipVias, warehouses, services, stores, inventory };
  const snapshot = referenceSnapshot(read);
  if (!ctx.dryRun) {
    for (const part of snapshot) await ctx.store.mappings.replaceReference(id, part.system, part.kind, part.items);
  }
  const suggestions = referenceSuggestions(read);
  const existing = new Map((await ctx.store.mappings.list(id)).map((m) => [`${m.kind}|${m.sageValue}`, m]));
  const counts = await applySuggestions(ctx, suggestions, existing, options);
  counts['sage_locations'] = locations.length;
  counts['sage_ship_vias'] = shipVias.length;
  counts['warehouses'] = warehouses.length;
  counts['services'] = services.length;
  counts['inventory_locations'] = inventory?.length ?? 0;
  // The other direction: ShipStation values nothing maps to (a new warehouse or service shows up here).
  const mappings = ctx.dryRun ? [...existing.values()] : await ctx.store.mappings.list(id);
  const reverse = unmappedShipStation(
    snapshot.flatMap((p) => p.items),
    mappings,
  );
  counts['shipstation_unmapped'] = reverse.length;
  return { counts, planned: [], suggestions, reverse };
}

/** The snapshot the pass keeps, one part per system and kind (each part replaces the last one whole). */
function referenceSnapshot(read: ReferenceRead): SnapshotPart[] {
  const { locations, shipVias, warehouses, services, stores, inventory } = read;
  return [
    {
      system: 'sage300',
      kind: 'location',
      items: locations.map((l) => ({ system: 'sage300', kind: 'location', value: l.code, label: l.name, data: {} })),
    },
    {
      system: 'sage300',
      kind: 'ship_via',
      items: shipVias.map((v) => ({ system: 'sage300', kind: 'ship_via', value: v.code, label: v.name, data: {} })),
    },
    {
      system: 'shipstation',
      kind: 'warehouse',
      items: warehouses.map((w) => ({
        system: 'shipstation',
        kind: 'warehouse',
        value: w.id,
        label: w.name,
        // The origin country tells which orders ship abroad (customs, docs/mapping.md).
        data: { isDefault: w.isDefault, ...(w.country ? { country: w.country.toUpperCase() } : {}) },
      })),
    },
    {
      system: 'shipstation',
      kind: 'service',
      items: services.map((s) => ({
        system: 'shipstation',
        kind: 'service',
        value: `${s.carrierCode}:${s.serviceCode}`,
        label: s.name,
        data: { carrierName: s.carrierName },
      })),
    },
    {
      system: 'shipstation',
      kind: 'store',
      items: stores.map((s) => ({ system: 'shipstation', kind: 'store', value: s.id, label: s.name, data: {} })),
    },
    {
      system: 'shipstation',
      kind: 'inventory_location',
      items: (inventory ?? []).map((l) => ({
        system: 'shipstation',
        kind: 'inventory_location',
        value: l.inventoryLocationId,
        label: `${l.warehouseName} / ${l.name}`,
        data: l,
      })),
    },
  ];
}

/** A suggestion for every Sage location, ship-via code and (with V2) stock location, matched by name. */
function referenceSuggestions(read: ReferenceRead): Suggestion[] {
  const { locations, shipVias, warehouses, services, inventory } = read;
  return [
    ...suggest(
      'location',
      locations.map((l) => ({ value: l.code, name: l.name })),
      warehouses.map((w) => ({ name: w.name, target: { warehouseId: w.id, name: w.name } })),
    ),
    ...suggest(
      'ship_via',
      shipVias.map((v) => ({ value: v.code, name: v.name })),
      services.map((s) => ({
        name: s.name,
        target: { carrierCode: s.carrierCode, serviceCode: s.serviceCode, name: s.name },
      })),
    ),
    ...(inventory
      ? suggest(
          'inventory_location',
          locations.map((l) => ({ value: l.code, name: l.name })),
          inventory.map((l) => ({
            name: l.warehouseName || l.name,
            target: {
              inventoryWarehouseId: l.inventoryWarehouseId,
              inventoryLocationId: l.inventoryLocationId,
              name: `${l.warehouseName} / ${l.name}`,
            },
          })),
        )
      : []),
  ];
}

/** Writes the suggestions over every mapping nobody decided; returns the counts of what it did. */
async function applySuggestions(
  ctx: FlowContext,
  suggestions: readonly Suggestion[],
  existing: ReadonlyMap<string, Mapping>,
  options: { autoAccept: boolean },
): Promise<Record<string, number>> {
  const id = ctx.connection.id;
  const counts: Record<string, number> = {};
  const bump = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  for (const s of suggestions) {
    const current = existing.get(`${s.kind}|${s.sageValue}`);
    if (current && decided(current)) {
      bump('kept');
      continue;
    }
    if (ctx.dryRun) continue;
    if (options.autoAccept && s.unambiguous && s.target) {
      await ctx.store.mappings.set(
        id,
        s.kind,
        s.sageValue,
        s.target === 'skip' ? 'skip' : 'mapped',
        s.target === 'skip' ? null : s.target,
        'auto',
      );
      bump('accepted');
    } else if (s.target) {
      const target: MappingTarget = s.target === 'skip' ? { skip: true, name: 'not through ShipStation' } : s.target;
      await ctx.store.mappings.set(id, s.kind, s.sageValue, 'suggested', target, 'suggestion');
      bump(s.target === 'skip' ? 'suggested_skip' : 'suggested');
    } else {
      await ctx.store.mappings.set(id, s.kind, s.sageValue, 'unmapped', null, 'suggestion');
      bump('unmapped');
    }
  }
  return counts;
}

/** A mapping a person (or auto-accept) decided; suggestions and unmapped rows are recomputed. */
export function decided(m: Mapping): boolean {
  return (m.status === 'mapped' || m.status === 'skip') && (m.source === 'user' || m.source === 'auto');
}

export type { MappingKind };
