import { createInvoice } from './invoice.js';
import { COMPLETE_NOT_INCLUDED, INCOMPLETE, type OrderLine, type OrderRow } from './order-row.js';
import { releaseLine, shipFromStock } from './order-stock.js';
import { recordInvalid } from './sage-error.js';
import type { SimState } from './sim-state.js';
import type { DayNumber } from './values.js';

/**
 * One O/E shipment of an order: the quantities of this shipment per line (never a running total), as sent in
 * `QuantityShipped` on POST or PATCH, or entered by a desktop user. It gets the next shipment number
 * (`LastShipmentNumber`, `NumberOfShipments`), moves shipped-to-date, outstanding and stock, and completes
 * the order when nothing is outstanding (OEHELP: "An order is completed when all its details are fully
 * shipped"). Asking for more than is outstanding is refused (RecordInvalid), never capped: the connector
 * must see that someone shipped in Sage first (domain.md, shipments step 3).
 */
export interface ShipmentInput {
  quantities: ReadonlyMap<number, number>;
  trackingNumber?: string;
  shipViaCode?: string;
  shipmentDate?: DayNumber;
  invoice?: boolean;
}

export function checkShippable(row: OrderRow, line: OrderLine | undefined, lineNumber: number, quantity: number): void {
  if (!line) throw recordInvalid(`Order detail ${lineNumber} does not exist on order ${row.number}.`);
  if (line.misc) throw recordInvalid(`Miscellaneous charge line ${lineNumber} cannot be shipped.`);
  if (!(quantity >= 0)) throw recordInvalid(`Quantity shipped must not be negative (line ${lineNumber}).`);
  if (quantity > line.outstanding) {
    throw recordInvalid(
      `Quantity shipped ${quantity} exceeds the quantity outstanding ${line.outstanding} on line ${lineNumber} of order ${row.number}.`,
    );
  }
}

export function shipOrder(st: SimState, row: OrderRow, input: ShipmentInput): string | undefined {
  if ([...input.quantities.values()].every((q) => q === 0)) return undefined;
  if (row.type !== 0) throw recordInvalid(`Order ${row.number} is not an active order and cannot be shipped.`);
  if (row.onHold) throw recordInvalid(`Order ${row.number} is on hold.`);
  const shipped: { line: OrderLine; quantity: number }[] = [];
  for (const [lineNumber, quantity] of input.quantities) {
    const line = row.lines.find((l) => l.lineNumber === lineNumber);
    checkShippable(row, line, lineNumber, quantity);
    if (line && quantity > 0) shipped.push({ line, quantity });
  }
  const today = st.today();
  for (const { line, quantity } of shipped) {
    shipFromStock(st, line, quantity);
    line.outstanding -= quantity;
    line.shippedToDate += quantity;
    if (line.outstanding === 0) {
      releaseLine(st, line);
      line.completed = true;
    }
  }
  const number = st.nextShipmentNumber();
  row.lastShipment = number;
  row.shipments += 1;
  row.shipmentDate = input.shipmentDate || today;
  if (input.trackingNumber !== undefined) row.tracking = input.trackingNumber;
  if (input.shipViaCode !== undefined) row.shipVia = input.shipViaCode;
  if (input.invoice) createInvoice(st, row, number, shipped);
  updateCompletion(st, row);
  return number;
}

/** Complete when no item line has anything outstanding; adding or reopening lines makes it incomplete again. */
export function updateCompletion(st: SimState, row: OrderRow): void {
  const items = row.lines.filter((l) => !l.misc);
  const done = items.length > 0 && items.every((l) => l.outstanding === 0);
  if (done && row.completed === INCOMPLETE) {
    row.completed = COMPLETE_NOT_INCLUDED;
    row.completionDate = st.today();
    for (const l of row.lines) l.completed = true;
  } else if (!done && row.completed !== INCOMPLETE) {
    row.completed = INCOMPLETE;
    row.completionDate = 0;
    for (const l of row.lines) if (l.misc || l.outstanding > 0) l.completed = false;
  }
}
