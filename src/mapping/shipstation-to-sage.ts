import type { LinkLine } from '../domain/link.js';
import type { Mapping, ServiceTarget } from '../domain/mappings.js';
import type { Problem } from '../domain/result.js';
import type { SageOrder } from '../domain/sage.js';
import type { SageWriteBack } from '../domain/sage-write-back.js';
import type { ShippedItem } from '../domain/shipped-item.js';

/**
 * ShipStation shipments back to Sage 300 lines (domain.md, shipments steps 2–5). Pure: the engine loads the
 * Sage order, the link and the mapping table, and these functions decide what is written (in domain terms:
 * the Sage adapter words it as its PATCH body).
 */

/** Sage's ShipmentTrackingNumber is `SHIPTRACK String*36` (view OEORDH1, sheet §4.1). */
export const SAGE_TRACKING_MAX = 36;

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Items of one shipment → Sage line numbers of one linked order, in stocking units. An item names its line by
 * its key (the LineNumber sent); a ShipStation user may add an item without one, which is matched by SKU to
 * the first linked line with that SKU. What matches nothing is returned as unmatched (a conflict for a person).
 */
export function itemsToLines(
  items: readonly ShippedItem[],
  linkLines: readonly LinkLine[],
): { lines: Map<number, number>; unmatched: ShippedItem[] } {
  const lines = new Map<number, number>();
  const unmatched: ShippedItem[] = [];
  const byNumber = new Set(linkLines.map((l) => l.lineNumber));
  for (const item of items) {
    if (!(item.quantity > 0)) continue;
    const key = item.lineKey === null ? Number.NaN : Number(item.lineKey);
    let lineNumber: number | undefined = Number.isInteger(key) && byNumber.has(key) ? key : undefined;
    if (lineNumber === undefined && item.sku) lineNumber = linkLines.find((l) => l.sku === item.sku)?.lineNumber;
    if (lineNumber === undefined) {
      unmatched.push(item);
      continue;
    }
    lines.set(lineNumber, (lines.get(lineNumber) ?? 0) + item.quantity);
  }
  return { lines, unmatched };
}

/**
 * A merged ShipStation order's label carries the lines of every order merged into it, with their own line
 * keys (which collide: every Sage order has a line 32). Each merged-away order still lists its items, so those
 * quantities are taken out of the label's items for it (by key and SKU); what is left belongs to the order
 * that kept the merge.
 */
export function splitMergedItems(
  items: readonly ShippedItem[],
  mergedAway: readonly { id: string; items: readonly ShippedItem[] }[],
): { primary: ShippedItem[]; parts: Map<string, ShippedItem[]> } {
  const pool = items.map((i) => ({ ...i }));
  const parts = new Map<string, ShippedItem[]>();
  for (const other of mergedAway) {
    const taken: ShippedItem[] = [];
    for (const wanted of other.items) {
      let need = wanted.quantity;
      for (const candidate of pool) {
        if (need <= 0) break;
        if (candidate.quantity <= 0) continue;
        if (
          (candidate.lineKey ?? null) !== (wanted.lineKey ?? null) ||
          (candidate.sku ?? null) !== (wanted.sku ?? null)
        )
          continue;
        const q = Math.min(need, candidate.quantity);
        candidate.quantity -= q;
        need -= q;
        taken.push({ lineKey: wanted.lineKey, sku: wanted.sku, quantity: q });
      }
    }
    parts.set(other.id, taken);
  }
  return { primary: pool.filter((i) => i.quantity > 0), parts };
}

/**
 * The Sage ship-via code for a ShipStation carrier and service, through the mapping table read backwards
 * (Sage ship-via → carrier + service). Several codes may map to one service: the one the order already
 * has wins, else the first in code order. Unmapped → null: the order keeps its own ship-via.
 */
export function shipViaFor(
  mappings: readonly Mapping[],
  carrierCode: string | null,
  serviceCode: string | null,
  current: string,
): string | null {
  if (!carrierCode) return null;
  const same = (a: string | null | undefined, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
  const candidates = mappings
    .filter((m) => m.kind === 'ship_via' && m.status === 'mapped' && m.target && 'serviceCode' in m.target)
    .filter((m) => {
      const t = m.target as ServiceTarget;
      return same(t.carrierCode, carrierCode) && (serviceCode === null || same(t.serviceCode, serviceCode));
    })
    .map((m) => m.sageValue)
    .sort();
  // Without a service (a mark-as-shipped fulfillment names only the carrier) one code must be unambiguous.
  if (serviceCode === null && candidates.length !== 1 && !candidates.includes(current)) return null;
  if (candidates.includes(current)) return current;
  return candidates[0] ?? null;
}

export interface WriteBackInput {
  order: SageOrder;
  /** Stocking units this shipment ships, per Sage line number. */
  lines: ReadonlyMap<number, number>;
  /** Order units already written to Sage by labels since voided, per line: a re-label consumes them. */
  credit: ReadonlyMap<number, number>;
  /** Master (first) tracking number first. */
  trackingNumbers: readonly string[];
  /** Mapped back from the carrier and service; null keeps the order's own ship-via. */
  shipViaCode: string | null;
  /** Calendar date `YYYY-MM-DD`. */
  shipDate: string | null;
}

export interface WriteBackLine {
  lineNumber: number;
  item: string;
  /** What the shipment ships, in order units. */
  requested: number;
  /** Taken from the voided-label credit instead of shipped again. */
  credited: number;
  /** Sent as QuantityShipped (this shipment's quantity, capped at what is still outstanding). */
  quantity: number;
  /** Requested beyond what was outstanding (someone shipped it in Sage already): not sent. */
  excess: number;
}

export interface WriteBackPlan {
  /** What Sage is sent (the Sage adapter words it as its PATCH body). */
  write: SageWriteBack;
  lines: WriteBackLine[];
  /** False: only the tracking number (and ship-via, date) change; no Sage shipment is made. */
  shipsQuantity: boolean;
  tracking: { written: string | null; all: string[]; truncated: boolean };
  conflicts: Problem[];
  notes: string[];
}

/**
 * What one shipment writes to one Sage order: per line this shipment's quantity in the order's unit
 * (ShipStation counts stocking units; the orders flow sent order quantity × OrderUnitConversion), less any
 * voided-label credit, capped at what Sage still has outstanding; the master tracking number cut to Sage's 36
 * characters; ship-via and ship date. Everything that cannot be written as asked is a conflict or a note.
 */
export function planWriteBack(input: WriteBackInput): WriteBackPlan {
  const { order } = input;
  const conflicts: Problem[] = [];
  const notes: string[] = [];
  const lines: WriteBackLine[] = [];
  for (const [lineNumber, stocking] of [...input.lines].sort(([a], [b]) => a - b)) {
    const line = order.lines.find((l) => l.lineNumber === lineNumber);
    if (line?.type !== 'Item') {
      conflicts.push({
        code: 'unknown_line',
        message: `ShipStation shipped ${stocking} of line ${lineNumber}, which is not an item line of Sage order ${order.number}.`,
        fix: `Check order ${order.number} in Sage 300 and enter that shipment by hand if it is right.`,
      });
      continue;
    }
    const requested = round4(stocking / (line.unitConversion || 1));
    const credited = Math.min(requested, Math.max(0, input.credit.get(lineNumber) ?? 0));
    const wanted = round4(requested - credited);
    const outstanding = Math.max(0, line.quantityOrdered);
    const quantity = Math.min(wanted, outstanding);
    const excess = round4(wanted - quantity);
    if (excess > 0) {
      conflicts.push({
        code: 'over_outstanding',
        message: `ShipStation shipped ${requested} ${line.unit || 'units'} of ${line.item} (line ${lineNumber}) but Sage order ${order.number} had only ${outstanding} outstanding; ${excess} not written (shipped in Sage already?).`,
        fix: `Compare order ${order.number} in Sage 300 with the ShipStation shipment; correct Sage by hand if goods really shipped twice.`,
      });
    }
    lines.push({ lineNumber, item: line.item, requested, credited, quantity, excess });
  }
  const all = input.trackingNumbers.filter((t) => t.trim() !== '');
  const master = all[0] ?? null;
  const written = master === null ? null : master.slice(0, SAGE_TRACKING_MAX);
  const truncated = master !== null && master.length > SAGE_TRACKING_MAX;
  if (truncated) {
    notes.push(
      `Tracking number ${master} is longer than Sage's ${SAGE_TRACKING_MAX} characters: wrote ${written}; the full number is on the record.`,
    );
  }
  if (all.length > 1) {
    notes.push(
      `${all.length} packages: wrote the master tracking number ${written}; all are on the record: ${all.join(', ')}.`,
    );
  }
  const shipping = lines.filter((l) => l.quantity > 0);
  const write: SageWriteBack = {
    tracking: written,
    shipViaCode: input.shipViaCode,
    shipDate: input.shipDate,
    lines: shipping.map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity })),
  };
  return { write, lines, shipsQuantity: shipping.length > 0, tracking: { written, all, truncated }, conflicts, notes };
}

/** `2024-09-17`, `2024-09-17T00:00:00.0000000`, `2026-08-12T00:00:00Z` → the calendar date. */
export function calendarDate(value: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return m ? (m[1] as string) : null;
}
