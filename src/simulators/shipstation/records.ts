/**
 * The account's records, one shape behind both APIs (V1 order ↔ V2 shipment, V1 shipment ↔ V2 label).
 * Kept close to V1's model, which has the most fields; V2-only fields live in `v2`. Instants are epoch ms,
 * calendar dates are `yyyy-MM-dd` strings, so each API formats them its own way at the edge.
 */
export type OrderStatus =
  | 'awaiting_payment'
  | 'awaiting_shipment'
  | 'pending_fulfillment'
  | 'shipped'
  | 'on_hold'
  | 'cancelled'
  | 'rejected_fulfillment';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'awaiting_payment',
  'awaiting_shipment',
  'pending_fulfillment',
  'shipped',
  'on_hold',
  'cancelled',
  'rejected_fulfillment',
];

/** Statuses createorder may still change (shipstation-v1.md §6.3; createorders adds pending_fulfillment). */
export const OPEN_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'awaiting_payment',
  'awaiting_shipment',
  'pending_fulfillment',
  'on_hold',
]);

export interface Address {
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  street3: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  residential: boolean | null;
  addressVerified: string | null;
}

export interface Weight {
  value: number;
  units: 'pounds' | 'ounces' | 'grams';
}

export interface Dimensions {
  units: 'inches' | 'centimeters';
  length: number;
  width: number;
  height: number;
}

export interface ItemOption {
  name: string;
  value: string;
}

export interface OrderItem {
  orderItemId: number;
  lineItemKey: string | null;
  sku: string | null;
  name: string | null;
  imageUrl: string | null;
  weight: Weight | null;
  quantity: number;
  unitPrice: number | null;
  taxAmount: number | null;
  shippingAmount: number | null;
  warehouseLocation: string | null;
  options: ItemOption[];
  productId: number | null;
  fulfillmentSku: string | null;
  adjustment: boolean;
  upc: string | null;
  createDate: number;
  modifyDate: number;
}

export interface AdvancedOptions {
  warehouseId: number | null;
  nonMachinable: boolean;
  saturdayDelivery: boolean;
  containsAlcohol: boolean;
  mergedOrSplit: boolean;
  mergedIds: number[];
  parentId: number | null;
  storeId: number;
  customField1: string | null;
  customField2: string | null;
  customField3: string | null;
  source: string | null;
  billToParty: string | null;
  billToAccount: string | null;
  billToPostalCode: string | null;
  billToCountryCode: string | null;
  billToMyOtherAccount: string | null;
}

export interface InsuranceOptions {
  provider: string | null;
  insureShipment: boolean;
  insuredValue: number;
}

/** One customs line: V1 `customsItems[]`, V2 `packages[].products[]` (one declaration per order). */
export interface CustomsItem {
  /** Assigned by the account (null only in an input); a body that sends it back updates that line. */
  customsItemId: number | null;
  description: string | null;
  quantity: number;
  /** Per unit (INFERRED for V1, "The declared value of each item" in V2), in the order's currency. */
  value: number | null;
  harmonizedTariffCode: string | null;
  countryOfOrigin: string | null;
  /** V2 products carry a SKU; V1 customs items do not show it. */
  sku: string | null;
}

export interface InternationalOptions {
  contents: string | null;
  customsItems: CustomsItem[] | null;
  nonDelivery: string | null;
}

/** Fields only V2 can set; V1 neither shows nor clears them. */
export interface V2Extras {
  currency: string;
  shipFrom: unknown | null;
  returnTo: unknown | null;
  isReturn: boolean;
  externalOrderId: string | null;
  /** V2 package list as sent (beyond the first package that V1 sees as weight/dimensions). */
  packages: unknown[] | null;
}

export interface OrderRecord {
  orderId: number;
  orderNumber: string;
  orderKey: string;
  orderDate: number | null;
  createDate: number;
  modifyDate: number;
  paymentDate: number | null;
  shipByDate: string | null;
  orderStatus: OrderStatus;
  customerId: number | null;
  customerUsername: string | null;
  customerEmail: string | null;
  billTo: Address;
  shipTo: Address;
  items: OrderItem[];
  amountPaid: number | null;
  taxAmount: number | null;
  shippingAmount: number | null;
  customerNotes: string | null;
  internalNotes: string | null;
  gift: boolean;
  giftMessage: string | null;
  paymentMethod: string | null;
  requestedShippingService: string | null;
  carrierCode: string | null;
  serviceCode: string | null;
  packageCode: string | null;
  confirmation: string | null;
  shipDate: string | null;
  holdUntilDate: string | null;
  weight: Weight | null;
  dimensions: Dimensions | null;
  insuranceOptions: InsuranceOptions;
  internationalOptions: InternationalOptions;
  advancedOptions: AdvancedOptions;
  tagIds: number[];
  userId: string | null;
  externallyFulfilled: boolean;
  externallyFulfilledBy: string | null;
  /** False after DELETE /orders/{id} (a soft delete: "set to inactive"). */
  active: boolean;
  /** False for a V2 shipment created without `create_sales_order`: V1 does not see it. */
  salesOrder: boolean;
  /** The import action that created it (V1 `importBatch`, V2 `import_batch_id`). */
  importBatch: string;
  v2: V2Extras;
}

export interface ShipmentPackage {
  trackingNumber: string;
  weight: Weight | null;
  dimensions: Dimensions | null;
}

export interface TrackingEvent {
  occurredAt: number;
  statusCode: string;
  description: string;
  city: string | null;
  state: string | null;
  country: string | null;
}

/** A label: V1 shipment, V2 label (`label_id` = `se-` + shipmentId). */
export interface ShipmentRecord {
  shipmentId: number;
  orderId: number;
  createDate: number;
  shipDate: string;
  shipmentCost: number;
  insuranceCost: number;
  trackingNumber: string;
  packages: ShipmentPackage[];
  isReturnLabel: boolean;
  batchId: number;
  carrierCode: string;
  serviceCode: string;
  packageCode: string;
  confirmation: string | null;
  warehouseId: number | null;
  voided: boolean;
  voidDate: number | null;
  shipTo: Address;
  weight: Weight | null;
  dimensions: Dimensions | null;
  insuranceOptions: InsuranceOptions;
  /** Snapshot of what the label ships (V1 `shipmentItems`). */
  items: OrderItem[];
  userId: string | null;
  tracking: TrackingEvent[];
}

export interface FulfillmentRecord {
  fulfillmentId: number;
  orderId: number;
  trackingNumber: string | null;
  createDate: number;
  shipDate: string;
  voidDate: number | null;
  deliveryDate: number | null;
  carrierCode: string | null;
  /** Set for shipments made by a fulfilment provider (the only ones that fire FULFILLMENT_SHIPPED). */
  provider: { id: number; name: string; code: string; serviceCode: string | null; fee: number } | null;
  voided: boolean;
  notifyCustomer: boolean;
  notifySalesChannel: boolean;
  shipTo: Address;
  userId: string | null;
}

export interface WarehouseRecord {
  warehouseId: number;
  warehouseName: string;
  originAddress: Address;
  returnAddress: Address;
  createDate: number;
  isDefault: boolean;
  active: boolean;
}

export interface CarrierRecord {
  shippingProviderId: number;
  code: string;
  name: string;
  accountNumber: string;
  balance: number;
  primary: boolean;
  services: { code: string; name: string; domestic: boolean; international: boolean }[];
  packages: { code: string; name: string; domestic: boolean; international: boolean }[];
}

export interface StoreRecord {
  storeId: number;
  storeName: string;
  marketplaceId: number;
  marketplaceName: string;
  active: boolean;
  createDate: number;
  modifyDate: number;
}

export interface ProductRecord {
  productId: number;
  sku: string;
  /** Every other V1 product field, as last written (PUT is a full replace). */
  fields: Record<string, unknown>;
  active: boolean;
  createDate: number;
  modifyDate: number;
}

export interface CustomerRecord {
  customerId: number;
  username: string;
  name: string | null;
  company: string | null;
  address: Address;
  email: string | null;
  createDate: number;
  modifyDate: number;
}

export interface TagRecord {
  tagId: number;
  name: string;
  color: string;
}

export type WebhookApi = 'v1' | 'v2';

export interface WebhookRecord {
  api: WebhookApi;
  id: number;
  event: string;
  url: string;
  name: string | null;
  storeId: number | null;
  headers: { key: string; value: string }[];
  /** `connector` for subscriptions made through the API; anything else marks another app's (admin-made). */
  owner: string;
  active: boolean;
}

export interface InventoryWarehouseRecord {
  id: number;
  name: string;
  /** The shipping warehouse whose open orders allocate this stock (matched by name in the demo seed). */
  warehouseId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryLocationRecord {
  id: number;
  name: string;
  inventoryWarehouseId: number;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryRecord {
  sku: string;
  inventoryLocationId: number;
  onHand: number;
  averageCost: number | null;
  condition: string;
}
