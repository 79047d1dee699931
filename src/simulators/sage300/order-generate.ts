import { shipToFor } from './order-header.js';
import { COMPLETE_DAY_END, INCOMPLETE, type OrderLine, type OrderRow } from './order-row.js';
import { commitLine } from './order-stock.js';
import { intBetween, pick, type Random } from './prng.js';
import type { Json, SimState } from './sim-state.js';
import { round } from './values.js';

/**
 * Bulk order generation for the demo's history and the 100,000-order benchmark: rows are built directly
 * (no payload parsing), sharing customer addresses and interned strings, so 100,000 orders take well under a
 * second. Completed orders are history (stock already reflects them); open orders commit stock.
 */
export interface GenerateOptions {
  count: number;
  /** 'completed' = shipped in full long ago; 'open' = entered recently, nothing shipped; 'mixed' = 9 of 10 completed. */
  status: 'open' | 'completed' | 'mixed';
  /** Order dates spread over the last `days` days (today included). */
  days: number;
  random: Random;
  /** Share of open orders put on hold (0..1). */
  onHoldRate?: number;
  /** Share of order lines sold in cases when the item has a case unit (0..1). */
  caseRate?: number;
}

export function generateOrders(st: SimState, options: GenerateOptions): { first: number; last: number } {
  const customers = [...st.customers.values()];
  // Items with a weight unit the connector cannot convert (the demo's `stone` item) are left out of generated
  // orders: that path is exercised only when someone orders the item on purpose.
  const items = [...st.items.values()].filter(
    (i) => i['StockItem'] === true && ['lbs.', 'kg'].includes(String(i['WeightUnitOfMeasure'])),
  );
  const locations = [...st.locations.keys()];
  const vias = [...st.shipVias.keys()];
  if (!customers.length || !items.length || !locations.length) throw new Error('seed master data first');
  const today = st.today();
  const { random } = options;
  let first = 0;
  for (let n = 0; n < options.count; n++) {
    const completed = options.status === 'completed' || (options.status === 'mixed' && random() < 0.9);
    const customer = pick(random, customers);
    const orderDate = today - intBetween(random, completed ? Math.min(7, options.days - 1) : 0, options.days - 1);
    const row = baseRow(st, customer, orderDate, vias.length ? pick(random, vias) : '', pick(random, locations));
    const lineCount = intBetween(random, 1, 4);
    for (let i = 0; i < lineCount; i++) {
      row.lines.push(generatedLine(st, row, pick(random, items), random, options.caseRate ?? 0.05));
    }
    if (completed) {
      st.counters.shipment += 1;
      st.counters.shipmentUniq += 1;
      row.lastShipment = `SH${String(st.counters.shipment).padStart(6, '0')}`;
      row.shipments = 1;
      row.shipmentDate = Math.min(today, orderDate + intBetween(random, 0, 3));
      row.tracking = row.shipVia ? `1Z${String(Math.floor(random() * 1e12)).padStart(12, '0')}` : '';
      row.completed = COMPLETE_DAY_END;
      row.completionDate = row.shipmentDate;
      for (const line of row.lines) {
        line.shippedToDate = line.original;
        line.outstanding = 0;
        line.completed = true;
      }
    } else {
      row.onHold = random() < (options.onHoldRate ?? 0);
      for (const line of row.lines) commitLine(st, row, line);
    }
    st.addOrder(row);
    if (!first) first = row.uniq;
  }
  return { first, last: st.counters.uniq };
}

export function baseRow(st: SimState, customer: Json, orderDate: number, shipVia: string, location: string): OrderRow {
  st.counters.uniq += 1;
  const address = shipToFor(st, customer, '');
  const group = String(customer['TaxGroup'] ?? '');
  return {
    uniq: st.counters.uniq,
    number: st.nextOrderNumber(),
    type: 0,
    orderDate,
    expectedShipDate: orderDate + 2,
    customer: st.pool.intern(String(customer['CustomerNumber'])),
    customerGroup: st.pool.intern(String(customer['GroupCode'] ?? '')),
    po: '',
    reference: '',
    description: '',
    comment: '',
    shipVia: st.pool.intern(shipVia),
    shipToCode: '',
    shipTo: address,
    billTo: address,
    onHold: false,
    completed: INCOMPLETE,
    completionDate: 0,
    lastShipment: '',
    shipments: 0,
    tracking: '',
    shipmentDate: 0,
    lastInvoice: '',
    invoiceDate: 0,
    location: st.pool.intern(location),
    currency: st.pool.intern(String(customer['CurrencyCode'] || 'USD')),
    taxGroup: st.pool.intern(group),
    taxRate: st.taxRates.get(group) ?? 0,
    terms: st.pool.intern(String(customer['Terms'] ?? '')),
    priceList: st.pool.intern(String(customer['CustomerPriceList'] ?? '')),
    lines: [],
  };
}

function generatedLine(st: SimState, row: OrderRow, item: Json, random: Random, caseRate: number): OrderLine {
  const units = (item['ItemUnitsOfMeasure'] as Json[]) ?? [];
  const caseUnit = units.find((u) => Number(u['ConversionFactor']) > 1);
  const inCases = caseUnit !== undefined && random() < caseRate;
  const conversion = inCases ? Number(caseUnit['ConversionFactor']) : 1;
  const quantity = inCases ? intBetween(random, 1, 3) : intBetween(random, 1, 12);
  const price = st.prices.get(String(item['UnformattedItemNumber'])) ?? 0;
  return {
    lineNumber: (row.lines.length + 1) * 32,
    misc: false,
    item: st.pool.intern(String(item['UnformattedItemNumber'])),
    miscCode: '',
    description: '',
    location: row.location,
    unit: st.pool.intern(inCases ? String(caseUnit['UnitOfMeasure']) : String(item['StockingUnitOfMeasure'])),
    conversion,
    unitPrice: round(price * conversion),
    priceOverride: false,
    outstanding: quantity,
    original: quantity,
    shippedToDate: 0,
    backordered: 0,
    committed: 0,
    miscAmount: 0,
    completed: false,
  };
}
