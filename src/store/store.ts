import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { systemClock } from '../domain/clock.js';
import type { EngineStore } from '../engine/store-port.js';
import type { Vault } from '../vault/vault.js';
import { AuditRepo } from './audit-repo.js';
import { ConnectionsRepo } from './connections-repo.js';
import { CursorsRepo } from './cursors-repo.js';
import { type DialectCapabilities, type OpenedDatabase, openDatabase } from './database.js';
import { DbTime } from './db-time.js';
import { FlowRunsRepo } from './flow-runs-repo.js';
import { FlowsRepo } from './flows-repo.js';
import { HashesRepo } from './hashes-repo.js';
import { InboxRepo } from './inbox-repo.js';
import { KvRepo } from './kv-repo.js';
import { LeasesRepo } from './leases-repo.js';
import { LinksRepo } from './links-repo.js';
import { MappingsRepo } from './mappings-repo.js';
import { migrateToLatest } from './migrate.js';
import { RateSlotsRepo } from './rate-slots-repo.js';
import { RecordsRepo } from './records-repo.js';
import { ScheduleRepo } from './schedule-repo.js';
import type { Database } from './schema.js';
import { SessionsRepo } from './sessions-repo.js';
import { ShipmentEventsRepo } from './shipment-events-repo.js';
import { WorkersRepo } from './workers-repo.js';
import { WriteIntentsRepo } from './write-intents-repo.js';

/**
 * The one store: every durable fact of the connector, behind small repositories over one Kysely
 * instance (SQLite or PostgreSQL). A process can die at any instruction; the next one carries on from here.
 */
export class Store implements EngineStore {
  readonly connections: ConnectionsRepo;
  readonly cursors: CursorsRepo;
  readonly leases: LeasesRepo;
  readonly rateSlots: RateSlotsRepo;
  readonly audit: AuditRepo;
  readonly mappings: MappingsRepo;
  readonly records: RecordsRepo;
  readonly hashes: HashesRepo;
  readonly links: LinksRepo;
  readonly inbox: InboxRepo;
  readonly shipmentEvents: ShipmentEventsRepo;
  readonly intents: WriteIntentsRepo;
  readonly flows: FlowsRepo;
  readonly flowRuns: FlowRunsRepo;
  readonly kv: KvRepo;
  readonly sessions: SessionsRepo;
  readonly workers: WorkersRepo;
  readonly schedule: ScheduleRepo;
  /** Whose clock judges leases, claims and heartbeats (the database's on PostgreSQL). */
  readonly time: DbTime;

  constructor(
    private readonly opened: OpenedDatabase,
    private readonly vault: Vault,
    private readonly clock: Clock = systemClock,
  ) {
    const db = opened.db;
    this.time = new DbTime(opened.capabilities, clock);
    this.connections = new ConnectionsRepo(db, vault, clock);
    this.cursors = new CursorsRepo(db, clock);
    this.leases = new LeasesRepo(db, clock, this.time);
    this.rateSlots = new RateSlotsRepo(db, clock);
    this.audit = new AuditRepo(db, clock);
    this.mappings = new MappingsRepo(db, clock);
    this.records = new RecordsRepo(db, clock);
    this.hashes = new HashesRepo(db, clock);
    this.links = new LinksRepo(db, clock);
    this.inbox = new InboxRepo(db, clock);
    this.shipmentEvents = new ShipmentEventsRepo(db, clock);
    this.intents = new WriteIntentsRepo(db, clock);
    this.flows = new FlowsRepo(db, clock, this.time);
    this.flowRuns = new FlowRunsRepo(db, clock, this.time);
    this.kv = new KvRepo(db, clock);
    this.sessions = new SessionsRepo(db, clock);
    this.workers = new WorkersRepo(db, this.time);
    this.schedule = new ScheduleRepo(db, this.time);
  }

  get db(): Kysely<Database> {
    return this.opened.db;
  }

  get capabilities(): DialectCapabilities {
    return this.opened.capabilities;
  }

  get description(): string {
    return this.opened.description;
  }

  /**
   * Runs `fn` in one transaction with a store bound to it: many small writes commit once (an orders page
   * records in one commit instead of thousands). Inside, use only the store passed in: on SQLite the
   * outer store waits for the transaction's connection.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.opened.db.transaction().execute((trx) => {
      const tx = new Store({ ...this.opened, db: trx as unknown as Kysely<Database> }, this.vault, this.clock);
      tx.inTransaction = true;
      return fn(tx);
    });
  }

  private inTransaction = false;

  close(): Promise<void> {
    return this.opened.close();
  }
}

/** Opens the database, brings its schema up to date, and returns the store. */
export async function openStore(options: {
  url?: string | undefined;
  dataDir: string;
  vault: Vault;
  clock?: Clock;
}): Promise<Store> {
  const opened = openDatabase({ url: options.url, dataDir: options.dataDir });
  try {
    await migrateToLatest(opened.db, opened.capabilities);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return new Store(opened, options.vault, options.clock);
}
