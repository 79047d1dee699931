import { checkLocation } from './order-header.js';
import type { OrderLine, OrderRow } from './order-row.js';
import { bool, num, type Payload, str } from './payload.js';
import { recordInvalid } from './sage-error.js';
import type { Json, SimState } from './sim-state.js';
import { round } from './values.js';

/**
 * Order detail lines: item lines priced from the item (× unit conversion) unless a price is given, and
 * miscellaneous charge lines (`FRT` freight, `HC` handling…). Line numbers step by 32 (sheet §3.4).
 */
export function findItem(st: SimState, p: Payload): Json {
  const ref = str(p, 'Item') ?? str(p, 'UnformattedItemNumber');
  if (!ref) throw recordInvalid('Item number is required on an item line.');
  const item = st.itemsByNumber.get(ref) ?? st.items.get(ref) ?? st.items.get(ref.replace(/[^A-Za-z0-9]/g, ''));
  if (!item) throw recordInvalid(`Item ${ref} does not exist.`);
  return item;
}

function unitOf(item: Json, unit: string | undefined): { unit: string; conversion: number } {
  const units = (item['ItemUnitsOfMeasure'] as Json[] | undefined) ?? [];
  const stocking = String(item['StockingUnitOfMeasure']);
  const wanted = unit ?? stocking;
  const hit = units.find((u) => String(u['UnitOfMeasure']).toLowerCase() === wanted.toLowerCase());
  if (!hit) throw recordInvalid(`Unit of measure ${wanted} is not defined for item ${item['ItemNumber']}.`);
  return { unit: String(hit['UnitOfMeasure']), conversion: Number(hit['ConversionFactor']) };
}

export function nextLineNumber(row: OrderRow): number {
  return (row.lines.reduce((max, l) => Math.max(max, l.lineNumber), 0) / 32 + 1) * 32;
}

/** A miscellaneous charge line (no item, no quantities): what an entered or a seeded charge becomes. */
export function miscLine(lineNumber: number, miscCode: string, description: string, miscAmount: number): OrderLine {
  return {
    lineNumber,
    misc: true,
    item: '',
    miscCode,
    description,
    location: '',
    unit: '',
    conversion: 1,
    unitPrice: 0,
    priceOverride: false,
    outstanding: 0,
    original: 0,
    shippedToDate: 0,
    backordered: 0,
    committed: 0,
    miscAmount,
    completed: false,
  };
}

export function newLine(st: SimState, row: OrderRow, p: Payload): OrderLine {
  const type = str(p, 'LineType') ?? (str(p, 'MiscellaneousChargesCode') && !str(p, 'Item') ? 'Miscellaneous' : 'Item');
  const lineNumber = nextLineNumber(row);
  if (type === 'Miscellaneous') {
    const code = str(p, 'MiscellaneousChargesCode') ?? '';
    const charge = st.miscCharges.get(code);
    if (!charge) throw recordInvalid(`Miscellaneous charge ${code} does not exist.`);
    const description = st.pool.intern(str(p, 'Description') ?? charge.description);
    return miscLine(lineNumber, charge.code, description, round(num(p, 'ExtendedAmount') ?? charge.amount));
  }
  const item = findItem(st, p);
  const { unit, conversion } = unitOf(item, str(p, 'OrderUnitOfMeasure'));
  const quantity = num(p, 'QuantityOrdered') ?? 0;
  if (!(quantity > 0)) throw recordInvalid(`Quantity ordered must be greater than zero (item ${item['ItemNumber']}).`);
  const given = num(p, 'OrderUnitPrice');
  const price = st.prices.get(String(item['UnformattedItemNumber'])) ?? 0;
  return {
    lineNumber,
    misc: false,
    item: st.pool.intern(String(item['UnformattedItemNumber'])),
    miscCode: '',
    description: '',
    location: checkLocation(st, str(p, 'Location') ?? row.location),
    unit: st.pool.intern(unit),
    conversion,
    unitPrice: given ?? round(price * conversion),
    priceOverride: given !== undefined || bool(p, 'PriceOverride') === true,
    outstanding: quantity,
    original: quantity,
    shippedToDate: 0,
    backordered: 0,
    committed: 0,
    miscAmount: 0,
    completed: false,
  };
}

/** Edits an existing line: quantity ordered (= new outstanding), location, price, misc amount/description. */
export function editLine(st: SimState, line: OrderLine, p: Payload): void {
  if (line.misc) {
    const amount = num(p, 'ExtendedAmount');
    if (amount !== undefined) line.miscAmount = round(amount);
    const d = str(p, 'Description');
    if (d !== undefined) line.description = st.pool.intern(d);
    return;
  }
  const quantity = num(p, 'QuantityOrdered');
  if (quantity !== undefined && quantity !== line.outstanding) {
    if (quantity < 0) throw recordInvalid(`Quantity ordered must not be negative (line ${line.lineNumber}).`);
    line.outstanding = quantity;
    line.original = line.shippedToDate + quantity;
    line.completed = quantity === 0;
  }
  const location = str(p, 'Location');
  if (location !== undefined && location !== line.location) {
    if (line.shippedToDate > 0) throw recordInvalid(`Line ${line.lineNumber} has shipped; its location cannot change.`);
    line.location = checkLocation(st, location);
  }
  const price = num(p, 'OrderUnitPrice');
  if (price !== undefined) {
    line.unitPrice = price;
    line.priceOverride = true;
  }
}
