import type { AuditInput } from '../domain/audit-event.js';
import type { RunResult } from '../domain/flow-run.js';
import type { FlowState } from '../domain/flow-state.js';
import type { InboxItem, InboxStatus } from '../domain/inbox-item.js';
import type { Lease } from '../domain/lease.js';
import type { Link, LinkStatus } from '../domain/link.js';
import type { Mapping, MappingKind, MappingStatus, MappingTarget } from '../domain/mappings.js';
import type { RecordUpsert } from '../domain/record-upsert.js';
import type { OrderState, RecordRow } from '../domain/records.js';
import type { ReferenceItem } from '../domain/reference-item.js';
import type { ShipmentEvent, ShipmentEventState } from '../domain/shipment-event.js';
import type { IntentState, WriteIntent } from '../domain/write-intent.js';

/**
 * The store as the engine uses it (design rule 1: the engine owns its ports). store/store.ts's `Store`
 * implements it; the engine never imports the store itself, so a flow can be read without its SQL.
 */
export interface EngineStore {
  readonly links: LinksPort;
  readonly records: RecordsPort;
  readonly hashes: HashesPort;
  readonly audit: AuditPort;
  readonly cursors: CursorsPort;
  readonly mappings: MappingsPort;
  readonly leases: LeasesPort;
  readonly flows: FlowsPort;
  readonly flowRuns: FlowRunsPort;
  readonly shipmentEvents: ShipmentEventsPort;
  readonly intents: WriteIntentsPort;
  readonly inbox: InboxPort;
  readonly kv: KvPort;
  /** Runs `fn` in one transaction; inside, use only the store passed in. */
  transaction<T>(fn: (tx: EngineStore) => Promise<T>): Promise<T>;
}

/** Sage order ↔ ShipStation order links, by order key. */
export interface LinksPort {
  upsert(link: Omit<Link, 'createdAt' | 'updatedAt'>): Promise<void>;
  get(connectionId: number, orderKey: string): Promise<Link | undefined>;
  bySsOrderId(connectionId: number, ssOrderId: string): Promise<Link | undefined>;
  forSageOrder(connectionId: number, sageUniquifier: string): Promise<Link[]>;
  forSageOrders(connectionId: number, uniquifiers: string[]): Promise<Map<string, Link[]>>;
  setStatus(connectionId: number, orderKey: string, status: LinkStatus, ssOrderId?: string | null): Promise<void>;
  /** In the given states, ordered by order key; `after` pages on from an order key. */
  byStatus(connectionId: number, statuses: LinkStatus[], limit?: number, after?: string): Promise<Link[]>;
  count(connectionId: number): Promise<number>;
}

/** Each record's state, for people (states, reasons, retry schedule). */
export interface RecordsPort {
  upsert(r: RecordUpsert): Promise<void>;
  get(connectionId: number, kind: string, key: string): Promise<RecordRow | undefined>;
  getMany(connectionId: number, kind: string, keys: string[]): Promise<Map<string, RecordRow>>;
  countByState(connectionId?: number, kind?: string): Promise<Record<string, number>>;
  /** Makes every record of these states due now; returns how many. */
  makeDue(connectionId: number, kind: string, states: OrderState[]): Promise<number>;
  due(connectionId: number, kind: string, states: OrderState[], limit?: number): Promise<RecordRow[]>;
}

/** Content hashes of what was sent, to skip what did not change. */
export interface HashesPort {
  getMany(connectionId: number, kind: string, keys?: string[]): Promise<Map<string, string>>;
  setMany(connectionId: number, kind: string, entries: Iterable<[string, string]>): Promise<void>;
  delete(connectionId: number, kind: string, key?: string): Promise<void>;
}

export interface AuditPort {
  append(events: AuditInput | AuditInput[]): Promise<void>;
}

export interface CursorsPort {
  get(connectionId: number, flow: string, name: string): Promise<string | undefined>;
  /** With `fence`, refused (LeaseLostError) when that lease is no longer current. */
  save(connectionId: number, flow: string, name: string, value: string, fence?: Lease): Promise<void>;
  delete(connectionId: number, flow: string, name?: string): Promise<void>;
}

export interface MappingsPort {
  list(connectionId: number, kind?: MappingKind): Promise<Mapping[]>;
  set(
    connectionId: number,
    kind: MappingKind,
    sageValue: string,
    status: MappingStatus,
    target: MappingTarget | null,
    source: Mapping['source'],
  ): Promise<void>;
  replaceReference(
    connectionId: number,
    system: ReferenceItem['system'],
    kind: string,
    items: ReferenceItem[],
  ): Promise<void>;
  reference(connectionId: number, system?: ReferenceItem['system'], kind?: string): Promise<ReferenceItem[]>;
}

export interface LeasesPort {
  acquire(connectionId: number, flow: string, holder: string, ttlMs: number): Promise<Lease | null>;
  /** false: the lease was lost. */
  renew(lease: Lease, ttlMs: number): Promise<boolean>;
  release(lease: Lease): Promise<void>;
  isCurrent(lease: Lease): Promise<boolean>;
  current(connectionId: number, flow: string): Promise<Lease | null>;
}

export interface FlowsPort {
  get(connectionId: number, flow: string): Promise<FlowState>;
  list(connectionId?: number): Promise<FlowState[]>;
  started(connectionId: number, flow: string): Promise<void>;
  finished(
    connectionId: number,
    flow: string,
    outcome: { ok: boolean; error?: string | null; counts: Record<string, number>; status?: string },
  ): Promise<void>;
  off(connectionId: number, flow: string, reason: string): Promise<void>;
  setNextRun(connectionId: number, flow: string, atMs: number | null): Promise<void>;
}

/** The runs history: one row per pass that took its lease (dry runs take none and are not recorded). */
export interface FlowRunsPort {
  /** Records a pass as running; returns its id for `finish`. */
  start(run: { connectionId: number; flow: string; holder: string; leaseToken: number }): Promise<number>;
  finish(
    id: number,
    end: { result: Exclude<RunResult, 'running'>; counts: Record<string, number>; error?: string | null },
  ): Promise<void>;
  /** Deletes the passes that started before `beforeMs` (retention); returns how many. */
  prune(beforeMs: number): Promise<number>;
}

export interface ShipmentEventsPort {
  get(connectionId: number, sourceId: string): Promise<ShipmentEvent | undefined>;
  /** false: already known (nothing changed). */
  insertIfNew(e: Omit<ShipmentEvent, 'firstSeenAt' | 'updatedAt'>): Promise<boolean>;
  update(
    connectionId: number,
    sourceId: string,
    patch: Partial<Pick<ShipmentEvent, 'state' | 'reason' | 'voided' | 'tracking' | 'data' | 'orderKey'>>,
  ): Promise<void>;
  byState(connectionId: number, states: ShipmentEventState[], limit?: number): Promise<ShipmentEvent[]>;
  forOrderKeys(connectionId: number, orderKeys: string[]): Promise<ShipmentEvent[]>;
}

export interface WriteIntentsPort {
  /** null: another intent is already open for that Sage order. */
  open(i: {
    connectionId: number;
    sageUniquifier: string;
    sourceId: string;
    request: unknown;
    before: unknown;
  }): Promise<number | null>;
  openFor(connectionId: number, sageUniquifier: string): Promise<WriteIntent | undefined>;
  listOpen(connectionId: number): Promise<WriteIntent[]>;
  forSource(connectionId: number, sourceId: string): Promise<WriteIntent[]>;
  forSageOrder(connectionId: number, sageUniquifier: string): Promise<WriteIntent[]>;
  get(id: number): Promise<WriteIntent | undefined>;
  resolve(id: number, state: Exclude<IntentState, 'open'>, result: unknown): Promise<void>;
}

/** Webhook deliveries as received. */
export interface InboxPort {
  pending(connectionId: number, limit?: number): Promise<InboxItem[]>;
  finish(id: number, status: Exclude<InboxStatus, 'pending'>, error?: string | null): Promise<void>;
  retryLater(id: number, error: string, maxAttempts?: number): Promise<void>;
  counts(connectionId?: number): Promise<Record<string, number>>;
}

export interface KvPort {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
