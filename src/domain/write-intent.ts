export type IntentState = 'open' | 'applied' | 'not_applied' | 'failed' | 'exported';

/**
 * One write to Sage 300, recorded before the call and resolved after it (or, after a crash or timeout, by
 * reading the order back): how a non-idempotent API is written exactly once.
 */
export interface WriteIntent {
  id: number;
  connectionId: number;
  sageUniquifier: string;
  /** The shipment event this write carries (`v1:shipment:123`, `v2:label:se-9`, ...). */
  sourceId: string;
  state: IntentState;
  /** The PATCH body that was (or will be) sent. */
  request: unknown;
  /** What Sage showed before the call (LastShipmentNumber, shipped-to-date per line, tracking). */
  before: unknown;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}
