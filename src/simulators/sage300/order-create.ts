import { ORDER, qualifiedName } from './entity-model.js';
import { addressFromJson, applyHeader, checkLocation, checkShipVia, shipToFor } from './order-header.js';
import { newLine } from './order-lines.js';
import { INCOMPLETE, type OrderRow } from './order-row.js';
import { shipOrder } from './order-ship.js';
import { commitLine } from './order-stock.js';
import { bool, checkLengths, list, num, type Payload, readPayload, str } from './payload.js';
import { recordInvalid, SageError } from './sage-error.js';
import type { Json, SimState } from './sim-state.js';

/**
 * `POST OE/OEOrders` (sheet §4.3, §8.6): assigns `OrderUniquifier` and `OrderNumber` (unless the payload
 * brings its own number: a duplicate is 409 `RecordDuplicate`), fills bill-to and ship-to from the customer
 * or the given `ShipToLocationCode`, prices lines, commits stock or backorders it, and — for lines sent with
 * `QuantityShipped`, or with `PerformShipAll` — creates a shipment (and an invoice with
 * `InvoiceWillBeProduced`/`PostInvoice`). All or nothing: a refused order changes nothing.
 */
const MODEL = qualifiedName(ORDER);

export function createOrder(st: SimState, body: unknown): OrderRow {
  const p = readPayload(body, ORDER);
  checkLengths(p, MODEL);
  return st.atomically(() => {
    const row = newRow(st, p);
    for (const d of list(p, 'OrderDetails')) checkLengths(d, MODEL);
    for (const d of list(p, 'OrderDetails')) row.lines.push(newLine(st, row, d));
    for (const line of row.lines) commitLine(st, row, line);
    const shipAll = bool(p, 'PerformShipAll') === true || str(p, 'ProcessOECommand') === 'ShipAll';
    const quantities = new Map<number, number>();
    list(p, 'OrderDetails').forEach((d, i) => {
      const line = row.lines[i];
      if (!line || line.misc) return;
      const q = shipAll ? line.outstanding : (num(d, 'QuantityShipped') ?? 0);
      if (q) quantities.set(line.lineNumber, q);
    });
    shipOrder(st, row, {
      quantities,
      ...(str(p, 'ShipmentTrackingNumber') === undefined
        ? {}
        : { trackingNumber: str(p, 'ShipmentTrackingNumber') as string }),
      ...(num(p, 'ShipmentDate') ? { shipmentDate: num(p, 'ShipmentDate') as number } : {}),
      invoice: bool(p, 'InvoiceWillBeProduced') === true || bool(p, 'PostInvoice') === true,
    });
    st.addOrder(row);
    return row;
  });
}

function newRow(st: SimState, p: Payload): OrderRow {
  const customerNumber = str(p, 'CustomerNumber');
  if (!customerNumber) throw recordInvalid('Customer number is required.');
  const customer = st.customers.get(customerNumber);
  if (!customer) throw recordInvalid(`Customer ${customerNumber} does not exist.`);
  const given = str(p, 'OrderNumber')?.trim();
  const useGiven = given && given !== '*** NEW ***';
  if (useGiven && st.ordersByNumber.has(given)) {
    throw new SageError(409, 'RecordDuplicate', `Order ${given} already exists.`);
  }
  const today = st.today();
  const orderDate = num(p, 'OrderDate') || today;
  const location =
    str(p, 'DefaultLocationCode') ?? String(customer['InventoryLocation'] || st.locations.keys().next().value || '');
  st.counters.uniq += 1;
  const row: OrderRow = {
    uniq: st.counters.uniq,
    number: useGiven ? given : st.nextOrderNumber(),
    type: 0,
    orderDate,
    expectedShipDate: num(p, 'ExpectedShipDate') || orderDate,
    customer: st.pool.intern(customerNumber),
    customerGroup: st.pool.intern(String(customer['GroupCode'] ?? '')),
    po: '',
    reference: '',
    description: '',
    comment: '',
    shipVia: checkShipVia(st, str(p, 'ShipViaCode') ?? String(customer['ShipViaCode'] ?? '')),
    shipToCode: '',
    shipTo: shipToFor(st, customer, ''),
    billTo: addressFromJson(st, customer, String(customer['CustomerName'] ?? '')),
    onHold: false,
    completed: INCOMPLETE,
    completionDate: 0,
    lastShipment: '',
    shipments: 0,
    tracking: '',
    shipmentDate: 0,
    lastInvoice: '',
    invoiceDate: 0,
    location: checkLocation(st, location),
    currency: st.pool.intern(String(customer['CurrencyCode'] || 'USD')),
    taxGroup: st.pool.intern(String(customer['TaxGroup'] ?? '')),
    taxRate: st.taxRates.get(String(customer['TaxGroup'] ?? '')) ?? 0,
    terms: st.pool.intern(String(customer['Terms'] ?? '')),
    priceList: st.pool.intern(String(customer['CustomerPriceList'] ?? '')),
    lines: [],
  };
  // Bill-to is the customer's own address: share the cached copy when nothing overrides it.
  row.billTo = shipToFor(st, customer, '');
  applyHeader(st, row, p, customer);
  if (row.type < 0) row.type = 0;
  return row;
}

export function customerOf(st: SimState, row: OrderRow): Json {
  const c = st.customers.get(row.customer);
  if (!c) throw recordInvalid(`Customer ${row.customer} does not exist.`);
  return c;
}
