import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { ShipmentEvent, ShipmentEventState } from '../domain/shipment-event.js';
import type { Database, ShipmentEventPatch, ShipmentEventRow } from './schema.js';

export type { ShipmentEvent, ShipmentEventState } from '../domain/shipment-event.js';

/** Every shipment/label/fulfillment seen from ShipStation, deduplicated by its id (webhooks and polls alike). */
export class ShipmentEventsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async get(connectionId: number, sourceId: string): Promise<ShipmentEvent | undefined> {
    const row = await this.db
      .selectFrom('shipment_events')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row ? toEvent(row) : undefined;
  }

  /** Inserts a newly seen event; returns false if it was already known (nothing changed). */
  async insertIfNew(e: Omit<ShipmentEvent, 'firstSeenAt' | 'updatedAt'>): Promise<boolean> {
    const now = new Date(this.clock.now()).toISOString();
    const result = await this.db
      .insertInto('shipment_events')
      .values({
        connection_id: e.connectionId,
        source_id: e.sourceId,
        order_key: e.orderKey,
        kind: e.kind,
        voided: e.voided ? 1 : 0,
        tracking: e.tracking,
        state: e.state,
        reason: e.reason,
        data: JSON.stringify(e.data),
        first_seen_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['connection_id', 'source_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async update(
    connectionId: number,
    sourceId: string,
    patch: Partial<Pick<ShipmentEvent, 'state' | 'reason' | 'voided' | 'tracking' | 'data' | 'orderKey'>>,
  ): Promise<void> {
    const set: ShipmentEventPatch = { updated_at: new Date(this.clock.now()).toISOString() };
    if (patch.state !== undefined) set.state = patch.state;
    if (patch.reason !== undefined) set.reason = patch.reason;
    if (patch.voided !== undefined) set.voided = patch.voided ? 1 : 0;
    if (patch.tracking !== undefined) set.tracking = patch.tracking;
    if (patch.data !== undefined) set.data = JSON.stringify(patch.data);
    if (patch.orderKey !== undefined) set.order_key = patch.orderKey;
    await this.db
      .updateTable('shipment_events')
      .set(set)
      .where('connection_id', '=', connectionId)
      .where('source_id', '=', sourceId)
      .execute();
  }

  async byState(connectionId: number, states: ShipmentEventState[], limit = 1000): Promise<ShipmentEvent[]> {
    const rows = await this.db
      .selectFrom('shipment_events')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('state', 'in', states)
      .orderBy('first_seen_at')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async forOrderKeys(connectionId: number, orderKeys: string[]): Promise<ShipmentEvent[]> {
    if (orderKeys.length === 0) return [];
    const rows = await this.db
      .selectFrom('shipment_events')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('order_key', 'in', orderKeys)
      .orderBy('first_seen_at')
      .execute();
    return rows.map(toEvent);
  }
}

function toEvent(row: ShipmentEventRow): ShipmentEvent {
  return {
    connectionId: Number(row.connection_id),
    sourceId: row.source_id,
    orderKey: row.order_key,
    kind: row.kind === 'fulfillment' ? 'fulfillment' : 'label',
    voided: row.voided === 1,
    tracking: row.tracking,
    state: row.state as ShipmentEventState,
    reason: row.reason,
    data: JSON.parse(row.data) as Record<string, unknown>,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}
