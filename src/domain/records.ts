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
  partially_shipped: 'Partly shipped; written back so far',
  written_back: 'Shipped and written back to Sage 300',
  cancelled: 'Cancelled in ShipStation',
  conflict: 'Needs attention',
  failed: 'Failed: see the reason, retry when fixed',
};

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
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
