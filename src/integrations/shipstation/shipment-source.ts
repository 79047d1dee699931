import { ConnectorError } from '../../domain/errors.js';
import type { ObservedShipment, PollWindow, ShipmentSource, ShippingOrderInfo } from '../../engine/shipments/ports.js';
import type { CallOptions } from './api-transport.js';
import { withShipmentItems } from './resource-url.js';
import {
  fromV1Fulfillment,
  fromV1Shipment,
  fromV2Fulfillment,
  fromV2Label,
  v1OrderInfo,
  v2OrderInfo,
} from './shipment-observe.js';
import type { V1Client } from './v1-client.js';
import type { V2Client } from './v2-client.js';

/** V2 lists voided labels only by creation date: voids are looked for among labels this recent. */
const V2_VOID_LOOKBACK_MS = 14 * 86_400_000;
/** Reads that feed a waiting write-back rank with writes (webhook latency); polls stay polls. */
const NOW: CallOptions = { priority: 'write' };

/**
 * ShipStation for the shipments flow, over whichever clients the connection has. V1 and V2 are one account,
 * so one API is polled (V1 when its credentials exist: it also shows parents of split orders and merges) and
 * webhooks of both are read through their own client. V1 window bounds go as Pacific wall-clock times (the
 * V1 client converts).
 */
export class ShipStationShipmentSource implements ShipmentSource {
  readonly api: 'v1' | 'v2';

  constructor(
    private readonly v1: V1Client | null,
    private readonly v2: V2Client | null,
  ) {
    if (!v1 && !v2) throw new ConnectorError('shipstation_not_connected', 'No ShipStation credentials');
    this.api = v1 ? 'v1' : 'v2';
  }

  requestCount(): number {
    return (this.v1?.stats.snapshot().requests ?? 0) + (this.v2?.stats.snapshot().requests ?? 0);
  }

  async *poll(window: PollWindow, signal?: AbortSignal): AsyncIterable<ObservedShipment[]> {
    const options: CallOptions = signal ? { signal } : {};
    const { from, to } = window;
    if (this.v1) {
      // V1 shows a multi-package label's master number only; one V2 list of the window (100 labels a call)
      // gives every package's, instead of one V2 call per label later.
      const packages = await this.v2Packages(window, options);
      const withPackages = (s: Parameters<typeof fromV1Shipment>[0]) => {
        const o = fromV1Shipment(s);
        const all = packages?.get(o.sourceId);
        if (!packages) return { ...o, trackingComplete: true };
        return all
          ? {
              ...o,
              trackingNumbers: all.length >= o.trackingNumbers.length ? all : o.trackingNumbers,
              trackingComplete: true,
            }
          : o;
      };
      const items = { includeShipmentItems: true, sortBy: 'CreateDate' as const };
      for await (const p of this.v1.listShipments({ ...items, createdFrom: from, createdTo: to }, {}, options).pages())
        yield p.items.map(withPackages);
      // Voids fire no webhook and keep the label's createDate: look for them by void date.
      for await (const p of this.v1.listShipments({ ...items, voidedFrom: from, voidedTo: to }, {}, options).pages())
        yield p.items.map(withPackages);
      for await (const p of this.v1.listFulfillments({ createdFrom: from, createdTo: to }, {}, options).pages())
        yield p.items.map(fromV1Fulfillment);
      return;
    }
    const v2 = this.v2!;
    const asc = { sort_by: 'created_at' as const, sort_dir: 'asc' as const };
    for await (const p of v2.listLabels({ ...asc, createdFrom: from, createdTo: to }, {}, options).pages())
      yield p.items.map(fromV2Label);
    const recent = new Date(to.getTime() - V2_VOID_LOOKBACK_MS);
    for await (const p of v2
      .listLabels({ ...asc, label_status: 'voided', createdFrom: recent, createdTo: to }, {}, options)
      .pages())
      yield p.items.map(fromV2Label);
    for await (const p of v2
      .listFulfillments({ createdFrom: from, createdTo: to, sort_dir: 'asc' }, {}, options)
      .pages())
      yield p.items.map(fromV2Fulfillment);
  }

  /** Every package's tracking number of the labels of a window, by source id; null without a V2 key. */
  private async v2Packages(window: PollWindow, options: CallOptions): Promise<Map<string, string[]> | null> {
    if (!this.v2) return null;
    const out = new Map<string, string[]>();
    const filters = {
      createdFrom: window.from,
      createdTo: window.to,
      sort_by: 'created_at' as const,
      sort_dir: 'asc' as const,
    };
    for await (const p of this.v2.listLabels(filters, {}, options).pages()) {
      for (const l of p.items.map(fromV2Label)) out.set(l.sourceId, l.trackingNumbers);
    }
    return out;
  }

  async *shippedOrders(window: PollWindow, signal?: AbortSignal) {
    const options: CallOptions = signal ? { signal } : {};
    if (this.v1) {
      const filters = {
        orderStatus: 'shipped',
        modifiedFrom: window.from,
        modifiedTo: window.to,
        sortBy: 'ModifyDate' as const,
      };
      for await (const p of this.v1.listOrders(filters, {}, options).pages())
        yield p.items.map((o) => ({ ssOrderId: String(o.orderId), orderKey: o.orderKey || null }));
      return;
    }
    const filters = { shipment_status: 'label_purchased' as const, modifiedFrom: window.from, modifiedTo: window.to };
    for await (const p of this.v2!.listShipments(filters, {}, options).pages())
      yield p.items.map((s) => ({ ssOrderId: s.shipment_id, orderKey: s.external_shipment_id ?? null }));
  }

  async shipmentsOfOrder(ssOrderId: string): Promise<ObservedShipment[]> {
    const n = v1Id(ssOrderId);
    if (this.v1 && n !== null) {
      const labels = await this.v1.listShipments({ orderId: n, includeShipmentItems: true }, {}, NOW).toArray();
      const fulfillments = await this.v1.listFulfillments({ orderId: n }, {}, NOW).toArray();
      return [...labels.map(fromV1Shipment), ...fulfillments.map(fromV1Fulfillment)];
    }
    const v2 = this.need('v2');
    const id = v2Id(ssOrderId);
    const labels = await v2.listLabels({ shipment_id: id }, {}, NOW).toArray();
    const fulfillments = await v2.listFulfillments({ shipment_id: id }, {}, NOW).toArray();
    return [...labels.map(fromV2Label), ...fulfillments.map(fromV2Fulfillment)];
  }

  /**
   * A pointer's resource. V1 SHIP_NOTIFY URLs say `includeShipmentItems=False`; the same (allow-listed) URL is
   * read with `True` instead, so one request brings the items (two would spend V1's 40 a minute twice as
   * fast, and a burst of labels then waits for the next window). Orders and other resources are not
   * shipments: nothing is returned.
   */
  async fetchResource(api: 'v1' | 'v2', resourceUrl: string): Promise<ObservedShipment[]> {
    if (api === 'v1') {
      const found = await this.need('v1').fetchResource(withShipmentItems(resourceUrl), NOW);
      return [...found.shipments.map(fromV1Shipment), ...found.fulfillments.map(fromV1Fulfillment)];
    }
    const found = await this.need('v2').fetchResource(resourceUrl, NOW);
    return [...found.labels.map(fromV2Label), ...found.fulfillments.map(fromV2Fulfillment)];
  }

  async refresh(o: ObservedShipment): Promise<ObservedShipment | null> {
    const n = v1Id(o.sourceId.split(':').pop() ?? '');
    if (this.v1 && n !== null) {
      if (o.kind === 'label') {
        const [s] = await this.v1
          .listShipments({ shipmentId: n, includeShipmentItems: true }, { maxPages: 1 }, NOW)
          .toArray();
        return s ? fromV1Shipment(s) : null;
      }
      const [f] = await this.v1.listFulfillments({ fulfillmentId: n }, { maxPages: 1 }, NOW).toArray();
      return f ? fromV1Fulfillment(f) : null;
    }
    const v2 = this.need('v2');
    const id = v2Id(o.sourceId.split(':').pop() ?? '');
    if (o.kind === 'label') {
      try {
        return fromV2Label(await v2.getLabel(id, NOW));
      } catch (error) {
        if (error instanceof ConnectorError && error.code === 'not_found') return null;
        throw error;
      }
    }
    const [f] = await v2.listFulfillments({ fulfillment_id: id }, { maxPages: 1 }, NOW).toArray();
    return f ? fromV2Fulfillment(f) : null;
  }

  async complete(o: ObservedShipment): Promise<ObservedShipment | null> {
    let out = o;
    if (o.items === null || o.orderKey === null || o.orderNumber === null) {
      const order = await this.order(o.ssOrderId);
      if (!order) return null;
      // A label lists what it shipped; only a fulfillment (the whole order) or V2 (no label items) takes the order's.
      out = {
        ...out,
        items: out.items ?? order.items,
        orderKey: out.orderKey ?? order.orderKey,
        orderNumber: out.orderNumber ?? order.orderNumber,
      };
    }
    // V1 shows a multi-package label's master tracking number only; V2 lists every package.
    if (!o.trackingComplete && this.v2) {
      try {
        const label = fromV2Label(await this.v2.getLabel(v2Id(o.sourceId.split(':').pop() ?? ''), NOW));
        if (label.trackingNumbers.length > out.trackingNumbers.length)
          out = { ...out, trackingNumbers: label.trackingNumbers };
        out = { ...out, trackingComplete: true };
      } catch (error) {
        if (!(error instanceof ConnectorError) || error.retryable) throw error;
      }
    }
    return out;
  }

  async order(ssOrderId: string): Promise<ShippingOrderInfo | null> {
    try {
      const n = v1Id(ssOrderId);
      if (this.v1 && n !== null) return v1OrderInfo(await this.v1.getOrder(n, NOW));
      const v2 = this.need('v2');
      const s = await v2.getShipment(v2Id(ssOrderId), NOW);
      return v2OrderInfo(s, await this.v2Parent(s.shipment_number ?? null));
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /**
   * V2 shows no parent of a split order (V1's `parentId`). ShipStation numbers the parts `<n>-1` (the original,
   * keeping its external id) and `<n>-2`…: the parent of `<n>-k` (k ≥ 2) is the `<n>-1` that has an external id.
   */
  private async v2Parent(shipmentNumber: string | null): Promise<string | null> {
    const m = /^(.*)-(\d+)$/.exec(shipmentNumber ?? '');
    if (!m || Number(m[2]) < 2) return null;
    const list = await this.need('v2')
      .listShipments({ shipment_number: `${m[1]}-1` }, { maxPages: 1 }, NOW)
      .toArray();
    return list.find((s) => s.external_shipment_id)?.shipment_id ?? null;
  }

  private need(api: 'v1'): V1Client;
  private need(api: 'v2'): V2Client;
  private need(api: 'v1' | 'v2'): V1Client | V2Client {
    const client = api === 'v1' ? this.v1 : this.v2;
    if (!client) {
      throw new ConnectorError(
        'shipstation_api_not_connected',
        `A ShipStation ${api.toUpperCase()} webhook arrived but this connection has no ${api.toUpperCase()} credentials.`,
      );
    }
    return client;
  }
}

/** `123` and `se-123` are one record in both APIs; other V2 ids have no V1 form. */
function v1Id(id: string): number | null {
  const m = /^(?:se-)?(\d+)$/.exec(id);
  return m ? Number(m[1]) : null;
}

function v2Id(id: string): string {
  return /^\d+$/.test(id) ? `se-${id}` : id;
}
