import { ConnectorError } from '../../domain/errors.js';
import type { OutboundOrder } from '../../domain/outbound-order.js';
import type {
  OrderLookup,
  OrderUpdate,
  PushResult,
  ShippingOrderSnapshot,
  ShippingPlatform,
} from '../../engine/ports.js';
import type { V1Client } from './v1-client.js';
import { v1CancelBody, v1OrderBody, v1UpdateBody } from './v1-order-body.js';
import type { V1Order } from './v1-schemas.js';
import type { V1CreateOrderResult, V1OrderInput } from './v1-types.js';

/** V1 statuses in the engine's words. */
function status(s: string): ShippingOrderSnapshot['status'] {
  if (s === 'shipped') return 'shipped';
  if (s === 'cancelled') return 'cancelled';
  if (s === 'on_hold') return 'on_hold';
  return 'open';
}

export function v1Snapshot(o: V1Order): ShippingOrderSnapshot {
  return {
    ssOrderId: String(o.orderId),
    orderKey: o.orderKey,
    orderNumber: o.orderNumber,
    status: status(o.orderStatus),
    carrierCode: o.carrierCode ?? null,
    serviceCode: o.serviceCode ?? null,
    warehouseId:
      o.advancedOptions?.warehouseId === null || o.advancedOptions?.warehouseId === undefined
        ? null
        : String(o.advancedOptions.warehouseId),
    items: (o.items ?? []).map((i) => ({ lineKey: i.lineItemKey ?? null, sku: i.sku ?? null, quantity: i.quantity })),
    mergedInto:
      o.orderStatus === 'cancelled' && o.advancedOptions?.mergedOrSplit && o.advancedOptions.parentId
        ? String(o.advancedOptions.parentId)
        : null,
    raw: o,
  };
}

/**
 * The engine's ShippingPlatform over V1: creates and updates are both `createorders` upserts keyed by
 * orderKey (the documented idempotent path), 100 per call; an update is a full replace built from the
 * order as ShipStation has it (v1-order-body.ts).
 */
export class V1ShippingPlatform implements ShippingPlatform {
  readonly api = 'v1' as const;

  constructor(private readonly client: V1Client) {}

  retryCount(): number {
    return this.client.stats.snapshot().retries;
  }

  warehouseIdFor(mapped: string): string {
    return mapped.replace(/^se-/, '');
  }

  async findOrders(lookups: readonly OrderLookup[], createdSince: Date): Promise<Map<string, ShippingOrderSnapshot>> {
    const found = await this.client.findOrdersByKeys(
      lookups.map((l) => ({ orderKey: l.orderKey, orderNumber: l.orderNumber })),
      { createdSince },
    );
    const out = new Map<string, ShippingOrderSnapshot>();
    for (const [key, orders] of found) {
      // Two orders with one key (V1 may scope keys per store) cannot both be ours: take the newest.
      const newest = [...orders].sort((a, b) => b.orderId - a.orderId)[0];
      if (newest) out.set(key, v1Snapshot(newest));
    }
    return out;
  }

  async *scanOrders(prefix: string, createdSince: Date): AsyncIterable<ShippingOrderSnapshot[]> {
    for await (const page of this.client
      .listOrders({ createdFrom: createdSince, sortBy: 'CreateDate' }, { pageSize: 500 })
      .pages()) {
      yield page.items.filter((o) => o.orderKey.startsWith(prefix)).map(v1Snapshot);
    }
  }

  async getOrders(ids: readonly string[]): Promise<Map<string, ShippingOrderSnapshot>> {
    const out = new Map<string, ShippingOrderSnapshot>();
    for (const id of ids) {
      try {
        out.set(id, v1Snapshot(await this.client.getOrder(Number(id))));
      } catch (error) {
        if (error instanceof ConnectorError && error.code === 'not_found') continue;
        throw error;
      }
    }
    return out;
  }

  async createOrders(orders: readonly OutboundOrder[]): Promise<PushResult[]> {
    const ids = await this.tagIds(orders);
    return this.push(orders.map((o) => withTags(v1OrderBody(o), o, ids, [])));
  }

  async updateOrders(updates: readonly OrderUpdate[]): Promise<PushResult[]> {
    const ids = await this.tagIds(updates.map((u) => u.order));
    return this.push(
      updates.map((u) => {
        const current = u.current.raw as V1Order;
        return withTags(v1UpdateBody(u.order, current, u.lastSent), u.order, ids, current.tagIds ?? []);
      }),
    );
  }

  /** The account's tag ids by name, read only when an order carries mapped tags (V1 sends tags by id). */
  private async tagIds(orders: readonly OutboundOrder[]): Promise<ReadonlyMap<string, number>> {
    if (!orders.some((o) => o.tags && o.tags.length > 0)) return new Map();
    return new Map((await this.client.listTags()).map((t) => [t.name.toLowerCase(), t.tagId]));
  }

  async cancelOrders(orders: readonly ShippingOrderSnapshot[]): Promise<PushResult[]> {
    return this.push(orders.map((o) => v1CancelBody(o.raw as V1Order)));
  }

  async openSplitsOf(order: { ssOrderId: string; orderNumber: string }): Promise<number> {
    let open = 0;
    // orderNumber is a prefix filter: `ORD1-` also returns our own `ORD1-BO2`; keep only children of this order.
    for await (const o of this.client.listOrders({ orderNumberPrefix: `${order.orderNumber}-` }, { pageSize: 500 })) {
      if (String(o.advancedOptions?.parentId ?? '') !== order.ssOrderId) continue;
      if (o.orderStatus !== 'shipped' && o.orderStatus !== 'cancelled') open++;
    }
    return open;
  }

  /** V1 has a real hold status (sent with the order): nothing to tag. */
  async setHoldTag(): Promise<void> {}

  private async push(bodies: V1OrderInput[]): Promise<PushResult[]> {
    if (bodies.length === 0) return [];
    const results = await this.client.createOrders(bodies);
    return results.map(toPushResult);
  }
}

/**
 * `tagIds`: the mapped tags the account has (V1 has no call that creates a tag: a name it lacks is left out),
 * added to the ones the order has in ShipStation; staff's tags are never removed.
 */
function withTags(
  body: V1OrderInput,
  o: OutboundOrder,
  ids: ReadonlyMap<string, number>,
  current: readonly number[],
): V1OrderInput {
  if (!o.tags) return body;
  const wanted = o.tags.flatMap((t) => {
    const id = ids.get(t.toLowerCase());
    return id === undefined ? [] : [id];
  });
  const all = [...new Set([...current, ...wanted])];
  return { ...body, tagIds: all.length > 0 ? all : null };
}

function toPushResult(r: V1CreateOrderResult): PushResult {
  if (r.success && r.orderId !== null) return { orderKey: r.orderKey, ok: true, ssOrderId: String(r.orderId) };
  if (r.error) return { orderKey: r.orderKey, ok: false, error: r.error };
  const message = r.errorMessage ?? 'ShipStation did not accept the order';
  const locked = /shipped/i.test(message) ? 'shipped' : /cancel/i.test(message) ? 'cancelled' : undefined;
  return {
    orderKey: r.orderKey,
    ok: false,
    error: new ConnectorError('order_refused', message, { context: { system: 'shipstation-v1' } }),
    ...(locked ? { locked } : {}),
  };
}
