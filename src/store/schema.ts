import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table shapes as Kysely sees them. Conventions that keep one query layer over SQLite and PostgreSQL:
 * timestamps are ISO-8601 UTC text (`toISOString()`, sortable as text), booleans are 0/1 integers,
 * structured values are JSON text, ids of external systems are text (V1 numbers and V2 `se-` ids alike).
 */
export interface ConnectionsTable {
  id: Generated<number>;
  name: string;
  sage300_url: string | null;
  sage300_company: string | null;
  sage300_keep_case: number;
  shipstation_v1_url: string | null;
  shipstation_v2_url: string | null;
  shipstation_orders_api: string | null;
  settings: string;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface CredentialsTable {
  connection_id: number;
  kind: string;
  key_id: string;
  sealed: string;
  /** The origin the secret may be sent to (migration 002); null for the webhook token, which goes nowhere. */
  origin: string | null;
  updated_at: string;
}

export interface CursorsTable {
  connection_id: number;
  flow: string;
  name: string;
  value: string;
  updated_at: string;
}

export interface RecordsTable {
  connection_id: number;
  kind: string;
  key: string;
  display: string;
  customer: string | null;
  state: string;
  reason: string | null;
  ss_number: string | null;
  attempts: number;
  next_attempt_at: string | null;
  data: string;
  created_at: string;
  updated_at: string;
}

export interface RecordHashesTable {
  connection_id: number;
  kind: string;
  key: string;
  hash: string;
  updated_at: string;
}

export interface LinksTable {
  connection_id: number;
  order_key: string;
  sage_uniquifier: string;
  sage_order_number: string;
  seq: number;
  ss_order_id: string | null;
  ss_api: string;
  status: string;
  lines: string;
  sent_hash: string | null;
  sent: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookInboxTable {
  id: Generated<number>;
  connection_id: number;
  api: string;
  resource_type: string | null;
  resource_url: string | null;
  body: string;
  status: string;
  attempts: number;
  error: string | null;
  received_at: string;
  processed_at: string | null;
}

export interface ShipmentEventsTable {
  connection_id: number;
  source_id: string;
  order_key: string | null;
  kind: string;
  voided: number;
  tracking: string | null;
  state: string;
  reason: string | null;
  data: string;
  first_seen_at: string;
  updated_at: string;
}

export interface WriteIntentsTable {
  id: Generated<number>;
  connection_id: number;
  sage_uniquifier: string;
  source_id: string;
  state: string;
  request: string;
  before: string;
  result: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  connection_id: number;
  record_kind: string;
  record_key: string;
  display: string | null;
  at: string;
  event: string;
  message: string;
  data: string | null;
  payload_hash: string | null;
}

export interface MappingsTable {
  connection_id: number;
  kind: string;
  sage_value: string;
  target: string | null;
  status: string;
  source: string;
  updated_at: string;
}

export interface ReferenceItemsTable {
  connection_id: number;
  system: string;
  kind: string;
  value: string;
  label: string;
  data: string;
  seen_at: string;
}

export interface LeasesTable {
  connection_id: number;
  flow: string;
  holder: string;
  token: number;
  expires_at: string;
}

/** Migration 004: the account row every grant of a shared rate budget locks first. */
export interface RateAccountsTable {
  account: string;
  api: string;
  blocked_until: string | null;
  touched_at: string;
}

/** Migration 004: one granted request of an account's budget, counted until `expires_at`. */
export interface RateSlotsTable {
  id: string;
  account: string;
  api: string;
  granted_at: string;
  settled_at: string | null;
  expires_at: string;
}

/** Migration 005: one row per running service process (a worker). */
export interface WorkersTable {
  id: string;
  host: string;
  pid: number;
  version: string;
  started_at: string;
  heartbeat_at: string;
  passes_running: number;
  concurrency: number;
}

/** Migration 005: when each scheduled job of a connection is due, shared by every worker. */
export interface JobScheduleTable {
  key: string;
  next_run_at: string;
  held_until: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  requested_at: string | null;
}

export interface FlowsTable {
  connection_id: number;
  flow: string;
  paused: number;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_success_at: string | null;
  last_status: string | null;
  last_error: string | null;
  last_counts: string | null;
  next_run_at: string | null;
  rescan_from: string | null;
}

/** One pass of a flow (migration 003): the runs history. `counts` is JSON; `result` a domain `RunResult`. */
export interface FlowRunsTable {
  id: Generated<number>;
  connection_id: number;
  flow: string;
  holder: string;
  lease_token: number;
  started_at: string;
  finished_at: string | null;
  result: string;
  counts: string | null;
  error: string | null;
}

export interface KvTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface Database {
  connections: ConnectionsTable;
  credentials: CredentialsTable;
  cursors: CursorsTable;
  records: RecordsTable;
  record_hashes: RecordHashesTable;
  links: LinksTable;
  webhook_inbox: WebhookInboxTable;
  shipment_events: ShipmentEventsTable;
  write_intents: WriteIntentsTable;
  audit_events: AuditEventsTable;
  mappings: MappingsTable;
  reference_items: ReferenceItemsTable;
  leases: LeasesTable;
  rate_accounts: RateAccountsTable;
  rate_slots: RateSlotsTable;
  flows: FlowsTable;
  workers: WorkersTable;
  job_schedule: JobScheduleTable;
  flow_runs: FlowRunsTable;
  kv: KvTable;
  sessions: SessionsTable;
}

/*
 * Row types, derived from the table shapes above and nowhere declared again: a column added to a table is
 * then seen by every repository that reads or writes it. `Selectable` is a row as read (generated ids are
 * plain numbers), `Insertable` one as written, `Updateable` a patch of it.
 */
export type ConnectionRow = Selectable<ConnectionsTable>;
export type ConnectionPatch = Updateable<ConnectionsTable>;
export type RecordsRow = Selectable<RecordsTable>;
export type LinkRow = Selectable<LinksTable>;
export type InboxRow = Selectable<WebhookInboxTable>;
export type ShipmentEventRow = Selectable<ShipmentEventsTable>;
export type ShipmentEventPatch = Updateable<ShipmentEventsTable>;
export type WriteIntentRow = Selectable<WriteIntentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
export type FlowRow = Selectable<FlowsTable>;
export type NewFlowRow = Insertable<FlowsTable>;
export type FlowPatch = Updateable<FlowsTable>;
export type FlowRunRow = Selectable<FlowRunsTable>;
export type NewFlowRunRow = Insertable<FlowRunsTable>;
export type FlowRunPatch = Updateable<FlowRunsTable>;
