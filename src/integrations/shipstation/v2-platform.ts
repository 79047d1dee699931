import { ConnectorError } from '../../domain/errors.js';
import type { OutboundOrder } from '../../domain/outbound-order.js';
import type {
  OrderLookup,
  OrderUpdate,
  PushResult,
  ShippingOrderSnapshot,
  ShippingPlatform,
} from '../../engine/ports.js';
import type { V2Client } from './v2-client.js';
import type { V2Shipment } from './v2-schemas.js';
import { SAGE_HOLD_TAG, v2ShipmentBody, v2UpdateBody, v2WarehouseId } from './v2-shipment-body.js';

/**
 * The engine's ShippingPlatform over V2 (used with a V2 key alone, or when chosen): creates in bulk with
 * `POST /v2/shipments`, updates with partial `PUT`s, cancels with `PUT …/cancel`; a held Sage order already
 * sent is tagged (V2 has no hold status).
 */
export class V2ShippingPlatform implements ShippingPlatform {
  readonly api = 'v2' as const;
  private carriers: Promise<{ byCode: Map<string, string>; byId: Map<string, string> }> | undefined;

  constructor(private readonly client: V2Client) {}

  retryCount(): number {
    return this.client.stats.snapshot().retries;
  }

  warehouseIdFor(mapped: string): string {
    return v2WarehouseId(mapped);
  }

  /** carrier_code ↔ carrier_id, read once per process (carriers rarely change). */
  private carrierIds() {
    this.carriers ??= this.client.listCarriers().then(
      (list) => ({
        byCode: new Map(list.map((c) => [c.carrier_code, c.carrier_id])),
        byId: new Map(list.map((c) => [c.carrier_id, c.carrier_code])),
      }),
      (error: unknown) => {
        this.carriers = undefined;
        throw error;
      },
    );
    return this.carriers;
  }

  private async snapshot(s: V2Shipment): Promise<ShippingOrderSnapshot> {
    const { byId } = await this.carrierIds();
    const held = (s.tags ?? []).some((t) => t.name === SAGE_HOLD_TAG);
    const st = s.shipment_status;
    return {
      ssOrderId: s.shipment_id,
      orderKey: s.external_shipment_id ?? '',
      orderNumber: s.shipment_number ?? '',
      status: st === 'label_purchased' ? 'shipped' : st === 'cancelled' ? 'cancelled' : held ? 'on_hold' : 'open',
      carrierCode: s.carrier_id ? (byId.get(s.carrier_id) ?? null) : null,
      serviceCode: s.service_code ?? null,
      warehouseId: s.warehouse_id ?? null,
      items: (s.items ?? []).map((i) => {
        const r = i as Record<string, unknown>;
        return {
          lineKey: typeof r['external_order_item_id'] === 'string' ? (r['external_order_item_id'] as string) : null,
          sku: typeof r['sku'] === 'string' ? (r['sku'] as string) : null,
          quantity: Number(r['quantity'] ?? 0),
        };
      }),
      // V2 shows neither merges nor splits (V2 sheet: no mergedIds): the shipments flow records the excess.
      mergedInto: null,
      raw: s,
    };
  }

  async openSplitsOf(): Promise<number> {
    return 0;
  }

  /**
   * By external_shipment_id. Many keys (a batch whose answer was lost): one scan of the shipments created since
   * `createdSince` finds them in a page or two; whatever it misses (older ones) is looked up one by one.
   */
  async findOrders(lookups: readonly OrderLookup[], createdSince: Date): Promise<Map<string, ShippingOrderSnapshot>> {
    const out = new Map<string, ShippingOrderSnapshot>();
    const wanted = new Set(lookups.map((l) => l.orderKey));
    if (wanted.size > 3) {
      const list = this.client.listShipments(
        { createdFrom: createdSince, sort_by: 'created_at', sort_dir: 'desc' },
        { pageSize: 100, maxPages: 20 },
      );
      for await (const page of list.pages()) {
        for (const s of page.items) {
          const key = s.external_shipment_id ?? '';
          if (wanted.has(key) && !out.has(key)) out.set(key, await this.snapshot(s));
        }
        if (out.size === wanted.size) break;
      }
    }
    for (const key of wanted) {
      if (out.has(key)) continue;
      const s = await this.client.getShipmentByExternalId(key);
      if (s) out.set(key, await this.snapshot(s));
    }
    return out;
  }

  async *scanOrders(prefix: string, createdSince: Date): AsyncIterable<ShippingOrderSnapshot[]> {
    for await (const page of this.client
      .listShipments({ createdFrom: createdSince, sort_by: 'created_at', sort_dir: 'asc' }, { pageSize: 100 })
      .pages()) {
      const mine = page.items.filter((s) => (s.external_shipment_id ?? '').startsWith(prefix));
      yield await Promise.all(mine.map((s) => this.snapshot(s)));
    }
  }

  async getOrders(ids: readonly string[]): Promise<Map<string, ShippingOrderSnapshot>> {
    const out = new Map<string, ShippingOrderSnapshot>();
    for (const id of ids) {
      try {
        out.set(id, await this.snapshot(await this.client.getShipment(id)));
      } catch (error) {
        if (error instanceof ConnectorError && error.code === 'not_found') continue;
        throw error;
      }
    }
    return out;
  }

  async createOrders(orders: readonly OutboundOrder[]): Promise<PushResult[]> {
    if (orders.length === 0) return [];
    const { byCode } = await this.carrierIds();
    const results = await this.client.createShipments(
      orders.map((o) =>
        v2ShipmentBody(
          o,
          o.carrierCode ? (byCode.get(o.carrierCode) ?? null) : null,
          o.warehouseId ? v2WarehouseId(o.warehouseId) : null,
        ),
      ),
    );
    const tagsOf = new Map(orders.map((o) => [o.orderKey, o.tags ?? []]));
    const out: PushResult[] = [];
    for (const r of results) {
      if (!r.ok) {
        out.push(this.refused(r));
        continue;
      }
      try {
        // Tags are not part of a shipment's body (V2 sheet: "manage via tag endpoints").
        await this.addTags(r.shipmentId, tagsOf.get(r.externalShipmentId) ?? [], []);
        out.push({ orderKey: r.externalShipmentId, ok: true, ssOrderId: r.shipmentId });
      } catch (error) {
        out.push(failure(r.externalShipmentId, error));
      }
    }
    return out;
  }

  /** The field mapping's tags the shipment does not have yet (staff's own tags are never removed). */
  private async addTags(shipmentId: string, tags: readonly string[], has: readonly { name: string }[]): Promise<void> {
    for (const tag of tags) if (!has.some((t) => t.name === tag)) await this.client.addTag(shipmentId, tag);
  }

  private refused(r: Extract<Awaited<ReturnType<V2Client['createShipments']>>[number], { ok: false }>): PushResult {
    const error =
      r.error ??
      new ConnectorError('shipment_refused', r.errors.join('; ') || 'ShipStation did not accept the shipment', {
        context: { system: 'shipstation-v2' },
      });
    return { orderKey: r.externalShipmentId, ok: false, error, ...(r.duplicate ? { exists: true } : {}) };
  }

  async updateOrders(updates: readonly OrderUpdate[]): Promise<PushResult[]> {
    const { byCode } = await this.carrierIds();
    const out: PushResult[] = [];
    for (const u of updates) {
      const current = u.current.raw as V2Shipment;
      const carrierId = u.order.carrierCode ? (byCode.get(u.order.carrierCode) ?? null) : null;
      const body = v2UpdateBody(
        u.order,
        current,
        u.lastSent,
        carrierId,
        u.current.carrierCode,
        u.order.warehouseId ? v2WarehouseId(u.order.warehouseId) : null,
      );
      try {
        const updated = await this.client.updateShipment(current.shipment_id, body);
        const wantHold = u.order.status === 'on_hold';
        const hasHold = (updated.tags ?? current.tags ?? []).some((t) => t.name === SAGE_HOLD_TAG);
        if (wantHold !== hasHold) await this.setHoldTag(u.current, wantHold);
        await this.addTags(updated.shipment_id, u.order.tags ?? [], updated.tags ?? current.tags ?? []);
        out.push({ orderKey: u.order.orderKey, ok: true, ssOrderId: updated.shipment_id });
      } catch (error) {
        out.push(failure(u.order.orderKey, error));
      }
    }
    return out;
  }

  async cancelOrders(orders: readonly ShippingOrderSnapshot[]): Promise<PushResult[]> {
    const out: PushResult[] = [];
    for (const o of orders) {
      try {
        await this.client.cancelShipment(o.ssOrderId);
        out.push({ orderKey: o.orderKey, ok: true, ssOrderId: o.ssOrderId });
      } catch (error) {
        out.push(failure(o.orderKey, error));
      }
    }
    return out;
  }

  async setHoldTag(order: ShippingOrderSnapshot, held: boolean): Promise<void> {
    if (held) await this.client.addTag(order.ssOrderId, SAGE_HOLD_TAG);
    else await this.client.removeTag(order.ssOrderId, SAGE_HOLD_TAG);
  }
}

function failure(orderKey: string, error: unknown): PushResult {
  if (!(error instanceof ConnectorError)) throw error;
  // A shipment with a label (or cancelled) refuses updates: tell the engine it is locked, not broken.
  const locked = /label|purchased/i.test(error.message)
    ? 'shipped'
    : /cancel/i.test(error.message)
      ? 'cancelled'
      : undefined;
  return { orderKey, ok: false, error, ...(locked && !error.retryable ? { locked } : {}) };
}
