import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Database } from './schema.js';

/** Dashboard sessions. The id stored is a hash of the cookie value, so a leaked database opens no session. */
export class SessionsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(idHash: string, csrf: string, ttlMs: number): Promise<void> {
    const now = this.clock.now();
    await this.db
      .insertInto('sessions')
      .values({
        id: idHash,
        csrf,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + ttlMs).toISOString(),
      })
      .execute();
  }

  async get(idHash: string): Promise<{ csrf: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['csrf', 'expires_at'])
      .where('id', '=', idHash)
      .executeTakeFirst();
    if (!row || Date.parse(row.expires_at) < this.clock.now()) return undefined;
    return { csrf: row.csrf };
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', idHash).execute();
  }

  async purgeExpired(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', new Date(this.clock.now()).toISOString()).execute();
  }
}
