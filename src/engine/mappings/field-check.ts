import { FIELD_TARGETS, type FieldTarget, type ResolvedFieldMapping } from '../../domain/field-mapping.js';
import { describeSource, FIELD_TARGET_LABELS } from '../../mapping/field-mapping.js';
import { similarity } from './similarity.js';

/** The properties this Sage install has, from its `$metadata` (OEOrders and ARCustomers). */
export interface SagePropertyNames {
  order: readonly string[];
  customer: readonly string[];
}

export interface FieldMappingError {
  target: FieldTarget;
  message: string;
  /** The nearest existing names, best first (empty when nothing is close). */
  nearest: string[];
}

/**
 * A mapping is refused when a Sage property it names does not exist in this install (`$metadata` lists the
 * properties, in the letter case the Web API needs): each error names the nearest names. Optional fields are
 * values in Sage, not properties, so `$metadata` cannot tell them; the preview shows whether an order has one.
 */
export function checkFieldMapping(m: ResolvedFieldMapping, names: SagePropertyNames): FieldMappingError[] {
  const errors: FieldMappingError[] = [];
  for (const target of FIELD_TARGETS) {
    const s = m[target];
    if (!s || (s.from !== 'order' && s.from !== 'customer')) continue;
    const list = s.from === 'order' ? names.order : names.customer;
    if (list.includes(s.name)) continue;
    const nearest = nearestNames(s.name, list);
    const set = s.from === 'order' ? 'OEOrders' : 'ARCustomers';
    errors.push({
      target,
      nearest,
      message: `${FIELD_TARGET_LABELS[target]}: ${describeSource(s)} does not exist in this Sage 300 install (${set} in $metadata)${nearest.length ? `; nearest: ${nearest.join(', ')}` : ''}.`,
    });
  }
  return errors;
}

/** Up to three names most like `name` (letter case ignored; an exact match but for case comes first). */
export function nearestNames(name: string, names: readonly string[]): string[] {
  const spaced = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return names
    .map((n) => ({
      n,
      score: n.toLowerCase() === name.toLowerCase() ? 2 : similarity(spaced(name), spaced(n)),
    }))
    .filter((x) => x.score >= 0.3)
    .sort((a, b) => b.score - a.score || a.n.localeCompare(b.n))
    .slice(0, 3)
    .map((x) => x.n);
}
