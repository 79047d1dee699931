import type { Mapping, MappingKind } from '../../domain/mappings.js';
import type { ReferenceItem } from '../../domain/reference-item.js';
import { similarity } from './similarity.js';

/** A ShipStation value no Sage value is mapped to, with the Sage value whose name is closest. */
export interface UnmappedShipStationValue {
  kind: 'warehouse' | 'service' | 'inventory_location';
  value: string;
  label: string;
  suggestion: { sageValue: string; sageName: string; score: number } | null;
}

/** Which mapping kind points at each ShipStation kind. */
const POINTED_BY: Record<UnmappedShipStationValue['kind'], MappingKind> = {
  warehouse: 'location',
  service: 'ship_via',
  inventory_location: 'inventory_location',
};

/** The ShipStation value a mapping targets, in the snapshot's terms. */
export function targetValue(m: Mapping): string | null {
  const t = m.target as Record<string, unknown> | null;
  if (!t || (m.status !== 'mapped' && m.status !== 'suggested')) return null;
  if (typeof t['warehouseId'] === 'string') return t['warehouseId'];
  if (typeof t['serviceCode'] === 'string') return `${t['carrierCode']}:${t['serviceCode']}`;
  if (typeof t['inventoryLocationId'] === 'string') return t['inventoryLocationId'];
  return null;
}

/**
 * The reverse side of the mapping table (pure): ShipStation warehouses, services and inventory locations
 * (from the reference snapshot) that no Sage value is mapped or suggested to — a new warehouse or service
 * added in ShipStation shows up here, with the closest Sage value by name as a hint.
 */
export function unmappedShipStation(
  snapshot: readonly ReferenceItem[],
  mappings: readonly Mapping[],
): UnmappedShipStationValue[] {
  const out: UnmappedShipStationValue[] = [];
  const sageByKind = {
    location: snapshot.filter((r) => r.system === 'sage300' && r.kind === 'location'),
    ship_via: snapshot.filter((r) => r.system === 'sage300' && r.kind === 'ship_via'),
  };
  for (const kind of ['warehouse', 'service', 'inventory_location'] as const) {
    const pointedBy = POINTED_BY[kind];
    const used = new Set(
      mappings
        .filter((m) => m.kind === pointedBy)
        .map(targetValue)
        .filter((v): v is string => v !== null),
    );
    const sage = pointedBy === 'ship_via' ? sageByKind.ship_via : sageByKind.location;
    for (const item of snapshot) {
      if (item.system !== 'shipstation' || item.kind !== kind || used.has(item.value)) continue;
      let best: UnmappedShipStationValue['suggestion'] = null;
      for (const s of sage) {
        const score = Math.round(similarity(s.label, item.label) * 100) / 100;
        if (score >= 0.4 && (!best || score > best.score)) best = { sageValue: s.value, sageName: s.label, score };
      }
      out.push({ kind, value: item.value, label: item.label, suggestion: best });
    }
  }
  return out;
}
