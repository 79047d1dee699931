import type { Connection } from '../domain/connection.js';
import { FIELD_TARGETS, type FieldTarget, type ResolvedFieldMapping } from '../domain/field-mapping.js';
import { checkFieldMapping, type FieldMappingError } from '../engine/mappings/field-check.js';
import { Sage300OrderSource } from '../integrations/sage300/sage300-order-source.js';
import { normaliseCountry } from '../mapping/country.js';
import { fieldMappingChanges, type MappedFields, mapFields, resolveFieldMapping } from '../mapping/field-mapping.js';
import type { Connector } from './connector.js';

/** The order header properties a mapping reads (the order source `$select`s them beside its own). */
export function orderFieldsRead(connection: Pick<Connection, 'settings'>, m?: ResolvedFieldMapping): string[] {
  const mapping = m ?? resolveFieldMapping(connection.settings.fields);
  return [...new Set(FIELD_TARGETS.map((t) => mapping[t]).flatMap((s) => (s?.from === 'order' ? [s.name] : [])))];
}

/** The mapping's Sage properties checked against the install's `$metadata` (empty = valid). */
export async function validateFieldMapping(
  connector: Connector,
  connection: Connection,
  m: ResolvedFieldMapping,
): Promise<FieldMappingError[]> {
  const rt = await connector.runtime(connection);
  return checkFieldMapping(m, await rt.sage.propertyNames());
}

/** The wire names of each target, for the preview and the page. */
export const WIRE_NAMES: Readonly<Record<FieldTarget, { v1: string; v2: string }>> = {
  customField1: { v1: 'advancedOptions.customField1', v2: 'advanced_options.custom_field1' },
  customField2: { v1: 'advancedOptions.customField2', v2: 'advanced_options.custom_field2' },
  customField3: { v1: 'advancedOptions.customField3', v2: 'advanced_options.custom_field3' },
  internalNotes: { v1: 'internalNotes', v2: 'internal_notes' },
  customerNotes: { v1: 'customerNotes', v2: 'notes_from_buyer' },
  gift: { v1: 'gift', v2: 'is_gift' },
  giftMessage: { v1: 'giftMessage', v2: 'notes_for_gift' },
  tags: { v1: 'tagIds (by name)', v2: 'tags' },
  billToParty: { v1: 'advancedOptions.billToParty', v2: 'advanced_options.bill_to_party' },
  billToAccount: { v1: 'advancedOptions.billToAccount', v2: 'advanced_options.bill_to_account' },
  billToPostalCode: { v1: 'advancedOptions.billToPostalCode', v2: 'advanced_options.bill_to_postal_code' },
  billToCountry: { v1: 'advancedOptions.billToCountryCode', v2: 'advanced_options.bill_to_country_code' },
};

export interface PreviewRow {
  target: FieldTarget;
  before: string;
  after: string;
  changed: boolean;
}

export interface FieldMappingPreview {
  orderNumber: string;
  found: boolean;
  rows: PreviewRow[];
  /** Why the order would be held under the new mapping (billing instructions missing a part…). */
  problems: string[];
}

/** One target's value as the order would carry it ("" = not sent / empty). */
export function shownValue(f: MappedFields, t: FieldTarget): string {
  const b = f.billing;
  switch (t) {
    case 'gift':
      return f.gift === undefined ? '' : f.gift ? 'yes' : 'no';
    case 'tags':
      return (f.tags ?? []).join(', ');
    case 'billToParty':
      return b?.party ?? '';
    case 'billToAccount':
      return b?.account ?? '';
    case 'billToPostalCode':
      return b?.postalCode ?? '';
    case 'billToCountry':
      return b?.countryCode ?? '';
    default:
      return (f[t] as string | null | undefined) ?? '';
  }
}

/**
 * The ShipStation fields of a real Sage order under the connection's mapping and under `proposed`, side by
 * side (reads Sage only: the order, with the properties the proposal names, and its customer).
 */
export async function previewFieldMapping(
  connector: Connector,
  connection: Connection,
  orderNumber: string,
  proposed: ResolvedFieldMapping,
): Promise<FieldMappingPreview> {
  const rt = await connector.runtime(connection);
  const current = resolveFieldMapping(connection.settings.fields);
  const source = new Sage300OrderSource(rt.sageClient, {
    clock: connector.app.clock,
    extraFields: [...orderFieldsRead(connection, current), ...orderFieldsRead(connection, proposed)],
  });
  const order = await source.getOrderByNumber(orderNumber.trim());
  if (!order) return { orderNumber, found: false, rows: [], problems: [] };
  const customer = (await source.getCustomers([order.customerNumber])).get(order.customerNumber);
  const shipTo = normaliseCountry(order.shipTo.country);
  const before = mapFields(current, { order, customer }, shipTo).fields;
  const after = mapFields(proposed, { order, customer }, shipTo);
  const rows = FIELD_TARGETS.map((target) => {
    const b = shownValue(before, target);
    const a = shownValue(after.fields, target);
    return { target, before: b, after: a, changed: a !== b };
  });
  return { orderNumber: order.number, found: true, rows, problems: after.problems.map((p) => p.message) };
}

/**
 * Saves a mapping (only what differs from the defaults), after checking it against `$metadata`. Held orders
 * are made due so they are planned again at once; open orders follow through the edits pass (their raw hash
 * includes the mapping) and shipped ones never change.
 */
export async function saveFieldMapping(
  connector: Connector,
  connection: Connection,
  m: ResolvedFieldMapping,
): Promise<{ saved: boolean; errors: FieldMappingError[] }> {
  const errors = await validateFieldMapping(connector, connection, m);
  if (errors.length > 0) return { saved: false, errors };
  const store = connector.app.store;
  const { fields: _old, ...rest } = connection.settings;
  const changes = fieldMappingChanges(m);
  await store.connections.updateSettings(connection.id, {
    ...rest,
    ...(Object.keys(changes).length > 0 ? { fields: changes } : {}),
  });
  await store.records.makeDue(connection.id, 'order', ['held']);
  return { saved: true, errors: [] };
}
