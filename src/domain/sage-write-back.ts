/**
 * What one shipment writes to one Sage 300 order, in the connector's words: mapping/shipstation-to-sage.ts
 * plans it, integrations/sage300/write-back-body.ts turns it into Sage's PATCH body.
 */
export interface SageWriteBack {
  /** The master tracking number, already cut to Sage's 36 characters; null leaves the order's own. */
  tracking: string | null;
  /** Null keeps the order's own ship-via. */
  shipViaCode: string | null;
  /** Calendar date `YYYY-MM-DD`; null leaves the order's own. */
  shipDate: string | null;
  /** Quantities shipped now, in order units, by line number ascending; empty: no Sage shipment is made. */
  lines: { lineNumber: number; quantity: number }[];
}

/** Nothing Sage does not already show: no call is made. */
export function isEmptyWriteBack(w: SageWriteBack): boolean {
  return w.tracking === null && w.shipViaCode === null && w.shipDate === null && w.lines.length === 0;
}
