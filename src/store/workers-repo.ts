import type { Kysely } from 'kysely';
import type { DbTime } from './db-time.js';
import type { Database } from './schema.js';

export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  version: string;
  startedAt: string;
  heartbeatAt: string;
  passesRunning: number;
  concurrency: number;
  /** Heartbeat within the limit (judged by the database's clock on PostgreSQL); false: the worker is gone. */
  alive: boolean;
  /** How long ago its last heartbeat was, in ms. */
  heartbeatAgeMs: number;
}

/** A gone worker's row is kept this long for `workers` and the dashboard to show, then deleted. */
const KEEP_GONE_MS = 24 * 3_600_000;

/**
 * The fleet: one row per `ml-connector start` on this database. Times are the database's on PostgreSQL
 * (`DbTime`), so a worker whose host clock is off is neither shown as gone nor kept alive by it.
 */
export class WorkersRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly time: DbTime,
  ) {}

  async register(w: { id: string; host: string; pid: number; version: string; concurrency: number }): Promise<void> {
    await this.db.deleteFrom('workers').where('heartbeat_at', '<', this.time.plus(-KEEP_GONE_MS)).execute();
    const now = this.time.now();
    await this.db
      .insertInto('workers')
      .values({ ...w, started_at: now, heartbeat_at: now, passes_running: 0 })
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: now, passes_running: 0 }))
      .execute();
  }

  /** False when the row is gone (deleted by hand or as long gone): the caller registers again. */
  async heartbeat(id: string, passesRunning: number): Promise<boolean> {
    const r = await this.db
      .updateTable('workers')
      .set({ heartbeat_at: this.time.now(), passes_running: passesRunning })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deregister(id: string): Promise<void> {
    await this.db.deleteFrom('workers').where('id', '=', id).execute();
  }

  /** Every worker, oldest first, alive when its heartbeat is younger than `goneAfterMs`. */
  async list(goneAfterMs: number): Promise<WorkerInfo[]> {
    const rows = await this.db
      .selectFrom('workers')
      .selectAll()
      .select(this.time.now().as('db_now'))
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const age = Date.parse(r.db_now) - Date.parse(r.heartbeat_at);
      return {
        id: r.id,
        host: r.host,
        pid: Number(r.pid),
        version: r.version,
        startedAt: r.started_at,
        heartbeatAt: r.heartbeat_at,
        passesRunning: Number(r.passes_running),
        concurrency: Number(r.concurrency),
        alive: age <= goneAfterMs,
        heartbeatAgeMs: Math.max(0, age),
      };
    });
  }
}
