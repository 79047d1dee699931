import { ConnectorError } from '../../../domain/errors.js';
import { MAPPING_KINDS, type Mapping, type MappingKind, type MappingTarget } from '../../../domain/mappings.js';

/** The `--connection` option every mappings subcommand takes. */
export const CONNECTION_OPTION = ['--connection <name>', 'connection (default: the only one, or "default")'] as const;

/** A mapping kind as typed on the command line (`ship-via` or `ship_via`, any case). */
export function kindOf(text: string): MappingKind {
  const k = text.trim().toLowerCase().replace(/-/g, '_');
  if ((MAPPING_KINDS as readonly string[]).includes(k)) return k as MappingKind;
  throw new ConnectorError('invalid_kind', `"${text}" is not a mapping kind: use ${MAPPING_KINDS.join(', ')}.`);
}

export function targetText(t: MappingTarget): string {
  if ('skip' in t) return 'not through ShipStation';
  if ('warehouseId' in t) return `warehouse ${t.warehouseId} (${t.name})`;
  if ('serviceCode' in t) return `${t.carrierCode}:${t.serviceCode} (${t.name})`;
  return `inventory location ${t.inventoryLocationId} (${t.name})`;
}

export function mappingText(m: Mapping): string {
  if (m.status === 'skip') return 'not through ShipStation';
  return m.target ? targetText(m.target) : '';
}
