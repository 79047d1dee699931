import { Prng } from './prng.js';
import type {
  CarrierRecord,
  CustomerRecord,
  FulfillmentRecord,
  InventoryLocationRecord,
  InventoryRecord,
  InventoryWarehouseRecord,
  OrderRecord,
  ProductRecord,
  ShipmentRecord,
  StoreRecord,
  TagRecord,
  WarehouseRecord,
  WebhookRecord,
} from './records.js';

/** Where each kind of id starts: distinct ranges so an order id is never mistaken for a shipment id in a test. */
const ID_STARTS = {
  order: 200_000_001,
  orderItem: 300_000_001,
  customsItem: 350_000_001,
  shipment: 400_000_001,
  fulfillment: 500_000_001,
  batch: 600_000_001,
  warehouse: 700_001,
  product: 800_001,
  customer: 900_001,
  webhook: 10_001,
  tag: 1_001,
  carrier: 12_001,
  store: 310_002,
  inventoryWarehouse: 1_100_001,
  inventoryLocation: 1_200_001,
} as const;

export type IdKind = keyof typeof ID_STARTS;

function pushIndex<K>(index: Map<K, number[]>, key: K, id: number): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}

/**
 * One ShipStation account: both APIs read and write these maps. Maps keep insertion order, which is
 * ascending id order, so V1's default sort (ascending orderId) is a plain walk. Indexes cover the lookups
 * that must stay fast with 10,000 orders (orderKey, import batch, label batch, order → labels).
 */
export class AccountState {
  readonly orders = new Map<number, OrderRecord>();
  readonly orderIdByKey = new Map<string, number>();
  readonly ordersByImportBatch = new Map<string, number[]>();
  readonly shipments = new Map<number, ShipmentRecord>();
  readonly shipmentsByOrder = new Map<number, number[]>();
  readonly shipmentsByBatch = new Map<number, number[]>();
  readonly fulfillments = new Map<number, FulfillmentRecord>();
  readonly fulfillmentsByOrder = new Map<number, number[]>();
  readonly warehouses = new Map<number, WarehouseRecord>();
  readonly carriers = new Map<string, CarrierRecord>();
  readonly stores = new Map<number, StoreRecord>();
  readonly products = new Map<number, ProductRecord>();
  readonly productIdBySku = new Map<string, number>();
  readonly customers = new Map<number, CustomerRecord>();
  readonly customerIdByUsername = new Map<string, number>();
  readonly tags = new Map<number, TagRecord>();
  readonly webhooks = new Map<number, WebhookRecord>();
  readonly inventoryWarehouses = new Map<number, InventoryWarehouseRecord>();
  readonly inventoryLocations = new Map<number, InventoryLocationRecord>();
  readonly inventory = new Map<string, InventoryRecord>();
  /** Orders on hold with a release date, checked lazily before reads. */
  readonly heldOrders = new Set<number>();
  /** Bumped on every order change: caches (inventory allocation) key on it. */
  version = 0;
  readonly random: Prng;
  private readonly sequences: Record<IdKind, number> = { ...ID_STARTS };

  constructor(seed = 1) {
    this.random = new Prng(seed);
  }

  nextId(kind: IdKind): number {
    const id = this.sequences[kind];
    this.sequences[kind] = id + 1;
    return id;
  }

  /** Stores a new or changed order and keeps the indexes right. */
  putOrder(order: OrderRecord, previousKey?: string): void {
    if (previousKey !== undefined && previousKey !== order.orderKey) this.orderIdByKey.delete(previousKey);
    const previous = this.orders.get(order.orderId);
    this.orders.set(order.orderId, order);
    this.orderIdByKey.set(order.orderKey, order.orderId);
    // An order re-enters a batch when a later action notifies about it (awaiting_payment → paid): readers of
    // the batch index check `order.importBatch` so the old entry is harmless.
    if (previous?.importBatch !== order.importBatch)
      pushIndex(this.ordersByImportBatch, order.importBatch, order.orderId);
    if (order.orderStatus === 'on_hold' && order.holdUntilDate !== null) this.heldOrders.add(order.orderId);
    else this.heldOrders.delete(order.orderId);
    this.version++;
  }

  orderByKey(orderKey: string): OrderRecord | undefined {
    const id = this.orderIdByKey.get(orderKey);
    return id === undefined ? undefined : this.orders.get(id);
  }

  putShipment(shipment: ShipmentRecord): void {
    if (!this.shipments.has(shipment.shipmentId)) {
      pushIndex(this.shipmentsByOrder, shipment.orderId, shipment.shipmentId);
      pushIndex(this.shipmentsByBatch, shipment.batchId, shipment.shipmentId);
    }
    this.shipments.set(shipment.shipmentId, shipment);
    this.version++;
  }

  shipmentsOf(orderId: number): ShipmentRecord[] {
    return (this.shipmentsByOrder.get(orderId) ?? []).map((id) => this.shipments.get(id)!);
  }

  putFulfillment(fulfillment: FulfillmentRecord): void {
    if (!this.fulfillments.has(fulfillment.fulfillmentId)) {
      pushIndex(this.fulfillmentsByOrder, fulfillment.orderId, fulfillment.fulfillmentId);
    }
    this.fulfillments.set(fulfillment.fulfillmentId, fulfillment);
    this.version++;
  }

  defaultWarehouse(): WarehouseRecord | undefined {
    for (const w of this.warehouses.values()) if (w.isDefault && w.active) return w;
    for (const w of this.warehouses.values()) if (w.active) return w;
    return undefined;
  }

  /** "If not specified … ShipStation will default to the first manual store on the account" (V1 sheet §6.2). */
  defaultStore(): StoreRecord | undefined {
    for (const s of this.stores.values()) if (s.marketplaceId === 0 && s.active) return s;
    return this.stores.values().next().value;
  }

  serviceExists(carrierCode: string, serviceCode: string): boolean {
    return this.carriers.get(carrierCode)?.services.some((s) => s.code === serviceCode) ?? false;
  }

  /** A JSON-safe copy of everything (for `--state FILE`). */
  toJSON(): Record<string, unknown> {
    return {
      format: 'ml-connector/shipstation-sim-state@1',
      sequences: this.sequences,
      orders: [...this.orders.values()],
      shipments: [...this.shipments.values()],
      fulfillments: [...this.fulfillments.values()],
      warehouses: [...this.warehouses.values()],
      carriers: [...this.carriers.values()],
      stores: [...this.stores.values()],
      products: [...this.products.values()],
      customers: [...this.customers.values()],
      tags: [...this.tags.values()],
      webhooks: [...this.webhooks.values()],
      inventoryWarehouses: [...this.inventoryWarehouses.values()],
      inventoryLocations: [...this.inventoryLocations.values()],
      inventory: [...this.inventory.values()],
    };
  }

  /** Rebuilds an account from `toJSON()` output, indexes included. */
  static fromJSON(data: Record<string, unknown>, seed = 1): AccountState {
    if (data['format'] !== 'ml-connector/shipstation-sim-state@1') {
      throw new Error('not a ShipStation simulator state file (format mismatch)');
    }
    const state = new AccountState(seed);
    const list = <T>(key: string) => (Array.isArray(data[key]) ? (data[key] as T[]) : []);
    Object.assign(state.sequences, data['sequences']);
    for (const o of list<OrderRecord>('orders')) state.putOrder(o);
    for (const s of list<ShipmentRecord>('shipments')) state.putShipment(s);
    for (const f of list<FulfillmentRecord>('fulfillments')) state.putFulfillment(f);
    for (const w of list<WarehouseRecord>('warehouses')) state.warehouses.set(w.warehouseId, w);
    for (const c of list<CarrierRecord>('carriers')) state.carriers.set(c.code, c);
    for (const s of list<StoreRecord>('stores')) state.stores.set(s.storeId, s);
    for (const p of list<ProductRecord>('products')) {
      state.products.set(p.productId, p);
      state.productIdBySku.set(p.sku, p.productId);
    }
    for (const c of list<CustomerRecord>('customers')) {
      state.customers.set(c.customerId, c);
      state.customerIdByUsername.set(c.username, c.customerId);
    }
    for (const t of list<TagRecord>('tags')) state.tags.set(t.tagId, t);
    for (const w of list<WebhookRecord>('webhooks')) state.webhooks.set(w.id, w);
    for (const w of list<InventoryWarehouseRecord>('inventoryWarehouses')) state.inventoryWarehouses.set(w.id, w);
    for (const l of list<InventoryLocationRecord>('inventoryLocations')) state.inventoryLocations.set(l.id, l);
    for (const i of list<InventoryRecord>('inventory'))
      state.inventory.set(inventoryKey(i.sku, i.inventoryLocationId), i);
    return state;
  }
}

export function inventoryKey(sku: string, locationId: number): string {
  return `${sku}\u0000${locationId}`;
}
