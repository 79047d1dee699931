import type { OrderLine, OrderRow } from './order-row.js';
import type { SimState } from './sim-state.js';

/**
 * Stock commitment, as O/E does it: an active order commits what is available at the line's location and
 * backorders the rest; quotes, future and standing orders commit nothing. Quantities on lines are in the
 * order's unit; stock is in stocking units (× OrderUnitConversion).
 * Available = on hand − committed (the sheet's INFERRED meaning of QuantityAvailableToShip).
 */
function itemNumber(st: SimState, line: OrderLine): string {
  return String(st.items.get(line.item)?.['ItemNumber'] ?? line.item);
}

function stocked(st: SimState, line: OrderLine): boolean {
  return !line.misc && st.items.get(line.item)?.['StockItem'] === true;
}

export function commitLine(st: SimState, row: OrderRow, line: OrderLine): void {
  line.committed = 0;
  line.backordered = 0;
  if (line.misc || line.completed || line.outstanding <= 0 || row.type !== 0) return;
  if (!stocked(st, line)) {
    line.committed = line.outstanding;
    return;
  }
  const rec = st.stockAt(itemNumber(st, line), line.location);
  const available = Math.max(0, rec.onHand - rec.committed);
  const commit = Math.min(line.outstanding, Math.floor(available / line.conversion));
  line.committed = commit;
  line.backordered = line.outstanding - commit;
  rec.committed += commit * line.conversion;
}

export function releaseLine(st: SimState, line: OrderLine): void {
  if (line.committed > 0 && stocked(st, line)) {
    const rec = st.stockAt(itemNumber(st, line), line.location);
    rec.committed = Math.max(0, rec.committed - line.committed * line.conversion);
  }
  line.committed = 0;
  line.backordered = 0;
}

export function recommit(st: SimState, row: OrderRow): void {
  for (const line of row.lines) releaseLine(st, line);
  for (const line of row.lines) commitLine(st, row, line);
}

/** Ships `quantity` (order units) of a line: moves committed and on-hand stock at the line's location. */
export function shipFromStock(st: SimState, line: OrderLine, quantity: number): void {
  const fromCommitted = Math.min(line.committed, quantity);
  line.committed -= fromCommitted;
  line.backordered = Math.max(0, line.backordered - (quantity - fromCommitted));
  if (!stocked(st, line)) return;
  const rec = st.stockAt(itemNumber(st, line), line.location);
  rec.committed = Math.max(0, rec.committed - fromCommitted * line.conversion);
  // Negative inventory is allowed (I/C option "Allow Negative Inventory Levels" on; INFERRED, recorded).
  rec.onHand -= quantity * line.conversion;
  rec.lastShipment = st.today();
}
