import type { Clock } from '../domain/clock.js';
import type { Connection, ResolvedCustomsSettings } from '../domain/connection.js';
import type { ConnectorError } from '../domain/errors.js';
import type { ResolvedFieldMapping } from '../domain/field-mapping.js';
import type { Lease } from '../domain/lease.js';
import type { SentSnapshot } from '../domain/link.js';
import type { Logger } from '../domain/logger.js';
import type { OutboundOrder } from '../domain/outbound-order.js';
import type { SageCustomer, SageItem, SageLocation, SageOrder, SageShipVia, SageStockLevel } from '../domain/sage.js';
import type { EngineStore } from './store-port.js';

/**
 * The engine's ports (design rule 1): what the flows call, in domain types. Adapters for Sage 300 and
 * ShipStation implement them; the store is used through store-port.ts.
 */

/** Sage 300, as the flows need it. */
export interface OrderSource {
  readonly company: string;
  /** Orders with OrderUniquifier greater than `after` (all when null), ascending, a page at a time. */
  newOrders(after: string | null): AsyncIterable<SageOrder[]>;
  /** Orders not completed whose OrderDate is on or after `orderDateFrom` (YYYY-MM-DD; all open when null). */
  openOrders(orderDateFrom: string | null): AsyncIterable<SageOrder[]>;
  /** How many orders newOrders / openOrders would return (for progress and ETA; undefined when unknown). */
  countNewOrders(after: string | null): Promise<number | undefined>;
  countOpenOrders(orderDateFrom: string | null): Promise<number | undefined>;
  /** The highest OrderUniquifier in the company (null when there are no orders). */
  maxUniquifier(): Promise<string | null>;
  getOrder(uniquifier: string): Promise<SageOrder | null>;
  /** By OrderNumber (exact), for re-linking ShipStation orders whose key names the number. */
  getOrderByNumber(orderNumber: string): Promise<SageOrder | null>;
  getCustomers(numbers: readonly string[]): Promise<Map<string, SageCustomer>>;
  /** By unformatted item number. */
  getItems(unformatted: readonly string[]): Promise<Map<string, SageItem>>;
  locations(): Promise<SageLocation[]>;
  shipVias(): Promise<SageShipVia[]>;
  /** Sage requests made so far (for metrics and benchmarks). */
  requestCount(): number;
}

/** An order to find by key; its number narrows V1's search (V1 has no orderKey filter). */
export interface OrderLookup {
  orderKey: string;
  orderNumber: string;
}

/** A ShipStation order as found there (V1 order or V2 shipment). */
export interface ShippingOrderSnapshot {
  ssOrderId: string;
  orderKey: string;
  orderNumber: string;
  status: 'open' | 'on_hold' | 'shipped' | 'cancelled';
  carrierCode: string | null;
  serviceCode: string | null;
  warehouseId: string | null;
  items: { lineKey: string | null; sku: string | null; quantity: number }[];
  /** Cancelled because staff merged it into this ShipStation order (V1 shows the merge; V2 does not). */
  mergedInto: string | null;
  /** The adapter's own full record, kept so an update can send back what staff set. */
  raw: unknown;
}

export type PushResult =
  | { orderKey: string; ok: true; ssOrderId: string }
  | {
      orderKey: string;
      ok: false;
      error: ConnectorError;
      /** The key exists already (V2 duplicate external_shipment_id): re-link, don't create. */
      exists?: boolean;
      /** ShipStation refuses changes: the order is shipped or cancelled there. */
      locked?: 'shipped' | 'cancelled';
    };

export interface OrderUpdate {
  order: OutboundOrder;
  current: ShippingOrderSnapshot;
  /** What was sent last time for the fields staff may change. */
  lastSent: SentSnapshot;
}

/** ShipStation's order side, V1 or V2 behind one interface. */
export interface ShippingPlatform {
  readonly api: 'v1' | 'v2';
  /** Finds existing orders by key (re-linking after a lost database or a crash mid-push). */
  findOrders(lookups: readonly OrderLookup[], createdSince: Date): Promise<Map<string, ShippingOrderSnapshot>>;
  /** Every order whose key starts with `prefix` created since a date (the one-time re-link scan). */
  scanOrders(prefix: string, createdSince: Date): AsyncIterable<ShippingOrderSnapshot[]>;
  getOrders(ssOrderIds: readonly string[]): Promise<Map<string, ShippingOrderSnapshot>>;
  createOrders(orders: readonly OutboundOrder[]): Promise<PushResult[]>;
  /** Changes only the Sage-owned fields; keeps what warehouse staff set. */
  updateOrders(updates: readonly OrderUpdate[]): Promise<PushResult[]>;
  cancelOrders(orders: readonly ShippingOrderSnapshot[]): Promise<PushResult[]>;
  /**
   * Parts of a ShipStation order that staff split off and that are not shipped yet (ShipStation names them
   * `{orderNumber}-1`, `-2`): the goods in them are still to ship, so no follow-up may be sent for them.
   */
  openSplitsOf(order: { ssOrderId: string; orderNumber: string }): Promise<number>;
  /** V2 has no hold status: a held Sage order already sent is tagged instead. */
  setHoldTag(order: ShippingOrderSnapshot, held: boolean): Promise<void>;
  /** Translate a warehouse id from the mapping table to this API's form. */
  warehouseIdFor(mapped: string): string;
  /** Requests retried so far (429, 5xx, timeouts), so a push can say it needed retries. */
  retryCount(): number;
}

/** ShipStation reference data (warehouses, services, stores, V2 inventory locations). */
export interface ShippingReference {
  /** `country`: the warehouse's origin country (ISO alpha-2), where the API shows one (customs). */
  warehouses(): Promise<{ id: string; name: string; isDefault: boolean; country?: string | null }[]>;
  services(): Promise<{ carrierCode: string; serviceCode: string; name: string; carrierName: string }[]>;
  stores(): Promise<{ id: string; name: string }[]>;
  /** null when there is no V2 key or the Inventory add-on is missing. */
  inventoryLocations(): Promise<
    { inventoryWarehouseId: string; inventoryLocationId: string; warehouseName: string; name: string }[] | null
  >;
}

export type { EngineStore } from './store-port.js';

/** Resolved per-connection settings (connection settings over service defaults). */
export interface FlowSettings {
  timezone: string;
  lookbackDays: number;
  /** Go-live: open orders dated on or after this are sent on the first run (YYYY-MM-DD). */
  startDate: string | null;
  skuField: 'formatted' | 'unformatted';
  accountCurrency: string;
  freightCodes: readonly string[];
  filters: NonNullable<Connection['settings']['filters']>;
  inventoryQuantity: 'on_hand' | 'available';
  customs: ResolvedCustomsSettings;
  /** The field mapping with its defaults (docs/mapping.md, "Field mapping"). */
  fields: ResolvedFieldMapping;
}

export interface FlowProgress {
  phase: string;
  done: number;
  total?: number;
}

export interface FlowContext {
  connection: Connection;
  store: EngineStore;
  clock: Clock;
  logger: Logger;
  settings: FlowSettings;
  /** Held for the whole run; cursor writes are fenced with it. */
  lease: Lease | null;
  dryRun: boolean;
  signal: AbortSignal;
  onProgress?: (p: FlowProgress) => void;
}

export interface PlannedWrite {
  system: 'shipstation' | 'sage300';
  action: string;
  key: string;
  summary: string;
  body?: unknown;
}

export interface FlowOutcome {
  counts: Record<string, number>;
  /** Dry run: the writes that would have been made. */
  planned: PlannedWrite[];
  /** Set when the flow is off for this connection (it ran and could do nothing): the reason, for people. */
  off?: string;
}

export type { SageStockLevel };
