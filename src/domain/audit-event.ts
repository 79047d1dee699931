/** One thing that happened to a record, as the engine appends it to the audit trail. */
export interface AuditInput {
  connectionId: number;
  recordKind: string;
  recordKey: string;
  /** What people call the record (Sage OrderNumber), for search. */
  display?: string | null;
  event: string;
  message: string;
  data?: unknown;
  payloadHash?: string | null;
}

/** An audit trail entry as stored (its data scrubbed of secrets). */
export interface AuditEvent extends Omit<AuditInput, 'data'> {
  id: number;
  at: string;
  data: unknown;
}
