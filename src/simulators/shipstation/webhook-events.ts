import type { AccountState } from './account-state.js';
import type { WebhookRecord } from './records.js';
import { seId } from './v2/v2-convert.js';
import { trackingInfo } from './v2/v2-views.js';
import type { WebhookSender } from './webhook-sender.js';

export const V1_EVENTS = [
  'ORDER_NOTIFY',
  'ITEM_ORDER_NOTIFY',
  'SHIP_NOTIFY',
  'ITEM_SHIP_NOTIFY',
  'FULFILLMENT_SHIPPED',
  'FULFILLMENT_REJECTED',
] as const;

export const V2_EVENTS = [
  'batch',
  'carrier_connected',
  'order_source_refresh_complete',
  'rate',
  'report_complete',
  'sales_orders_imported',
  'track',
  'batch_processed_v2',
  'fulfillment_rejected_v2',
  'fulfillment_shipped_v2',
  'label_created_v2',
  'shipment_created_v2',
  'track_event_v2',
] as const;

/**
 * Turns what happened in the account into pointer payloads for every matching subscription. Payloads point back
 * at this simulator (`origin`), so a receiver fetches them with the account's own credentials, and are read live
 * when fetched, as the real ones are.
 */
export class WebhookEvents {
  constructor(
    private readonly state: AccountState,
    private readonly sender: WebhookSender,
    private readonly origin: () => string,
  ) {}

  /**
   * Orders created by one import action (one createorder/createorders call, one V2 bulk create): one ORDER_NOTIFY
   * payload for all of them ("All orders created at the same time will be included in a single webhook payload").
   * `notifyIds` are the orders that qualify for ORDER_NOTIFY (created in a status other than awaiting_payment, or
   * moved out of awaiting_payment); `createdIds` the new ones, for shipment_created_v2.
   */
  ordersImported(importBatch: string, notifyIds: number[], createdIds: number[]): void {
    const salesOrders = notifyIds.map((id) => this.state.orders.get(id)!).filter((o) => o.salesOrder);
    const orders = createdIds.map((id) => this.state.orders.get(id)!);
    for (const hook of this.hooks('v1', ['ORDER_NOTIFY', 'ITEM_ORDER_NOTIFY'])) {
      if (!salesOrders.some((o) => hook.storeId === null || o.advancedOptions.storeId === hook.storeId)) continue;
      const store = hook.storeId === null ? '' : `storeID=${hook.storeId}&`;
      this.send('v1', hook, `${this.origin()}/orders?${store}importBatch=${importBatch}`);
    }
    for (const hook of this.hooks('v2', ['shipment_created_v2'])) {
      if (!orders.some((o) => hook.storeId === null || o.advancedOptions.storeId === hook.storeId)) continue;
      this.send('v2', hook, `${this.origin()}/v2/shipments?import_batch_id=${importBatch}`);
    }
  }

  /** Labels bought together (one batch): SHIP_NOTIFY / ITEM_SHIP_NOTIFY and label_created_v2. */
  labelsCreated(batchId: number): void {
    const shipments = (this.state.shipmentsByBatch.get(batchId) ?? []).map((id) => this.state.shipments.get(id)!);
    const storeIds = new Set(shipments.map((s) => this.state.orders.get(s.orderId)?.advancedOptions.storeId));
    const v1Visible = shipments.some((s) => this.state.orders.get(s.orderId)?.salesOrder);
    for (const hook of this.hooks('v1', ['SHIP_NOTIFY', 'ITEM_SHIP_NOTIFY'])) {
      if (!v1Visible || (hook.storeId !== null && !storeIds.has(hook.storeId))) continue;
      const store = hook.storeId === null ? '' : `storeID=${hook.storeId}&`;
      const items = hook.event === 'ITEM_SHIP_NOTIFY' ? 'True' : 'False';
      this.send('v1', hook, `${this.origin()}/shipments?${store}batchId=${batchId}&includeShipmentItems=${items}`);
    }
    for (const hook of this.hooks('v2', ['label_created_v2'])) {
      if (hook.storeId !== null && !storeIds.has(hook.storeId)) continue;
      this.send('v2', hook, `${this.origin()}/v2/labels?batch_id=${seId(batchId)}`);
    }
  }

  /** Only shipments made by a fulfilment provider fire these (mark-as-shipped fires nothing). */
  providerShipped(fulfillmentId: number): void {
    const fulfillment = this.state.fulfillments.get(fulfillmentId);
    if (!fulfillment) return;
    const storeId = this.state.orders.get(fulfillment.orderId)?.advancedOptions.storeId;
    for (const hook of this.hooks('v1', ['FULFILLMENT_SHIPPED'])) {
      if (hook.storeId !== null && hook.storeId !== storeId) continue;
      this.send('v1', hook, `${this.origin()}/fulfillments?fulfillmentId=${fulfillmentId}`);
    }
    for (const hook of this.hooks('v2', ['fulfillment_shipped_v2'])) {
      if (hook.storeId !== null && hook.storeId !== storeId) continue;
      const query = `fulfillment_id=${seId(fulfillmentId)}&shipment_id=${seId(fulfillment.orderId)}`;
      this.send('v2', hook, `${this.origin()}/v2/fulfillments?${query}`);
    }
  }

  /** track_event_v2 carries the tracking object inline in `data` besides the pointer (V2 sheet §6.3). */
  trackingAdded(shipmentId: number): void {
    const shipment = this.state.shipments.get(shipmentId);
    if (!shipment) return;
    for (const hook of this.hooks('v2', ['track_event_v2'])) {
      this.send('v2', hook, `${this.origin()}/v2/labels/${seId(shipmentId)}/track`, {
        data: trackingInfo(this.state, shipment),
      });
    }
  }

  private hooks(api: 'v1' | 'v2', events: string[]): WebhookRecord[] {
    return [...this.state.webhooks.values()].filter((h) => h.api === api && h.active && events.includes(h.event));
  }

  private send(api: 'v1' | 'v2', hook: WebhookRecord, resourceUrl: string, extra: Record<string, unknown> = {}): void {
    const resourceType = api === 'v1' ? hook.event : hook.event.toUpperCase();
    this.sender.enqueue(api, hook, { resource_url: resourceUrl, resource_type: resourceType, ...extra });
  }
}
