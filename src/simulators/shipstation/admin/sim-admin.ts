import type { HeldAnswers } from '../../held-answers.js';
import type { FaultKind } from '../faults.js';
import { pacificDate } from '../pacific-time.js';
import type { Dimensions, OrderRecord, WebhookRecord, Weight } from '../records.js';
import { addTrackingEvent, createLabel, markShipped, voidLabel } from '../shipping-actions.js';
import type { SimContext } from '../sim-context.js';
import { NotFound, RuleViolation } from '../sim-errors.js';
import {
  holdOrder,
  mergeOrders,
  restoreFromHold,
  type SplitLine,
  type StaffEdit,
  splitOrder,
  staffEdit,
} from '../staff-actions.js';
import type { StatsSnapshot } from '../stats.js';
import { fulfillmentToV1, orderToV1, shipmentToV1 } from '../v1/v1-views.js';
import { V1_EVENTS, V2_EVENTS } from '../webhook-events.js';
import type { DeliveryRecord } from '../webhook-sender.js';

export interface AdminLabelOptions {
  carrierCode?: string | undefined;
  serviceCode?: string | undefined;
  packages?: number | undefined;
  shipDate?: string | undefined;
  weight?: Weight | undefined;
  dimensions?: Dimensions | undefined;
}

export interface ForeignWebhook {
  api: 'v1' | 'v2';
  event: string;
  url: string;
  owner?: string | undefined;
  storeId?: number | null | undefined;
  name?: string | null | undefined;
}

/**
 * The `/_sim/` operations, callable in-process: warehouse staff at work (labels, splits, merges, holds, edits,
 * tracking, fulfilment-provider shipments), another app's webhook, faults, statistics and the delivery log.
 * Results are V1-shaped views (the richest), with the flags V1 does not show (`active`, `salesOrder`).
 */
export class SimAdmin {
  constructor(private readonly ctx: SimContext) {}

  private now(): number {
    return this.ctx.clock.now();
  }

  private order(orderId: number): OrderRecord {
    const order = this.ctx.state.orders.get(orderId);
    if (!order) throw new NotFound(`Order ${orderId} not found.`);
    return order;
  }

  private view(o: OrderRecord): Record<string, unknown> {
    return { ...orderToV1(o), active: o.active, salesOrder: o.salesOrder, importBatch: o.importBatch };
  }

  listOrders(): Record<string, unknown>[] {
    return [...this.ctx.state.orders.values()].map((o) => this.view(o));
  }

  getOrder(orderId: number): Record<string, unknown> {
    return this.view(this.order(orderId));
  }

  getOrderByKey(orderKey: string): Record<string, unknown> {
    const order = this.ctx.state.orderByKey(orderKey);
    if (!order) throw new NotFound(`No order with orderKey '${orderKey}'.`);
    return this.view(order);
  }

  listShipments(): Record<string, unknown>[] {
    return [...this.ctx.state.shipments.values()].map((s) => ({
      ...shipmentToV1(this.ctx.state, s, true),
      trackingNumbers: s.packages.map((p) => p.trackingNumber),
      batchId: s.batchId,
      trackingEvents: s.tracking,
    }));
  }

  listFulfillments(): Record<string, unknown>[] {
    return [...this.ctx.state.fulfillments.values()].map((f) => fulfillmentToV1(this.ctx.state, f));
  }

  /** A label made in the UI: SHIP_NOTIFY / label_created_v2 follow, as for API labels. */
  createLabel(orderId: number, options: AdminLabelOptions = {}): Record<string, unknown> {
    const shipment = createLabel(
      this.ctx.state,
      this.order(orderId),
      {
        carrierCode: options.carrierCode ?? null,
        serviceCode: options.serviceCode ?? null,
        packages: options.packages ?? 1,
        shipDate: options.shipDate ?? null,
        weight: options.weight ?? null,
        dimensions: options.dimensions ?? null,
      },
      this.now(),
    );
    this.ctx.events.labelsCreated(shipment.batchId);
    return {
      ...shipmentToV1(this.ctx.state, shipment, true),
      trackingNumbers: shipment.packages.map((p) => p.trackingNumber),
    };
  }

  /** Mark as shipped in the UI: a fulfillment, no webhook. */
  markShipped(
    orderId: number,
    options: {
      carrierCode?: string | undefined;
      trackingNumber?: string | undefined;
      shipDate?: string | undefined;
    } = {},
  ) {
    const f = markShipped(
      this.ctx.state,
      this.order(orderId),
      {
        carrierCode: options.carrierCode ?? null,
        trackingNumber: options.trackingNumber ?? null,
        shipDate: options.shipDate ?? pacificDate(this.now()),
      },
      this.now(),
    );
    return fulfillmentToV1(this.ctx.state, f);
  }

  /** A fulfilment provider shipped it: the one case that fires FULFILLMENT_SHIPPED / fulfillment_shipped_v2. */
  providerShip(
    orderId: number,
    options: {
      providerName?: string | undefined;
      providerCode?: string | undefined;
      carrierCode?: string | undefined;
      trackingNumber?: string | undefined;
    } = {},
  ) {
    const state = this.ctx.state;
    const f = markShipped(
      state,
      this.order(orderId),
      {
        carrierCode: options.carrierCode ?? 'FedEx',
        trackingNumber: options.trackingNumber ?? state.random.digits(12),
        provider: {
          id: 4001,
          name: options.providerName ?? 'Example Fulfillment Provider',
          code: options.providerCode ?? 'example_3pl',
          serviceCode: 'standard',
          fee: 4.5,
        },
      },
      this.now(),
    );
    this.ctx.events.providerShipped(f.fulfillmentId);
    return fulfillmentToV1(state, f);
  }

  splitOrder(orderId: number, lines: SplitLine[]) {
    const child = splitOrder(this.ctx.state, this.order(orderId), lines, this.now());
    return { original: this.getOrder(orderId), child: this.view(child) };
  }

  mergeOrders(orderIds: number[]) {
    return this.view(mergeOrders(this.ctx.state, orderIds, this.now()));
  }

  holdOrder(orderId: number, holdUntilDate: string | null) {
    return this.view(holdOrder(this.ctx.state, this.order(orderId), holdUntilDate, this.now()));
  }

  restoreOrder(orderId: number) {
    return this.view(restoreFromHold(this.ctx.state, this.order(orderId), this.now()));
  }

  editOrder(orderId: number, edit: StaffEdit) {
    return this.view(staffEdit(this.ctx.state, this.order(orderId), edit, this.now()));
  }

  voidLabel(shipmentId: number) {
    const shipment = this.ctx.state.shipments.get(shipmentId);
    if (!shipment) throw new NotFound(`Shipment ${shipmentId} not found.`);
    return voidLabel(this.ctx.state, shipment, this.now());
  }

  /** A carrier scan: `track_event_v2` follows with the tracking object inline. */
  addTrackingEvent(
    shipmentId: number,
    event: {
      statusCode: string;
      description?: string | undefined;
      occurredAt?: number | undefined;
      city?: string | undefined;
      state?: string | undefined;
      country?: string | undefined;
    },
  ) {
    const shipment = this.ctx.state.shipments.get(shipmentId);
    if (!shipment) throw new NotFound(`Shipment ${shipmentId} not found.`);
    const updated = addTrackingEvent(this.ctx.state, shipment, {
      occurredAt: event.occurredAt ?? this.now(),
      statusCode: event.statusCode,
      description: event.description ?? event.statusCode,
      city: event.city ?? null,
      state: event.state ?? null,
      country: event.country ?? 'US',
    });
    this.ctx.events.trackingAdded(shipmentId);
    return { shipmentId, trackingEvents: updated.tracking };
  }

  /** Another app's subscription: listed by both APIs (and blocking V2's event), never delivered to. */
  createForeignWebhook(input: ForeignWebhook): WebhookRecord {
    const events: readonly string[] = input.api === 'v1' ? V1_EVENTS : V2_EVENTS;
    if (!events.includes(input.event)) throw new RuleViolation(`Unknown ${input.api} event '${input.event}'.`);
    const id = this.ctx.state.nextId('webhook');
    const record: WebhookRecord = {
      api: input.api,
      id,
      event: input.event,
      url: input.url,
      name: input.name ?? 'Another app',
      storeId: input.storeId ?? null,
      headers: [],
      owner: input.owner ?? 'other-app',
      active: true,
    };
    this.ctx.state.webhooks.set(id, record);
    return record;
  }

  listWebhooks(): WebhookRecord[] {
    return [...this.ctx.state.webhooks.values()];
  }

  deliveries(): DeliveryRecord[] {
    return this.ctx.sender.deliveries();
  }

  /** Resolves when every queued webhook delivery has been delivered, dropped or given up. */
  webhooksIdle(): Promise<void> {
    return this.ctx.sender.idle();
  }

  setFaults(input: unknown): Record<string, unknown> {
    this.ctx.faults.set(input, this.now());
    return this.ctx.faults.snapshot();
  }

  /** Answers kept back by the holdAnswers fault: wait for one to arrive, list them, release them. */
  heldAnswers(): HeldAnswers {
    return this.ctx.faults.held;
  }

  clearFaults(kind?: FaultKind): Record<string, unknown> {
    this.ctx.faults.clear(kind);
    return this.ctx.faults.snapshot();
  }

  faults(): Record<string, unknown> {
    return this.ctx.faults.snapshot();
  }

  stats(): StatsSnapshot {
    return this.ctx.stats.snapshot();
  }

  resetStats(): void {
    this.ctx.stats.reset();
  }

  /** Forgets every rate-limit window (a test starting clean without waiting out the last one). */
  resetRateLimits(): void {
    this.ctx.limits.v1.reset();
    this.ctx.limits.v2.reset();
  }
}
