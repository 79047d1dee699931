import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Database } from './schema.js';

/**
 * Content hashes of records as last sent (orders: the fields that matter; inventory: the quantity last
 * pushed per SKU and location). A record whose hash is unchanged is not sent again.
 */
export class HashesRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async getMany(connectionId: number, kind: string, keys?: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (keys === undefined) {
      const rows = await this.db
        .selectFrom('record_hashes')
        .select(['key', 'hash'])
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .execute();
      for (const r of rows) out.set(r.key, r.hash);
      return out;
    }
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db
        .selectFrom('record_hashes')
        .select(['key', 'hash'])
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('key', 'in', keys.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.key, r.hash);
    }
    return out;
  }

  async setMany(connectionId: number, kind: string, entries: Iterable<[string, string]>): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const list = [...entries];
    for (let i = 0; i < list.length; i += 100) {
      await this.db
        .insertInto('record_hashes')
        .values(
          list
            .slice(i, i + 100)
            .map(([key, hash]) => ({ connection_id: connectionId, kind, key, hash, updated_at: now })),
        )
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'kind', 'key'])
            .doUpdateSet((eb) => ({ hash: eb.ref('excluded.hash'), updated_at: eb.ref('excluded.updated_at') })),
        )
        .execute();
    }
  }

  async delete(connectionId: number, kind: string, key?: string): Promise<void> {
    let q = this.db.deleteFrom('record_hashes').where('connection_id', '=', connectionId).where('kind', '=', kind);
    if (key !== undefined) q = q.where('key', '=', key);
    await q.execute();
  }
}
