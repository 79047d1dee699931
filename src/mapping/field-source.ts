import {
  DEFAULT_FIELD_MAPPING,
  FIELD_TARGETS,
  type FieldMappingSettings,
  type FieldSource,
  type FieldSourceKind,
  type FieldTarget,
  type ResolvedFieldMapping,
} from '../domain/field-mapping.js';

/** The person's choices over the defaults (an absent target keeps today's source). */
export function resolveFieldMapping(settings: FieldMappingSettings | undefined): ResolvedFieldMapping {
  const out = { ...DEFAULT_FIELD_MAPPING } as Record<FieldTarget, FieldSource | null>;
  for (const t of FIELD_TARGETS) if (settings && t in settings) out[t] = settings[t] ?? null;
  return out;
}

const same = (a: FieldSource | null, b: FieldSource | null) =>
  a === b || (!!a && !!b && a.from === b.from && a.name === b.name);

export function isDefaultFieldMapping(m: ResolvedFieldMapping): boolean {
  return FIELD_TARGETS.every((t) => same(m[t], DEFAULT_FIELD_MAPPING[t]));
}

/** Only what differs from the defaults: what `settings.fields` keeps. */
export function fieldMappingChanges(m: ResolvedFieldMapping): FieldMappingSettings {
  const out: FieldMappingSettings = {};
  for (const t of FIELD_TARGETS) if (!same(m[t], DEFAULT_FIELD_MAPPING[t])) out[t] = m[t];
  return out;
}

const PREFIX: Record<FieldSourceKind, string> = {
  order: 'order',
  order_optional: 'order-optional',
  customer: 'customer',
  customer_optional: 'customer-optional',
  text: 'text',
};

/** `order:PurchaseOrderNumber`, `customer-optional:BILLACCT`, `text:Thank you`, or `none`. */
export function formatFieldSource(s: FieldSource | null): string {
  return s ? `${PREFIX[s.from]}:${s.name}` : 'none';
}

/** The text form back; an unknown prefix or an empty name is an error saying the forms. */
export function parseFieldSource(
  text: string,
): { ok: true; source: FieldSource | null } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'none') return { ok: true, source: null };
  const colon = t.indexOf(':');
  const prefix = (colon < 0 ? t : t.slice(0, colon)).toLowerCase().replace(/_/g, '-');
  const name = colon < 0 ? '' : t.slice(colon + 1);
  const from = (Object.keys(PREFIX) as FieldSourceKind[]).find((k) => PREFIX[k] === prefix);
  if (!from || (from !== 'text' && !name.trim()) || (from === 'text' && name === '')) {
    return {
      ok: false,
      error: `"${text}" is not a source: use order:<OEOrders field>, order-optional:<optional field>, customer:<ARCustomers field>, customer-optional:<optional field>, text:<fixed text> or none`,
    };
  }
  const trimmed = name.trim();
  return {
    ok: true,
    source: { from, name: from === 'text' ? name : from.endsWith('optional') ? trimmed.toUpperCase() : trimmed },
  };
}

/** A source in words, for reasons and the page: "customer optional field BILLACCT". */
export function describeSource(s: FieldSource): string {
  switch (s.from) {
    case 'order':
      return `order field ${s.name}`;
    case 'order_optional':
      return `order optional field ${s.name}`;
    case 'customer':
      return `customer field ${s.name}`;
    case 'customer_optional':
      return `customer optional field ${s.name}`;
    case 'text':
      return `fixed text "${s.name}"`;
  }
}
