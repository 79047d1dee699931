import type { SageWriteBack } from '../../domain/sage-write-back.js';

/**
 * The `PATCH OE/OEOrders(key)` body for a write-back. Header fields first, in this order: Sage puts fields to
 * the view in payload order. A field left null is not sent (the order keeps its own); each shipping line is an
 * `Update` of its QuantityShipped (sheet §5.3).
 */
export function writeBackBody(w: SageWriteBack): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (w.tracking !== null) body['ShipmentTrackingNumber'] = w.tracking;
  if (w.shipViaCode !== null) body['ShipViaCode'] = w.shipViaCode;
  if (w.shipDate !== null) body['ShipmentDate'] = w.shipDate;
  if (w.lines.length > 0) {
    body['OrderDetails'] = w.lines.map((l) => ({
      LineNumber: l.lineNumber,
      QuantityShipped: l.quantity,
      UpdateOperation: 'Update',
    }));
  }
  return body;
}

/**
 * A body as kept on a write intent, read back: the flow decides an unanswered write, and words what was
 * written, from what was sent (intents recorded by earlier passes and versions hold only the body).
 */
export function writeBackOfBody(body: unknown): SageWriteBack {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const details = Array.isArray(b['OrderDetails']) ? (b['OrderDetails'] as Record<string, unknown>[]) : [];
  return {
    tracking: text(b['ShipmentTrackingNumber']),
    shipViaCode: text(b['ShipViaCode']),
    shipDate: text(b['ShipmentDate']),
    lines: details.map((d) => ({ lineNumber: Number(d['LineNumber']), quantity: Number(d['QuantityShipped']) })),
  };
}
