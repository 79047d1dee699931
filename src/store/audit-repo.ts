import { type Kysely, sql } from 'kysely';
import type { AuditEvent, AuditInput } from '../domain/audit-event.js';
import type { Clock } from '../domain/clock.js';
import { redactSecrets } from '../observability/redact.js';
import type { AuditEventRow, Database, NewAuditEventRow } from './schema.js';

export type { AuditEvent, AuditInput } from '../domain/audit-event.js';

/** Append-only trail of what happened to each record; data is scrubbed of secrets before it is stored. */
export class AuditRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async append(events: AuditInput | AuditInput[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return;
    const at = new Date(this.clock.now()).toISOString();
    // Chunked: SQLite caps bound parameters per statement.
    for (let i = 0; i < list.length; i += 50) {
      await this.db
        .insertInto('audit_events')
        .values(
          list.slice(i, i + 50).map(
            (e): NewAuditEventRow => ({
              connection_id: e.connectionId,
              record_kind: e.recordKind,
              record_key: e.recordKey,
              display: e.display ?? null,
              at,
              event: e.event,
              message: e.message,
              data: e.data === undefined ? null : JSON.stringify(redactSecrets(e.data)),
              payload_hash: e.payloadHash ?? null,
            }),
          ),
        )
        .execute();
    }
  }

  async forRecord(connectionId: number, recordKind: string, recordKey: string): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('record_kind', '=', recordKind)
      .where('record_key', '=', recordKey)
      .orderBy('id')
      .execute();
    return rows.map(toEvent);
  }

  /** Every event for records people call `display` (an order number), across connections unless one is given. */
  async forDisplay(display: string, connectionId?: number): Promise<AuditEvent[]> {
    let q = this.db.selectFrom('audit_events').selectAll().where('display', '=', display);
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    return (await q.orderBy('id').execute()).map(toEvent);
  }

  async recent(connectionId: number, limit = 50): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /**
   * A connection's events recorded from `fromIso` to `toIso` (both included), oldest first, at most `limit`:
   * what a pass of the runs history did (the events of every flow that ran meanwhile are in the window too).
   */
  async between(connectionId: number, fromIso: string, toIso: string, limit = 500): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('at', '>=', fromIso)
      .where('at', '<=', toIso)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /**
   * Counts of `events` per minute since `sinceIso` (`minute` is the ISO text up to the minute, UTC): the
   * dashboard's charts put them into the browser's own hours and days, which need not start on a UTC hour
   * (India is UTC+5:30). A week is at most 10 080 rows per event, however many events there were.
   */
  async minuteCounts(
    connectionId: number | undefined,
    events: string[],
    sinceIso: string,
  ): Promise<{ minute: string; event: string; count: number }[]> {
    const minute = sql<string>`substr(at, 1, 16)`;
    let q = this.db
      .selectFrom('audit_events')
      .select([minute.as('minute'), 'event', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('event', 'in', events)
      .where('at', '>=', sinceIso);
    if (connectionId !== undefined) q = q.where('connection_id', '=', connectionId);
    const rows = await q.groupBy([minute, 'event']).execute();
    return rows.map((r) => ({ minute: r.minute, event: r.event, count: Number(r.count) }));
  }
}

function toEvent(row: AuditEventRow): AuditEvent {
  return {
    id: Number(row.id),
    connectionId: Number(row.connection_id),
    recordKind: row.record_kind,
    recordKey: row.record_key,
    display: row.display,
    at: row.at,
    event: row.event,
    message: row.message,
    data: row.data === null ? null : JSON.parse(row.data),
    payloadHash: row.payload_hash,
  };
}
