import {
  type BillToParty,
  DEFAULT_FIELD_MAPPING,
  FIELD_TARGETS,
  type FieldSource,
  type FieldTarget,
  type OutboundBilling,
  type ResolvedFieldMapping,
} from '../domain/field-mapping.js';
import type { Problem } from '../domain/result.js';
import type { SageCustomer, SageOrder } from '../domain/sage.js';
import { normaliseCountry } from './country.js';

import { describeSource, parseFieldSource } from './field-source.js';

export {
  describeSource,
  fieldMappingChanges,
  formatFieldSource,
  isDefaultFieldMapping,
  parseFieldSource,
  resolveFieldMapping,
} from './field-source.js';

/** What a mapping reads its values from. */
export interface FieldSources {
  order: SageOrder;
  customer: SageCustomer | undefined;
}

/** Domain fields of the order by their Sage property name (the adapter keeps the rest in `headerFields`). */
const ORDER_PROPERTY: Record<string, (o: SageOrder) => string> = {
  PurchaseOrderNumber: (o) => o.poNumber,
  OrderNumber: (o) => o.number,
  CustomerNumber: (o) => o.customerNumber,
  OrderComment: (o) => o.comment,
  OrderReference: (o) => o.reference,
  OrderDescription: (o) => o.description,
  ShipViaCode: (o) => o.shipViaCode,
  ShipViaCodeDescription: (o) => o.shipViaDescription,
  ShipToLocationCode: (o) => o.shipToLocationCode,
};

function byName(record: Readonly<Record<string, string>> | undefined, name: string): string {
  if (!record) return '';
  if (name in record) return record[name] ?? '';
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key ? (record[key] ?? '') : '';
}

/** The value a source gives for one order (blank when Sage has none), trimmed. */
export function sourceValue(s: FieldSource, { order, customer }: FieldSources): string {
  switch (s.from) {
    case 'text':
      return s.name.trim();
    case 'order': {
      const known = Object.keys(ORDER_PROPERTY).find((k) => k.toLowerCase() === s.name.toLowerCase());
      return (known ? ORDER_PROPERTY[known]!(order) : byName(order.headerFields, s.name)).trim();
    }
    case 'order_optional':
      return byName(order.optionalFields, s.name).trim();
    case 'customer':
      return byName(customer?.fields, s.name).trim();
    case 'customer_optional':
      return byName(customer?.optionalFields, s.name).trim();
  }
}

/** The mapped values of one order. Optional parts are present only when the mapping fills them. */
export interface MappedFields {
  customField1: string | null;
  customField2: string | null;
  customField3: string | null;
  /** Before the connector's own notes (currency, several locations) are added. */
  internalNotes: string | null;
  customerNotes?: string | null;
  gift?: boolean;
  giftMessage?: string | null;
  tags?: string[];
  billing?: OutboundBilling | null;
}

const TRUE = new Set(['y', 'yes', 'true', '1', 'x', 'on', 'gift']);
const PARTIES: Record<string, BillToParty | 'shipper'> = {
  third_party: 'third_party',
  thirdparty: 'third_party',
  '3rd_party': 'third_party',
  third: 'third_party',
  recipient: 'recipient',
  receiver: 'recipient',
  consignee: 'recipient',
  collect: 'recipient',
  my_account: 'shipper',
  shipper: 'shipper',
  sender: 'shipper',
  prepaid: 'shipper',
};

/**
 * One order's ShipStation fields under a mapping. Pure: every problem (billing instructions that miss a part
 * or name an unknown party or country) is returned at once, each naming the Sage field to fill in.
 */
export function mapFields(
  m: ResolvedFieldMapping,
  sources: FieldSources,
  shipToCountry: string | null,
): { fields: MappedFields; problems: Problem[] } {
  const value = (t: FieldTarget) => {
    const s = m[t];
    return s ? sourceValue(s, sources) || null : null;
  };
  const fields: MappedFields = {
    customField1: value('customField1'),
    customField2: value('customField2'),
    customField3: value('customField3'),
    internalNotes: value('internalNotes'),
  };
  if (m.customerNotes) fields.customerNotes = value('customerNotes');
  if (m.giftMessage) fields.giftMessage = value('giftMessage');
  // A gift message makes the order a gift unless a field says otherwise.
  if (m.gift) fields.gift = TRUE.has((value('gift') ?? '').toLowerCase());
  else if (m.giftMessage) fields.gift = fields.giftMessage != null;
  if (m.tags) {
    fields.tags = [
      ...new Set(
        (value('tags') ?? '')
          .split(/[,;]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
  }
  const problems: Problem[] = [];
  if (m.billToParty || m.billToAccount || m.billToPostalCode || m.billToCountry) {
    fields.billing = mapBilling(m, sources.order.number, value, shipToCountry, problems);
  }
  return { fields, problems };
}

function mapBilling(
  m: ResolvedFieldMapping,
  orderNumber: string,
  value: (t: FieldTarget) => string | null,
  shipToCountry: string | null,
  problems: Problem[],
): OutboundBilling | null {
  const partyText = value('billToParty');
  const account = value('billToAccount');
  const postalCode = value('billToPostalCode');
  const countryText = value('billToCountry');
  if (!partyText && !account) return null;
  const where = (t: FieldTarget) => (m[t] ? describeSource(m[t]!) : `no Sage field (the mapping has none for ${t})`);
  const party = partyText ? PARTIES[partyText.toLowerCase().replace(/[\s-]+/g, '_')] : undefined;
  if (partyText && !party) {
    problems.push(
      billingProblem(
        orderNumber,
        `names billing party "${partyText}" (${where('billToParty')}), which is not third party or recipient`,
        'billToParty',
        m,
      ),
    );
    return null;
  }
  if (party === 'shipper') return null;
  const billTo: BillToParty = party ?? 'third_party';
  const missing: FieldTarget[] = [];
  if (!partyText) missing.push('billToParty');
  if (!account) missing.push('billToAccount');
  if (!postalCode) missing.push('billToPostalCode');
  // Recipient billing is the ship-to's own account: its country is where the order goes (INFERRED).
  const country = countryText ? normaliseCountry(countryText) : billTo === 'recipient' ? shipToCountry : null;
  if (!countryText && !country) missing.push('billToCountry');
  for (const t of missing) {
    problems.push(
      billingProblem(
        orderNumber,
        `bills its freight to ${billTo === 'recipient' ? 'the recipient' : 'a third party'} but has no ${PART[t]} (${where(t)})`,
        t,
        m,
      ),
    );
  }
  if (countryText && !country) {
    problems.push(
      billingProblem(
        orderNumber,
        `has billing country "${countryText}" (${where('billToCountry')}), which is not a country name or ISO code`,
        'billToCountry',
        m,
      ),
    );
  }
  if (problems.length > 0 || !account || !postalCode || !country) return null;
  return { party: billTo, account, postalCode, countryCode: country };
}

const PART: Record<FieldTarget, string> = {
  customField1: 'custom field 1',
  customField2: 'custom field 2',
  customField3: 'custom field 3',
  internalNotes: 'internal notes',
  customerNotes: 'customer notes',
  gift: 'gift flag',
  giftMessage: 'gift message',
  tags: 'tags',
  billToParty: 'billing party',
  billToAccount: 'billing account',
  billToPostalCode: 'billing postal code',
  billToCountry: 'billing country',
};

export const FIELD_TARGET_LABELS: Readonly<Record<FieldTarget, string>> = PART;

function billingProblem(orderNumber: string, what: string, t: FieldTarget, m: ResolvedFieldMapping): Problem {
  const s = m[t];
  const fix = !s
    ? `Map the ${PART[t]} to a Sage field: ml-connector mappings fields set ${t} <source> (or on the dashboard's Field mapping page).`
    : s.from === 'customer_optional' || s.from === 'customer'
      ? `Fill in ${describeSource(s)} of the customer in Sage 300 (Accounts Receivable, Customers), or change the field mapping; the order is sent on the next run.`
      : s.from === 'text'
        ? `Change the fixed text of the ${PART[t]} in the field mapping.`
        : `Fill in ${describeSource(s)} on order ${orderNumber} in Sage 300 (Order Entry), or change the field mapping; the order is sent on the next run.`;
  return { code: 'billing_incomplete', message: `Order ${orderNumber} ${what}.`, fix };
}

/** A target as typed (`customField2`, `custom-field-2`, `giftmessage`), or undefined. */
export function fieldTargetOf(text: string): FieldTarget | undefined {
  const k = text
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');
  return FIELD_TARGETS.find((t) => t.toLowerCase() === k);
}

/**
 * `target=source` assignments over a mapping (`default` puts a target back to today's source): the new
 * mapping, or every error at once.
 */
export function applyFieldAssignments(
  base: ResolvedFieldMapping,
  assignments: readonly string[],
): { ok: true; mapping: ResolvedFieldMapping } | { ok: false; errors: string[] } {
  const out = { ...base } as Record<FieldTarget, FieldSource | null>;
  const errors: string[] = [];
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const target = eq > 0 ? fieldTargetOf(a.slice(0, eq)) : undefined;
    if (!target) {
      errors.push(`"${a}" is not target=source (targets: ${FIELD_TARGETS.join(', ')})`);
      continue;
    }
    const text = a.slice(eq + 1);
    if (text.trim().toLowerCase() === 'default') {
      out[target] = DEFAULT_FIELD_MAPPING[target];
      continue;
    }
    const parsed = parseFieldSource(text);
    if (parsed.ok) out[target] = parsed.source;
    else errors.push(`${target}: ${parsed.error}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: out };
}
