import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { IntentState, WriteIntent } from '../domain/write-intent.js';
import type { Database, WriteIntentRow } from './schema.js';

export type { IntentState, WriteIntent } from '../domain/write-intent.js';

/**
 * Exactly-once writes to a non-idempotent API: the intent is recorded before the call and resolved
 * after it (or, after a crash or timeout, by reading the order back). The unique index allows one open
 * intent per Sage order, so two writers can never both be shipping the same order.
 */
export class WriteIntentsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Records an open intent; returns null when another intent is already open for that order. */
  async open(i: {
    connectionId: number;
    sageUniquifier: string;
    sourceId: string;
    request: unknown;
    before: unknown;
  }): Promise<number | null> {
    const now = new Date(this.clock.now()).toISOString();
    try {
      const row = await this.db
        .insertInto('write_intents')
        .values({
          connection_id: i.connectionId,
          sage_uniquifier: i.sageUniquifier,
          source_id: i.sourceId,
          state: 'open',
          request: JSON.stringify(i.request),
          before: JSON.stringify(i.before),
          result: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async openFor(connectionId: number, sageUniquifier: string): Promise<WriteIntent | undefined> {
    const row = await this.db
      .selectFrom('write_intents')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('sage_uniquifier', '=', sageUniquifier)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return row ? toIntent(row) : undefined;
  }

  async listOpen(connectionId: number): Promise<WriteIntent[]> {
    const rows = await this.db
      .selectFrom('write_intents')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('state', '=', 'open')
      .orderBy('id')
      .execute();
    return rows.map(toIntent);
  }

  async forSource(connectionId: number, sourceId: string): Promise<WriteIntent[]> {
    const rows = await this.db
      .selectFrom('write_intents')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('source_id', '=', sourceId)
      .orderBy('id')
      .execute();
    return rows.map(toIntent);
  }

  /** Every intent for one Sage order, oldest first (the void credit is worked out from them). */
  async forSageOrder(connectionId: number, sageUniquifier: string): Promise<WriteIntent[]> {
    const rows = await this.db
      .selectFrom('write_intents')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('sage_uniquifier', '=', sageUniquifier)
      .orderBy('id')
      .execute();
    return rows.map(toIntent);
  }

  async get(id: number): Promise<WriteIntent | undefined> {
    const row = await this.db.selectFrom('write_intents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toIntent(row) : undefined;
  }

  async resolve(id: number, state: Exclude<IntentState, 'open'>, result: unknown): Promise<void> {
    await this.db
      .updateTable('write_intents')
      .set({ state, result: JSON.stringify(result ?? null), updated_at: new Date(this.clock.now()).toISOString() })
      .where('id', '=', id)
      .execute();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

function toIntent(row: WriteIntentRow): WriteIntent {
  return {
    id: Number(row.id),
    connectionId: Number(row.connection_id),
    sageUniquifier: row.sage_uniquifier,
    sourceId: row.source_id,
    state: row.state as IntentState,
    request: JSON.parse(row.request),
    before: JSON.parse(row.before),
    result: row.result === null ? null : JSON.parse(row.result),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
