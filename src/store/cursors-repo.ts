import { type Kysely, sql } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Lease } from '../domain/lease.js';
import { LeaseLostError } from '../domain/lease-lost-error.js';
import type { Database } from './schema.js';

/**
 * Durable positions of the flows (high-water marks, poll windows). A cursor is saved only after the
 * records before it are recorded, and only by the current lease holder: the fence check and the write
 * are one statement, so a process that lost its lease cannot move the cursor.
 */
export class CursorsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(connectionId: number, flow: string, name: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('cursors')
      .select('value')
      .where('connection_id', '=', connectionId)
      .where('flow', '=', flow)
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.value;
  }

  async save(connectionId: number, flow: string, name: string, value: string, fence?: Lease): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    if (!fence) {
      await this.db
        .insertInto('cursors')
        .values({ connection_id: connectionId, flow, name, value, updated_at: now })
        .onConflict((oc) => oc.columns(['connection_id', 'flow', 'name']).doUpdateSet({ value, updated_at: now }))
        .execute();
      return;
    }
    const result = await sql`
      insert into cursors (connection_id, flow, name, value, updated_at)
      select ${connectionId}, ${flow}, ${name}, ${value}, ${now}
      where exists (
        select 1 from leases
        where connection_id = ${fence.connectionId} and flow = ${fence.flow} and token = ${fence.token}
      )
      on conflict (connection_id, flow, name) do update set value = excluded.value, updated_at = excluded.updated_at
    `.execute(this.db);
    if (Number(result.numAffectedRows ?? 0n) !== 1)
      throw new LeaseLostError(fence.connectionId, fence.flow, fence.token);
  }

  async delete(connectionId: number, flow: string, name?: string): Promise<void> {
    let q = this.db.deleteFrom('cursors').where('connection_id', '=', connectionId).where('flow', '=', flow);
    if (name) q = q.where('name', '=', name);
    await q.execute();
  }
}
