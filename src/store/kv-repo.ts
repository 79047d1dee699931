import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Database } from './schema.js';

/** Small install-wide facts (the admin password hash, a pending setup token's hash). */
export class KvRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.db.selectFrom('kv').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }

  async set(key: string, value: string): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    await this.db
      .insertInto('kv')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('kv').where('key', '=', key).execute();
  }
}
