import { type Kysely, sql } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Lease } from '../domain/lease.js';
import type { DbTime } from './db-time.js';
import type { Database } from './schema.js';

export type { Lease } from '../domain/lease.js';

/**
 * One runner per connection and flow, across processes (the scheduler, `ml-connector sync`, "run now"
 * in the dashboard). Acquisition is a single conditional statement, so on PostgreSQL the row lock
 * decides between racing processes and on SQLite the write lock does. Expiry is judged by `DbTime`: the
 * database's `now()` on PostgreSQL (a worker whose clock runs fast cannot take a live lease), the process
 * clock on SQLite (one host).
 */
export class LeasesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly time: DbTime,
  ) {}

  async acquire(connectionId: number, flow: string, holder: string, ttlMs: number): Promise<Lease | null> {
    const now = this.clock.now();
    const inserted = await this.db
      .insertInto('leases')
      .values({ connection_id: connectionId, flow, holder, token: 1, expires_at: this.time.plus(ttlMs) })
      .onConflict((oc) => oc.columns(['connection_id', 'flow']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) {
      return { connectionId, flow, holder, token: 1, expiresAt: now + ttlMs };
    }
    const updated = await this.db
      .updateTable('leases')
      .set({ holder, token: sql`token + 1`, expires_at: this.time.plus(ttlMs) })
      .where('connection_id', '=', connectionId)
      .where('flow', '=', flow)
      // Only an expired lease is taken, whoever asks: its holder is one pass (`<worker>/<pass>`), so "the
      // same holder" asking again is a bug, and re-taking would fence off the live pass of this very process.
      .where('expires_at', '<', this.time.now())
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
    const row = await this.db
      .selectFrom('leases')
      .select(['token', 'holder'])
      .where('connection_id', '=', connectionId)
      .where('flow', '=', flow)
      .executeTakeFirst();
    if (!row || row.holder !== holder) return null;
    return { connectionId, flow, holder, token: Number(row.token), expiresAt: now + ttlMs };
  }

  /** Extends a lease still held under the same token; false means it was lost. */
  async renew(lease: Lease, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.db
      .updateTable('leases')
      .set({ expires_at: this.time.plus(ttlMs) })
      .where('connection_id', '=', lease.connectionId)
      .where('flow', '=', lease.flow)
      .where('holder', '=', lease.holder)
      .where('token', '=', lease.token)
      .executeTakeFirst();
    const ok = Number(result.numUpdatedRows) === 1;
    if (ok) lease.expiresAt = now + ttlMs;
    return ok;
  }

  async release(lease: Lease): Promise<void> {
    // Expire rather than delete: the token must keep growing so a stale holder can never match again.
    await this.db
      .updateTable('leases')
      .set({ expires_at: new Date(0).toISOString() })
      .where('connection_id', '=', lease.connectionId)
      .where('flow', '=', lease.flow)
      .where('token', '=', lease.token)
      .execute();
  }

  async isCurrent(lease: Lease): Promise<boolean> {
    const row = await this.db
      .selectFrom('leases')
      .select('token')
      .where('connection_id', '=', lease.connectionId)
      .where('flow', '=', lease.flow)
      .executeTakeFirst();
    return !!row && Number(row.token) === lease.token;
  }

  /** The lease of a flow; its `expiresAt` is on this process's clock (the database's time left, added to it). */
  async current(connectionId: number, flow: string): Promise<Lease | null> {
    const row = await this.db
      .selectFrom('leases')
      .selectAll()
      .select(this.time.now().as('db_now'))
      .where('connection_id', '=', connectionId)
      .where('flow', '=', flow)
      .executeTakeFirst();
    if (!row) return null;
    const left = Date.parse(row.expires_at) - Date.parse(row.db_now);
    return {
      connectionId,
      flow,
      holder: row.holder,
      token: Number(row.token),
      expiresAt: this.clock.now() + left,
    };
  }

  /** Every lease with its holder and whether it is live now (judged by the database's clock): `status`, `workers`. */
  async list(connectionId?: number): Promise<{ connectionId: number; flow: string; holder: string; live: boolean }[]> {
    let q = this.db
      .selectFrom('leases')
      .select(['connection_id', 'flow', 'holder', 'expires_at'])
      .select(this.time.now().as('db_now'));
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    const rows = await q.execute();
    return rows.map((r) => ({
      connectionId: Number(r.connection_id),
      flow: r.flow,
      holder: r.holder,
      live: r.expires_at > r.db_now,
    }));
  }
}
