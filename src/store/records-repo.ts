import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { RecordUpsert } from '../domain/record-upsert.js';
import { type OrderState, parseOrderRecordData, type RecordRow } from '../domain/records.js';
import type { Database, RecordsRow } from './schema.js';

export type { RecordUpsert } from '../domain/record-upsert.js';

export interface RecordSearch {
  connectionId?: number;
  kind?: string;
  states?: OrderState[];
  /** Matches the Sage order number, the ShipStation order number or the customer (substring, any case). */
  text?: string;
  limit?: number;
  offset?: number;
}

/** Current state of each synced record (orders), for people: states, reasons, retry schedule. */
export class RecordsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async upsert(r: RecordUpsert): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const existing = await this.get(r.connectionId, r.kind, r.key);
    const attempts = r.attempt ? (existing?.attempts ?? 0) + 1 : 0;
    const data = JSON.stringify({ ...(existing?.data ?? {}), ...(r.data ?? {}) });
    const values = {
      display: r.display,
      customer: r.customer ?? existing?.customer ?? null,
      state: r.state,
      reason: r.reason ?? null,
      ss_number: r.ssNumber ?? existing?.ssNumber ?? null,
      attempts,
      next_attempt_at: r.nextAttemptAt ?? null,
      data,
      updated_at: now,
    };
    await this.db
      .insertInto('records')
      .values({ connection_id: r.connectionId, kind: r.kind, key: r.key, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['connection_id', 'kind', 'key']).doUpdateSet(values))
      .execute();
  }

  async get(connectionId: number, kind: string, key: string): Promise<RecordRow | undefined> {
    const row = await this.db
      .selectFrom('records')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async getMany(connectionId: number, kind: string, keys: string[]): Promise<Map<string, RecordRow>> {
    const out = new Map<string, RecordRow>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await this.db
        .selectFrom('records')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('kind', '=', kind)
        .where('key', 'in', keys.slice(i, i + 500))
        .execute();
      for (const row of rows) out.set(row.key, toRecord(row));
    }
    return out;
  }

  async byDisplay(display: string, connectionId?: number): Promise<RecordRow[]> {
    let q = this.db.selectFrom('records').selectAll().where('display', '=', display);
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    return (await q.execute()).map(toRecord);
  }

  async search(s: RecordSearch): Promise<RecordRow[]> {
    let q = this.db.selectFrom('records').selectAll();
    if (s.connectionId !== undefined) q = q.where('connection_id', '=', s.connectionId);
    if (s.kind) q = q.where('kind', '=', s.kind);
    if (s.states && s.states.length > 0) q = q.where('state', 'in', s.states);
    if (s.text) {
      const like = `%${s.text.toLowerCase().replace(/[%_]/g, '')}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['display']), 'like', like),
          eb(eb.fn('lower', ['ss_number']), 'like', like),
          eb(eb.fn('lower', ['customer']), 'like', like),
        ]),
      );
    }
    const rows = await q
      .orderBy('updated_at', 'desc')
      .limit(s.limit ?? 100)
      .offset(s.offset ?? 0)
      .execute();
    return rows.map(toRecord);
  }

  async countByState(connectionId?: number, kind = 'order'): Promise<Record<string, number>> {
    let q = this.db
      .selectFrom('records')
      .select(['state', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('kind', '=', kind);
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    const rows = await q.groupBy('state').execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** Makes records in `states` due at once (e.g. held orders after a mapping changed). Returns how many. */
  async makeDue(connectionId: number, kind: string, states: OrderState[]): Promise<number> {
    const r = await this.db
      .updateTable('records')
      .set({ next_attempt_at: null })
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .where('state', 'in', states)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Records in `states` whose retry time has come (or that have none). */
  async due(connectionId: number, kind: string, states: OrderState[], limit = 500): Promise<RecordRow[]> {
    const now = new Date(this.clock.now()).toISOString();
    const rows = await this.db
      .selectFrom('records')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .where('state', 'in', states)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }
}

function toRecord(row: RecordsRow): RecordRow {
  return {
    connectionId: Number(row.connection_id),
    kind: row.kind,
    key: row.key,
    display: row.display,
    customer: row.customer,
    state: row.state as OrderState,
    reason: row.reason,
    ssNumber: row.ss_number,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    data: parseOrderRecordData(row.data),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
