import type { OrderRecordData, OrderState } from './records.js';

/** A record's state as a flow sets it (the store keeps attempts and timestamps). */
export interface RecordUpsert {
  connectionId: number;
  kind: string;
  key: string;
  display: string;
  customer?: string | null;
  state: OrderState;
  reason?: string | null;
  ssNumber?: string | null;
  data?: OrderRecordData;
  /** Count this as another attempt (a retryable failure); reset to 0 on success states. */
  attempt?: boolean;
  nextAttemptAt?: string | null;
}
