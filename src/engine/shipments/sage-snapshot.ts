import type { SageOrder } from '../../domain/sage.js';
import type { SageWriteBack } from '../../domain/sage-write-back.js';
import type { WriteBackLine } from '../../mapping/shipstation-to-sage.js';

/**
 * What a Sage order showed before a write (kept on the write intent) and after it: enough to decide, after
 * a crash or a lost answer, whether the PATCH happened (domain.md, shipments step 3).
 */
export interface SageSnapshot {
  numberOfShipments: number;
  lastShipmentNumber: string;
  tracking: string;
  /** QuantityShippedtodate per line number. */
  shipped: Record<string, number>;
  /** Item quantity still outstanding on the order, all lines (order units). */
  outstanding: number;
}

/** The intent's `request`: what Sage is sent (as the Sage adapter words it) and the per-line plan it came from. */
export interface IntentRequest {
  /** Opaque to the flow: `SageOrderWriter.writeOfRequest` reads it back. */
  body: Record<string, unknown>;
  lines: WriteBackLine[];
  orderNumber: string;
  trackingNumbers: string[];
}

const EPSILON = 1e-6;

export function snapshotOf(order: SageOrder): SageSnapshot {
  const items = order.lines.filter((l) => l.type === 'Item');
  return {
    numberOfShipments: order.numberOfShipments,
    lastShipmentNumber: order.lastShipmentNumber,
    tracking: order.trackingNumber,
    shipped: Object.fromEntries(items.map((l) => [String(l.lineNumber), l.quantityShippedToDate])),
    outstanding: items.reduce((sum, l) => sum + Math.max(0, l.quantityOrdered), 0),
  };
}

/**
 * Did the write happen? A shipping PATCH makes exactly one Sage shipment (NumberOfShipments + 1) and moves
 * shipped-to-date by its quantities; a header-only PATCH sets the tracking number. `unknown` when the order
 * moved in a way ours does not explain (someone shipped it in Sage meanwhile): a person decides.
 */
export function decideApplied(
  write: SageWriteBack,
  before: SageSnapshot,
  now: SageSnapshot,
): 'applied' | 'not_applied' | 'unknown' {
  const shipping = write.lines.filter((l) => l.quantity > 0);
  const tracking = write.tracking;
  if (shipping.length === 0) {
    if (tracking === null) return 'applied';
    return now.tracking === tracking ? 'applied' : 'not_applied';
  }
  const moved = shipping.map((l) => (now.shipped[l.lineNumber] ?? 0) - (before.shipped[l.lineNumber] ?? 0));
  const counted = now.numberOfShipments - before.numberOfShipments;
  // A PATCH is all or nothing: had ours been applied, every one of its lines would have moved.
  if (moved.every((m) => Math.abs(m) < EPSILON)) return 'not_applied';
  if (counted >= 1 && shipping.every((l, i) => (moved[i] ?? 0) >= l.quantity - EPSILON)) {
    // Ours, unless someone else's shipment explains it: then the tracking number tells whose it was.
    if (counted === 1 || tracking === null || now.tracking === tracking) return 'applied';
  }
  return 'unknown';
}
