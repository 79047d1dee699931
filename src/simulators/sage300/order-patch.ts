import { ORDER, qualifiedName } from './entity-model.js';
import { customerOf } from './order-create.js';
import { applyHeader } from './order-header.js';
import { editLine, newLine } from './order-lines.js';
import type { OrderRow } from './order-row.js';
import { shipOrder, updateCompletion } from './order-ship.js';
import { recommit, releaseLine } from './order-stock.js';
import { bool, checkLengths, list, num, type Payload, readPayload, str } from './payload.js';
import { notFound, recordInvalid } from './sage-error.js';
import type { SimState } from './sim-state.js';

/**
 * `PATCH OE/OEOrders(key)` — NOT in any Sage endpoint list (OEOrders is GET/POST through EPREF22); served
 * because newer installs are reported to accept it, and answered 405 under `--legacy-2022`. Semantics follow
 * DEVREF22 §9's PATCH on other resources: properties absent from the payload are left alone; each detail's
 * `UpdateOperation` says what to do with it (`Update`/`Delete` must match a LineNumber, `Insert` adds,
 * `Unspecified` updates a matching line or inserts). `QuantityShipped` on details ships that quantity now:
 * one new shipment per PATCH. All or nothing.
 */
const MODEL = qualifiedName(ORDER);

export function patchOrder(st: SimState, ref: number | string, body: unknown): OrderRow {
  const row = st.findOrder(ref);
  if (!row) throw notFound();
  const p = readPayload(body, ORDER);
  checkLengths(p, MODEL);
  const snapshot: OrderRow = { ...row, lines: row.lines.map((l) => ({ ...l })) };
  try {
    return st.atomically(() => applyPatch(st, row, p));
  } catch (error) {
    Object.assign(row, snapshot);
    throw error;
  }
}

function applyPatch(st: SimState, row: OrderRow, p: Payload): OrderRow {
  if (str(p, 'CustomerNumber') !== undefined && str(p, 'CustomerNumber') !== row.customer) {
    throw recordInvalid('The customer of an existing order cannot be changed.');
  }
  applyHeader(st, row, p, customerOf(st, row));
  const quantities = new Map<number, number>();
  for (const d of list(p, 'OrderDetails')) {
    checkLengths(d, MODEL);
    const op = str(d, 'UpdateOperation') ?? 'Unspecified';
    const lineNumber = num(d, 'LineNumber');
    const existing = lineNumber === undefined ? undefined : row.lines.find((l) => l.lineNumber === lineNumber);
    if ((op === 'Update' || op === 'Delete') && !existing) {
      throw recordInvalid(`Order detail ${lineNumber ?? '(no LineNumber)'} does not exist on order ${row.number}.`);
    }
    if (op === 'Delete' && existing) {
      if (existing.shippedToDate > 0) {
        throw recordInvalid(`Line ${existing.lineNumber} has been shipped and cannot be deleted.`);
      }
      releaseLine(st, existing);
      row.lines = row.lines.filter((l) => l !== existing);
      continue;
    }
    let line = op === 'Insert' ? undefined : existing;
    if (line) {
      editLine(st, line, d);
    } else {
      line = newLine(st, row, d);
      row.lines.push(line);
    }
    const q = num(d, 'QuantityShipped');
    if (q) quantities.set(line.lineNumber, (quantities.get(line.lineNumber) ?? 0) + q);
  }
  recommit(st, row);
  updateCompletion(st, row);
  const shipAll = bool(p, 'PerformShipAll') === true || str(p, 'ProcessOECommand') === 'ShipAll';
  if (shipAll) for (const l of row.lines) if (!l.misc && l.outstanding > 0) quantities.set(l.lineNumber, l.outstanding);
  shipOrder(st, row, {
    quantities,
    ...(num(p, 'ShipmentDate') ? { shipmentDate: num(p, 'ShipmentDate') as number } : {}),
    invoice: bool(p, 'InvoiceWillBeProduced') === true || bool(p, 'PostInvoice') === true,
  });
  return row;
}
