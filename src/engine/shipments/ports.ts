import type { SageOrder } from '../../domain/sage.js';
import type { SageWriteBack } from '../../domain/sage-write-back.js';
import type { ShippedItem } from '../../domain/shipped-item.js';

/**
 * The shipments flow's ports (design rule 1): ShipStation's labels and fulfillments as the flow sees them,
 * whichever API they came through, and the one Sage write it makes.
 */

/** A label (V1 shipment) or a fulfillment (mark-as-shipped), in one shape for V1 and V2. */
export interface ObservedShipment {
  /** Canonical: `v1:shipment:<n>`, `v1:fulfillment:<n>` (V2 `se-<n>` ids are the same records), else `v2:…`. */
  sourceId: string;
  /** The API it was read through. */
  api: 'v1' | 'v2';
  kind: 'label' | 'fulfillment';
  /** The ShipStation order (V1 orderId / V2 shipment_id), in that API's form. */
  ssOrderId: string;
  /** V1 orderKey / V2 external_shipment_id of that order. */
  orderKey: string | null;
  orderNumber: string | null;
  voided: boolean;
  /** Master (first package) first; every package's number when the API shows them. */
  trackingNumbers: string[];
  /** Every package's tracking number is known (V1 shows a label's master number only). */
  trackingComplete: boolean;
  carrierCode: string | null;
  serviceCode: string | null;
  /** Calendar date `YYYY-MM-DD`. */
  shipDate: string | null;
  /** ISO UTC. */
  createdAt: string | null;
  /** null when not known yet: fulfillments ship the whole order; SHIP_NOTIFY pointers come without items. */
  items: ShippedItem[] | null;
}

/** A ShipStation order as the flow needs it to map a shipment back (split and merged orders). */
export interface ShippingOrderInfo {
  ssOrderId: string;
  orderKey: string | null;
  orderNumber: string | null;
  status: 'open' | 'on_hold' | 'shipped' | 'cancelled';
  /** The order this one was split from (V1 `advancedOptions.parentId`). */
  parentId: string | null;
  /** Orders merged into this one (V1 `advancedOptions.mergedIds`). */
  mergedIds: string[];
  items: ShippedItem[];
}

export interface PollWindow {
  from: Date;
  to: Date;
}

/** ShipStation, for the shipments flow. Implemented over the V1 and V2 clients (shipment-source.ts). */
export interface ShipmentSource {
  /** The API polled (V1 when V1 credentials exist, else V2). */
  readonly api: 'v1' | 'v2';
  /**
   * Labels created, labels voided and fulfillments made in the window, a page at a time (V1 windows are
   * Pacific wall-clock times: the client converts).
   */
  poll(window: PollWindow, signal?: AbortSignal): AsyncIterable<ObservedShipment[]>;
  /** Orders shipped (modified) in the window: the safety net for what the lists above missed. */
  shippedOrders(
    window: PollWindow,
    signal?: AbortSignal,
  ): AsyncIterable<{ ssOrderId: string; orderKey: string | null }[]>;
  /** Every label and fulfillment of one order. */
  shipmentsOfOrder(ssOrderId: string): Promise<ObservedShipment[]>;
  /**
   * A webhook's `resource_url`, fetched with the API's credentials only when the allow-list accepts it (a
   * refusal throws `resource_url_refused` before any request). Labels come with their items.
   */
  fetchResource(api: 'v1' | 'v2', resourceUrl: string, resourceType: string | null): Promise<ObservedShipment[]>;
  /** Reads one label or fulfillment again (its void status); null when it is gone. */
  refresh(shipment: ObservedShipment): Promise<ObservedShipment | null>;
  /**
   * Fills what the first sighting may lack, before the shipment is mapped back: its items (a fulfillment
   * ships its whole order; a V2 label's are its shipment's; SHIP_NOTIFY lists none), its order's key and
   * number, and every package's tracking number where the API shows them. null when it cannot be read.
   */
  complete(shipment: ObservedShipment): Promise<ObservedShipment | null>;
  /** One order (null when not found). */
  order(ssOrderId: string): Promise<ShippingOrderInfo | null>;
  /** ShipStation requests made so far (benchmarks). */
  requestCount(): number;
}

/** What a PATCH attempt came to. Anything else (timeouts, lost answers, 5xx) is thrown: the outcome is unknown. */
export type PatchOutcome =
  | { kind: 'applied' }
  /** 405 MethodNotAllowed: this Sage 300 does not accept order updates (2022 and earlier). */
  | { kind: 'not_allowed'; message: string }
  /** A definite refusal (400 RecordInvalid, 404, 409, 429): nothing was written. */
  | { kind: 'refused'; code: string; message: string };

/** The Sage 300 side of the write-back. */
export interface SageOrderWriter {
  readonly company: string;
  getOrder(uniquifier: string): Promise<SageOrder | null>;
  /** `PATCH OE/OEOrders(uniquifier)`: never retried (it ships quantity). */
  patchOrder(uniquifier: string, write: SageWriteBack): Promise<PatchOutcome>;
  /**
   * The request patchOrder sends for `write`, as Sage sees it: kept on the write intent, in the audit trail and
   * in dry runs, so a person sees exactly what Sage was (or would be) sent.
   */
  requestBody(write: SageWriteBack): Record<string, unknown>;
  /** A kept request read back into what it writes (intents of earlier passes and versions hold only it). */
  writeOfRequest(body: unknown): SageWriteBack;
  requestCount(): number;
}
