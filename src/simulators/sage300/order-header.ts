import { ADDRESS_FIELDS, type Address, ORDER_TYPES, type OrderRow } from './order-row.js';
import type { Payload } from './payload.js';
import { bool, num, str } from './payload.js';
import { recordInvalid } from './sage-error.js';
import type { Json, SimState } from './sim-state.js';

/**
 * Header fields a caller may set on an order (POST, PATCH, the /_sim/ desktop edits). Computed and
 * system-assigned properties (totals, numbers, shipment counters, completion) are accepted in a payload but
 * ignored, as the view recalculates them (INFERRED; recorded).
 */
export function addressFromJson(st: SimState, json: Json, name: string): Address {
  const s = (k: string) => st.pool.intern(String(json[k] ?? ''));
  return {
    name: st.pool.intern(name),
    line1: s('AddressLine1'),
    line2: s('AddressLine2'),
    line3: s('AddressLine3'),
    line4: s('AddressLine4'),
    city: s('City'),
    state: s('StateProvince'),
    zip: s('ZipPostalCode'),
    country: s('Country'),
    phone: s('PhoneNumber'),
    fax: s('FaxNumber'),
    contact: s('ContactName'),
    contactPhone: s('ContactsPhone'),
    email: s('Email'),
    contactEmail: s('ContactsEmail'),
  };
}

/** Ship-to from a customer's ship-to location, else the customer's own address (as Sage fills it in). */
export function shipToFor(st: SimState, customer: Json, shipToCode: string): Address {
  if (shipToCode) {
    const loc = st.shipTos.get(`${customer['CustomerNumber']}\u0000${shipToCode}`);
    if (!loc)
      throw recordInvalid(`Ship-to location ${shipToCode} does not exist for customer ${customer['CustomerNumber']}.`);
    return addressFromJson(st, loc, String(loc['Description'] ?? customer['CustomerName']));
  }
  const cached = st.customerAddresses.get(String(customer['CustomerNumber']));
  if (cached) return cached;
  const address = addressFromJson(st, customer, String(customer['CustomerName'] ?? ''));
  st.customerAddresses.set(String(customer['CustomerNumber']), address);
  return address;
}

function applyAddress(st: SimState, current: Address, p: Payload, prefix: 'ShipTo' | 'BillTo'): Address {
  let next: Address | undefined;
  for (const [suffix, field] of ADDRESS_FIELDS) {
    const v = str(p, `${prefix}${suffix}`);
    if (v === undefined || v === current[field]) continue;
    next ??= { ...current };
    next[field] = st.pool.intern(v);
  }
  return next ?? current;
}

export function checkShipVia(st: SimState, code: string): string {
  if (code && !st.shipVias.has(code)) throw recordInvalid(`Ship-via code ${code} does not exist.`);
  return st.pool.intern(code);
}

export function checkLocation(st: SimState, code: string): string {
  if (!st.locations.has(code)) throw recordInvalid(`Location ${code} does not exist.`);
  return st.pool.intern(code);
}

/** Applies the settable header fields of a payload to a row (new or existing). */
export function applyHeader(st: SimState, row: OrderRow, p: Payload, customer: Json): void {
  const shipToCode = str(p, 'ShipToLocationCode');
  if (shipToCode !== undefined && shipToCode !== row.shipToCode) {
    row.shipToCode = st.pool.intern(shipToCode);
    row.shipTo = shipToFor(st, customer, shipToCode);
  }
  row.shipTo = applyAddress(st, row.shipTo, p, 'ShipTo');
  row.billTo = applyAddress(st, row.billTo, p, 'BillTo');
  const text: [string, 'po' | 'reference' | 'description' | 'comment' | 'terms' | 'priceList' | 'tracking'][] = [
    ['PurchaseOrderNumber', 'po'],
    ['OrderReference', 'reference'],
    ['OrderDescription', 'description'],
    ['OrderComment', 'comment'],
    ['TermsCode', 'terms'],
    ['DefaultPriceListCode', 'priceList'],
    ['ShipmentTrackingNumber', 'tracking'],
  ];
  for (const [name, field] of text) {
    const v = str(p, name);
    if (v !== undefined) row[field] = st.pool.intern(v);
  }
  const via = str(p, 'ShipViaCode');
  if (via !== undefined) row.shipVia = checkShipVia(st, via);
  const location = str(p, 'DefaultLocationCode');
  if (location !== undefined) row.location = checkLocation(st, location);
  const type = str(p, 'OrderType');
  if (type !== undefined) row.type = ORDER_TYPES.indexOf(type as (typeof ORDER_TYPES)[number]);
  const onHold = bool(p, 'OnHold');
  if (onHold !== undefined) row.onHold = onHold;
  const orderDate = num(p, 'OrderDate');
  if (orderDate) row.orderDate = orderDate;
  const expected = num(p, 'ExpectedShipDate');
  if (expected) row.expectedShipDate = expected;
  const shipmentDate = num(p, 'ShipmentDate');
  if (shipmentDate !== undefined) row.shipmentDate = shipmentDate;
  applyOptionalFields(row, p['OrderOptionalFields']);
}

/** Optional field details by name: inserted or updated, or removed with `UpdateOperation: Delete` (sheet §3.4). */
function applyOptionalFields(row: OrderRow, details: Payload['x'] | undefined): void {
  if (!Array.isArray(details)) return;
  const fields = [...(row.optionalFields ?? [])];
  for (const d of details) {
    const name = String(d['OptionalField'] ?? '')
      .trim()
      .toUpperCase();
    if (!name) throw recordInvalid('Optional field is required.');
    const at = fields.findIndex((f) => f.name === name);
    if (d['UpdateOperation'] === 'Delete') {
      if (at >= 0) fields.splice(at, 1);
      continue;
    }
    const value = String(d['Value'] ?? '').trim();
    if (at >= 0) fields[at] = { name, value };
    else fields.push({ name, value });
  }
  if (fields.length > 0) row.optionalFields = fields;
  else delete row.optionalFields;
}
