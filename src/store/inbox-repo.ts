import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { InboxItem, InboxStatus } from '../domain/inbox-item.js';
import type { Database, InboxRow } from './schema.js';

export type { InboxItem, InboxStatus } from '../domain/inbox-item.js';

/**
 * Webhook deliveries as received (design rule 11): the HTTP handler authenticates and records, then
 * answers; the shipments flow processes from here, so a crash between the two loses nothing.
 */
export class InboxRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async add(item: {
    connectionId: number;
    api: 'v1' | 'v2';
    resourceType: string | null;
    resourceUrl: string | null;
    body: string;
  }): Promise<number> {
    const row = await this.db
      .insertInto('webhook_inbox')
      .values({
        connection_id: item.connectionId,
        api: item.api,
        resource_type: item.resourceType,
        resource_url: item.resourceUrl,
        body: item.body,
        status: 'pending',
        attempts: 0,
        error: null,
        received_at: new Date(this.clock.now()).toISOString(),
        processed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async pending(connectionId: number, limit = 100): Promise<InboxItem[]> {
    const rows = await this.db
      .selectFrom('webhook_inbox')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }

  async finish(id: number, status: Exclude<InboxStatus, 'pending'>, error: string | null = null): Promise<void> {
    await this.db
      .updateTable('webhook_inbox')
      .set((eb) => ({
        status,
        error,
        attempts: eb('attempts', '+', 1),
        processed_at: new Date(this.clock.now()).toISOString(),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** A retryable failure: stays pending, with the error shown, unless it has failed too often. */
  async retryLater(id: number, error: string, maxAttempts = 10): Promise<void> {
    const row = await this.db.selectFrom('webhook_inbox').select('attempts').where('id', '=', id).executeTakeFirst();
    const attempts = Number(row?.attempts ?? 0) + 1;
    await this.db
      .updateTable('webhook_inbox')
      .set({ attempts, error, status: attempts >= maxAttempts ? 'failed' : 'pending' })
      .where('id', '=', id)
      .execute();
  }

  async counts(connectionId?: number): Promise<Record<string, number>> {
    let q = this.db.selectFrom('webhook_inbox').select(['status', (eb) => eb.fn.countAll<string | number>().as('n')]);
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    const rows = await q.groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async recent(connectionId: number, limit = 50): Promise<InboxItem[]> {
    const rows = await this.db
      .selectFrom('webhook_inbox')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toItem);
  }
}

function toItem(row: InboxRow): InboxItem {
  return {
    id: Number(row.id),
    connectionId: Number(row.connection_id),
    api: row.api === 'v2' ? 'v2' : 'v1',
    resourceType: row.resource_type,
    resourceUrl: row.resource_url,
    body: row.body,
    status: row.status as InboxStatus,
    attempts: Number(row.attempts),
    error: row.error,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
  };
}
