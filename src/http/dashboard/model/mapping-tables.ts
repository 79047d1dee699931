import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import type { Mapping, MappingKind, MappingTarget } from '../../../domain/mappings.js';
import { type Suggestion, suggest } from '../../../engine/mappings/suggest.js';
import { decided } from '../../../engine/reference-flow.js';
import type { ReferenceItem } from '../../../store/mappings-repo.js';

export interface MappingRow {
  kind: MappingKind;
  sageValue: string;
  sageName: string;
  /** `new`: a Sage value the table has no row for yet (read after the last suggestion pass). */
  status: Mapping['status'] | 'new';
  target: MappingTarget | null;
  source: Mapping['source'] | null;
  /** The name-similarity suggestion, recomputed from the snapshot the reference flow keeps. */
  suggestion: Suggestion | undefined;
  /** The `value` of the option that matches the current target (for the select). */
  selected: string;
}

export interface TargetOption {
  value: string;
  label: string;
  target: MappingTarget | 'skip';
}

export interface MappingTable {
  kind: MappingKind;
  rows: MappingRow[];
  options: TargetOption[];
}

export const KIND_TITLES: Record<MappingKind, string> = {
  location: 'Sage 300 locations → ShipStation warehouses',
  ship_via: 'Sage 300 ship-via codes → ShipStation carrier services',
  inventory_location: 'Sage 300 locations → ShipStation inventory locations (stock levels, V2)',
};

/** The ShipStation values a Sage value of `kind` can map to, from the reference snapshot. */
export function targetOptions(kind: MappingKind, snapshot: readonly ReferenceItem[]): TargetOption[] {
  const ss = (k: string) => snapshot.filter((r) => r.system === 'shipstation' && r.kind === k);
  if (kind === 'location')
    return ss('warehouse').map((w) => ({
      value: `warehouse:${w.value}`,
      label: w.label,
      target: { warehouseId: w.value, name: w.label },
    }));
  if (kind === 'ship_via') {
    const services = ss('service').map((s) => {
      const [carrierCode = '', serviceCode = ''] = s.value.split(':');
      const carrier = (s.data as { carrierName?: string } | null)?.carrierName;
      return {
        value: `service:${s.value}`,
        label: carrier && !s.label.toLowerCase().includes(carrier.toLowerCase()) ? `${carrier}: ${s.label}` : s.label,
        target: { carrierCode, serviceCode, name: s.label } as MappingTarget,
      };
    });
    return [...services, { value: 'skip', label: 'Not through ShipStation (will-call, freight…)', target: 'skip' }];
  }
  return ss('inventory_location').map((l) => {
    const d = (l.data ?? {}) as { inventoryWarehouseId?: string };
    return {
      value: `inventory:${l.value}`,
      label: l.label,
      target: { inventoryWarehouseId: d.inventoryWarehouseId ?? '', inventoryLocationId: l.value, name: l.label },
    };
  });
}

export function optionValueOf(
  kind: MappingKind,
  status: Mapping['status'] | 'new',
  target: MappingTarget | null,
): string {
  if (status === 'skip' || (target && 'skip' in target)) return 'skip';
  if (!target) return '';
  if ('warehouseId' in target) return `warehouse:${target.warehouseId}`;
  if ('serviceCode' in target) return `service:${target.carrierCode}:${target.serviceCode}`;
  if ('inventoryLocationId' in target && kind === 'inventory_location')
    return `inventory:${target.inventoryLocationId}`;
  return '';
}

function suggestionsFor(kind: MappingKind, snapshot: readonly ReferenceItem[]): Suggestion[] {
  const sage = (k: string) =>
    snapshot.filter((r) => r.system === 'sage300' && r.kind === k).map((r) => ({ value: r.value, name: r.label }));
  const candidates = targetOptions(kind, snapshot)
    .filter((o): o is TargetOption & { target: MappingTarget } => o.target !== 'skip')
    .map((o) => {
      // As the reference flow does: inventory locations are compared by their warehouse's name.
      const item = snapshot.find((r) => r.system === 'shipstation' && `inventory:${r.value}` === o.value);
      const warehouseName = (item?.data as { warehouseName?: string } | undefined)?.warehouseName;
      return { name: warehouseName || o.target.name, target: o.target };
    });
  if (kind === 'inventory_location' && candidates.length === 0) return [];
  return suggest(kind, sage(kind === 'ship_via' ? 'ship_via' : 'location'), candidates);
}

/** The three mapping tables of a connection: every Sage value, what it maps to now, and the suggestion. */
export async function mappingTables(app: App, connection: Connection): Promise<MappingTable[]> {
  const snapshot = await app.store.mappings.reference(connection.id);
  const mappings = await app.store.mappings.list(connection.id);
  const kinds: MappingKind[] = ['location', 'ship_via', 'inventory_location'];
  return kinds.map((kind) => {
    const byValue = new Map(mappings.filter((m) => m.kind === kind).map((m) => [m.sageValue, m]));
    const suggestions = new Map(suggestionsFor(kind, snapshot).map((s) => [s.sageValue, s]));
    const sageKind = kind === 'ship_via' ? 'ship_via' : 'location';
    const sageValues = snapshot.filter((r) => r.system === 'sage300' && r.kind === sageKind);
    const names = new Map(sageValues.map((r) => [r.value, r.label]));
    const values = [...new Set([...sageValues.map((r) => r.value), ...byValue.keys()])].sort();
    const options = targetOptions(kind, snapshot);
    const rows = values.map((value): MappingRow => {
      const m = byValue.get(value);
      const status = m?.status ?? 'new';
      return {
        kind,
        sageValue: value,
        sageName: names.get(value) ?? '',
        status,
        target: m?.target ?? null,
        source: m?.source ?? null,
        suggestion: suggestions.get(value),
        selected: status === 'mapped' || status === 'skip' ? optionValueOf(kind, status, m?.target ?? null) : '',
      };
    });
    // Inventory mapping only exists where ShipStation has inventory locations (V2 + the Inventory add-on).
    return { kind, rows: kind === 'inventory_location' && options.length === 0 ? [] : rows, options };
  });
}

/** Suggestions a person can accept in one click: clearly best, for values nobody decided yet. */
export function acceptableSuggestions(tables: readonly MappingTable[]): MappingRow[] {
  return tables.flatMap((t) =>
    t.rows.filter(
      (r) =>
        r.suggestion?.unambiguous &&
        r.suggestion.target &&
        !(r.source && decided({ status: r.status, source: r.source } as Mapping)),
    ),
  );
}
