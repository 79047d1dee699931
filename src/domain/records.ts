/**
 * The per-record status pipeline people see in `status`, `audit` and the dashboard, in plain words.
 * One row per Sage order (kind `order`); its history is in the audit trail.
 */
export type OrderState =
  | 'detected'
  | 'held' // held back by the connector with a reason (unmapped value, missing address, ...)
  | 'skipped' // not through ShipStation (will-call, freight), not shippable, filtered out
  | 'sent' // in ShipStation, awaiting shipment
  | 'on_hold' // on hold in Sage and in ShipStation
  | 'shipped' // shipped in ShipStation, write-back pending
  | 'partially_shipped' // some lines written back, more to ship
  | 'written_back' // shipped quantities and tracking are in Sage
  | 'cancelled'
  | 'conflict' // needs a person: edited after shipment, voided label, quantity mismatch
  | 'failed'; // a permanent error from an API: parked, retryable by hand

export const ORDER_STATE_WORDS: Record<OrderState, string> = {
  detected: 'Detected in Sage 300, not yet sent',
  held: 'Held back: needs a fix before it can be sent',
  skipped: 'Not sent to ShipStation (by rule)',
  sent: 'In ShipStation, awaiting shipment',
  on_hold: 'On hold (in Sage 300 and ShipStation)',
  shipped: 'Shipped in ShipStation, writing back to Sage 300',
  partially_shipped: 'Partly shipped, written back so far',
  written_back: 'Shipped and written back to Sage 300',
  cancelled: 'Cancelled in ShipStation',
  conflict: 'Needs attention',
  failed: 'Failed: see the reason, retry when fixed',
};

/** A stored state in words; a state this version does not know (a newer install's) is shown as stored. */
export function orderStateWords(state: string): string {
  return ORDER_STATE_WORDS[state as OrderState] ?? state;
}

export interface RecordRow {
  connectionId: number;
  kind: string;
  key: string;
  display: string;
  customer: string | null;
  state: OrderState;
  reason: string | null;
  ssNumber: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  data: OrderRecordData;
  createdAt: string;
  updatedAt: string;
}

/**
 * What an order's record remembers beyond its columns. Each flow adds its keys; the store merges a write
 * into what is there, so a key is kept until a later write sets it again.
 */
export interface OrderRecordData {
  /** The Sage order date (YYYY-MM-DD). */
  orderDate?: string;
  /** Hash of the outbound order last accepted by ShipStation. */
  lastPushHash?: string;
  /** The Sage content (hash) ShipStation last failed on, and whether that failure is retried by itself. */
  failedHash?: string;
  retryable?: boolean;
  /** The plan hash of the conflict last recorded, so the same conflict is not recorded again every pass. */
  conflictHash?: string;
  /** Tracking numbers and Sage shipment numbers written back so far (they accumulate). */
  trackingNumbers?: string[];
  sageShipments?: string[];
}

/**
 * Reads the stored JSON of a record's data. Keys of the wrong type (never written by this code, but the
 * column is free text) are dropped rather than trusted, so readers can rely on the types above.
 */
export function parseOrderRecordData(json: string): OrderRecordData {
  const raw: unknown = JSON.parse(json);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const o = raw as Record<string, unknown>;
  const out: OrderRecordData = {};
  for (const k of ['orderDate', 'lastPushHash', 'failedHash', 'conflictHash'] as const) {
    const v = o[k];
    if (typeof v === 'string') out[k] = v;
  }
  if (typeof o['retryable'] === 'boolean') out.retryable = o['retryable'];
  for (const k of ['trackingNumbers', 'sageShipments'] as const) {
    const v = o[k];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v;
  }
  return out;
}
