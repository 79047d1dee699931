import { ENUMS, type EntityType, qualifiedName } from './entity-model.js';
import type { ListSource } from './list-query.js';
import type { FilterProperty } from './odata-filter-compile.js';
import type { Json } from './sim-state.js';

/**
 * A list source over master data kept in the API's own JSON shape (customers, items, locations…). These
 * sets are small (hundreds of rows), so rows are plain objects and a filter reads their properties.
 */
const TYPE_OF = { S: 'string', D: 'number', I: 'number', B: 'boolean', T: 'date' } as const;
const EDM_OF = {
  S: 'Edm.String',
  D: 'Edm.Decimal',
  I: 'Edm.Int32',
  B: 'Edm.Boolean',
  T: 'Edm.DateTimeOffset',
} as const;

export function jsonProperty(type: EntityType, name: string): FilterProperty<Json> | undefined {
  const t = type.properties.get(name);
  if (!t || t.startsWith('C:')) return undefined;
  if (t.startsWith('E:')) {
    return {
      type: 'enum',
      members: ENUMS[t.slice(2)] ?? [],
      edmType: `${qualifiedName(type).slice(0, -type.name.length)}${t.slice(2)}`,
      get: (row) => (row[name] as string) ?? null,
    };
  }
  const k = t as keyof typeof TYPE_OF;
  if (k === 'T') {
    return {
      type: 'date',
      edmType: EDM_OF.T,
      get: (row) => (typeof row[name] === 'string' ? Date.parse(row[name] as string) : null),
    };
  }
  return { type: TYPE_OF[k], edmType: EDM_OF[k], get: (row) => (row[name] as string | number | boolean) ?? null };
}

export function jsonSource(type: EntityType, rows: readonly Json[]): ListSource<Json> {
  return {
    rows,
    typeName: qualifiedName(type),
    resolver: (name) => jsonProperty(type, name),
    sortKey: (name) => {
      const p = jsonProperty(type, name);
      return p ? (row) => p.get(row) : undefined;
    },
  };
}

/** Keeps only `$select`ed properties, in entity order. */
export function selectJson(type: EntityType, row: Json, select?: ReadonlySet<string>): Json {
  if (!select) return row;
  const out: Json = {};
  for (const name of type.properties.keys()) if (select.has(name)) out[name] = row[name];
  return out;
}
