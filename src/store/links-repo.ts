import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { Link, LinkLine, LinkStatus, SentSnapshot } from '../domain/link.js';
import type { Database, LinkRow } from './schema.js';

/** Sage order (and lines) ↔ ShipStation orders made from it. */
export class LinksRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async upsert(link: Omit<Link, 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const values = {
      sage_uniquifier: link.sageUniquifier,
      sage_order_number: link.sageOrderNumber,
      seq: link.seq,
      ss_order_id: link.ssOrderId,
      ss_api: link.api,
      status: link.status,
      lines: JSON.stringify(link.lines),
      sent_hash: link.sentHash,
      sent: JSON.stringify(link.sent),
      updated_at: now,
    };
    await this.db
      .insertInto('links')
      .values({ connection_id: link.connectionId, order_key: link.orderKey, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['connection_id', 'order_key']).doUpdateSet(values))
      .execute();
  }

  async get(connectionId: number, orderKey: string): Promise<Link | undefined> {
    const row = await this.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('order_key', '=', orderKey)
      .executeTakeFirst();
    return row ? toLink(row) : undefined;
  }

  async bySsOrderId(connectionId: number, ssOrderId: string): Promise<Link | undefined> {
    const row = await this.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('ss_order_id', '=', ssOrderId)
      .executeTakeFirst();
    return row ? toLink(row) : undefined;
  }

  /** Every ShipStation order made from one Sage order, by seq. */
  async forSageOrder(connectionId: number, sageUniquifier: string): Promise<Link[]> {
    const rows = await this.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('sage_uniquifier', '=', sageUniquifier)
      .orderBy('seq')
      .execute();
    return rows.map(toLink);
  }

  async forSageOrders(connectionId: number, uniquifiers: string[]): Promise<Map<string, Link[]>> {
    const out = new Map<string, Link[]>();
    for (let i = 0; i < uniquifiers.length; i += 500) {
      const rows = await this.db
        .selectFrom('links')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('sage_uniquifier', 'in', uniquifiers.slice(i, i + 500))
        .orderBy('seq')
        .execute();
      for (const row of rows) {
        const link = toLink(row);
        const list = out.get(link.sageUniquifier) ?? [];
        list.push(link);
        out.set(link.sageUniquifier, list);
      }
    }
    return out;
  }

  async setStatus(
    connectionId: number,
    orderKey: string,
    status: LinkStatus,
    ssOrderId?: string | null,
  ): Promise<void> {
    await this.db
      .updateTable('links')
      .set({
        status,
        updated_at: new Date(this.clock.now()).toISOString(),
        ...(ssOrderId === undefined ? {} : { ss_order_id: ssOrderId }),
      })
      .where('connection_id', '=', connectionId)
      .where('order_key', '=', orderKey)
      .execute();
  }

  /** Links in the given states, by order key; `after` (an order key) pages on through the primary key. */
  async byStatus(connectionId: number, statuses: LinkStatus[], limit = 10_000, after?: string): Promise<Link[]> {
    let query = this.db
      .selectFrom('links')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('status', 'in', statuses);
    if (after !== undefined) query = query.where('order_key', '>', after);
    const rows = await query.orderBy('order_key').limit(limit).execute();
    return rows.map(toLink);
  }

  async count(connectionId: number): Promise<number> {
    const row = await this.db
      .selectFrom('links')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function toLink(row: LinkRow): Link {
  return {
    connectionId: Number(row.connection_id),
    orderKey: row.order_key,
    sageUniquifier: row.sage_uniquifier,
    sageOrderNumber: row.sage_order_number,
    seq: Number(row.seq),
    ssOrderId: row.ss_order_id,
    api: row.ss_api === 'v2' ? 'v2' : 'v1',
    status: row.status as LinkStatus,
    lines: JSON.parse(row.lines) as LinkLine[],
    sentHash: row.sent_hash,
    sent: JSON.parse(row.sent) as SentSnapshot,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
