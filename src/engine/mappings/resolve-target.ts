import type { MappingKind, MappingTarget } from '../../domain/mappings.js';
import type { ReferenceItem } from '../../domain/reference-item.js';

export type TargetQuery = { warehouse: string } | { service: string } | { inventoryLocation: string };

export type Resolved =
  | { ok: true; target: MappingTarget }
  | { ok: false; reason: 'wrong_option' | 'not_found' | 'ambiguous'; message: string };

const OPTION: Record<MappingKind, { option: string; snapshotKind: string; what: string }> = {
  location: { option: '--warehouse', snapshotKind: 'warehouse', what: 'warehouse' },
  ship_via: { option: '--service', snapshotKind: 'service', what: 'carrier service' },
  inventory_location: {
    option: '--inventory-location',
    snapshotKind: 'inventory_location',
    what: 'inventory location',
  },
};

/**
 * Finds the ShipStation value a person named in `mappings set` (pure, over the reference snapshot): an id
 * or code exactly, else a name (letter case ignored) that only one value has. The message names what
 * exists when nothing or several match.
 */
export function resolveTarget(kind: MappingKind, query: TargetQuery, snapshot: readonly ReferenceItem[]): Resolved {
  const spec = OPTION[kind];
  const given = 'warehouse' in query ? 'warehouse' : 'service' in query ? 'service' : 'inventory_location';
  if (given !== spec.snapshotKind) {
    return {
      ok: false,
      reason: 'wrong_option',
      message: `A ${kind} mapping is set with ${spec.option} (or --skip / --clear).`,
    };
  }
  const text = (
    'warehouse' in query ? query.warehouse : 'service' in query ? query.service : query.inventoryLocation
  ).trim();
  const items = snapshot.filter((r) => r.system === 'shipstation' && r.kind === spec.snapshotKind);
  const lower = text.toLowerCase();
  const names = (r: ReferenceItem) => {
    const d = (r.data ?? {}) as Record<string, unknown>;
    return [r.label, d['name'], d['warehouseName']].filter((x): x is string => typeof x === 'string' && x !== '');
  };
  let found = items.filter((r) => r.value === text || r.value.toLowerCase() === lower);
  if (found.length === 0) found = items.filter((r) => names(r).some((n) => n.toLowerCase() === lower));
  if (found.length === 0) found = items.filter((r) => names(r).some((n) => stripMarks(n) === stripMarks(text)));
  if (found.length === 1) return { ok: true, target: toTarget(spec.snapshotKind, found[0]!) };
  const list = (found.length > 1 ? found : items).map((r) => `${r.value} (${r.label})`).join(', ');
  return {
    ok: false,
    reason: found.length > 1 ? 'ambiguous' : 'not_found',
    message:
      found.length > 1
        ? `"${text}" matches several ShipStation ${spec.what}s: ${list}. Give the id.`
        : `ShipStation has no ${spec.what} "${text}". ${items.length ? `Known: ${list}.` : 'None is known yet: run "ml-connector mappings suggest" to read them.'}`,
  };
}

function stripMarks(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function toTarget(kind: string, r: ReferenceItem): MappingTarget {
  const d = (r.data ?? {}) as Record<string, unknown>;
  if (kind === 'warehouse') return { warehouseId: r.value, name: r.label };
  if (kind === 'service') {
    const [carrierCode = '', serviceCode = ''] = r.value.split(':');
    return { carrierCode, serviceCode, name: r.label };
  }
  return {
    inventoryWarehouseId: typeof d['inventoryWarehouseId'] === 'string' ? d['inventoryWarehouseId'] : '',
    inventoryLocationId: r.value,
    name: r.label,
  };
}
