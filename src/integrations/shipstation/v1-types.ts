/**
 * What the engine sends to V1 and how it filters. Request shapes are V1's own camelCase (sheet §6.2,
 * example §13.1), so the mapping layer writes them field by field and this client sends them unchanged.
 * Filter dates are UTC `Date`s: the client turns them into Pacific wall-clock strings.
 */
export interface V1AddressInput {
  name: string | null;
  company?: string | null;
  street1: string | null;
  street2?: string | null;
  street3?: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  phone?: string | null;
  residential?: boolean | null;
}

export interface V1OrderItemInput {
  lineItemKey?: string | null;
  sku?: string | null;
  name: string;
  imageUrl?: string | null;
  weight?: { value: number; units: 'pounds' | 'ounces' | 'grams' } | null;
  quantity: number;
  unitPrice?: number | null;
  taxAmount?: number | null;
  shippingAmount?: number | null;
  warehouseLocation?: string | null;
  options?: { name: string; value: string }[];
  productId?: number | null;
  fulfillmentSku?: string | null;
  adjustment?: boolean;
  upc?: string | null;
  [field: string]: unknown;
}

/**
 * One order for `createorder`/`createorders`. `orderKey` is required here although V1 makes it optional:
 * without it V1 generates one and every retry makes a duplicate (sheet §12.1). Full replace: send every
 * field you want kept (read the order first when warehouse staff own some of them).
 */
/** V1 CustomsItem (docs.shipstation.com, V1 "Customs Item Model"): `value` is "(in USD) of the line item". */
export interface V1CustomsItemInput {
  /** Read-only; sent back on an update so ShipStation updates that line instead of adding one. */
  customsItemId?: number | string;
  description: string;
  quantity: number;
  value: number;
  harmonizedTariffCode: string;
  countryOfOrigin: string;
}

export interface V1InternationalOptionsInput {
  contents: string | null;
  nonDelivery: string | null;
  customsItems: V1CustomsItemInput[] | null;
}

export interface V1OrderInput {
  orderKey: string;
  orderNumber: string;
  /** Set when updating an order whose id is known ("helps prevent duplicate order records", sheet §6.3). */
  orderId?: number;
  /** Pacific wall-clock time, e.g. from formatPacificTimestamp. */
  orderDate: string;
  paymentDate?: string | null;
  shipByDate?: string | null;
  orderStatus: 'awaiting_payment' | 'awaiting_shipment' | 'pending_fulfillment' | 'on_hold' | 'cancelled' | 'shipped';
  customerUsername?: string | null;
  customerEmail?: string | null;
  billTo: V1AddressInput;
  shipTo: V1AddressInput;
  items: V1OrderItemInput[];
  amountPaid?: number | null;
  taxAmount?: number | null;
  shippingAmount?: number | null;
  customerNotes?: string | null;
  internalNotes?: string | null;
  requestedShippingService?: string | null;
  carrierCode?: string | null;
  serviceCode?: string | null;
  packageCode?: string | null;
  confirmation?: string | null;
  shipDate?: string | null;
  holdUntilDate?: string | null;
  weight?: { value: number; units: 'pounds' | 'ounces' | 'grams' } | null;
  dimensions?: { units: 'inches' | 'centimeters'; length: number; width: number; height: number } | null;
  internationalOptions?: V1InternationalOptionsInput | null;
  advancedOptions?: {
    warehouseId?: number | null;
    storeId?: number | null;
    customField1?: string | null;
    customField2?: string | null;
    customField3?: string | null;
    source?: string | null;
    [field: string]: unknown;
  };
  tagIds?: number[] | null;
  [field: string]: unknown;
}

/** Per-order outcome of createOrders; `error` is set when the whole call for its batch failed. */
export interface V1CreateOrderResult {
  orderKey: string;
  orderNumber: string;
  success: boolean;
  orderId: number | null;
  errorMessage: string | null;
  error?: import('../../domain/errors.js').ConnectorError;
}

export interface V1OrderFilters {
  orderStatus?: string;
  /** V1 matches this as a PREFIX ("starts with"): never use it to identify an order. */
  orderNumberPrefix?: string;
  customerName?: string;
  itemKeyword?: string;
  storeId?: number;
  createdFrom?: Date;
  createdTo?: Date;
  modifiedFrom?: Date;
  modifiedTo?: Date;
  orderDateFrom?: Date;
  orderDateTo?: Date;
  paymentDateFrom?: Date;
  paymentDateTo?: Date;
  sortBy?: 'OrderDate' | 'ModifyDate' | 'CreateDate';
  sortDir?: 'ASC' | 'DESC';
}

export interface V1ShipmentFilters {
  orderId?: number;
  orderNumber?: string;
  shipmentId?: number;
  trackingNumber?: string;
  carrierCode?: string;
  serviceCode?: string;
  recipientName?: string;
  recipientCountryCode?: string;
  storeId?: number;
  batchId?: number;
  createdFrom?: Date;
  createdTo?: Date;
  /** Ship dates are calendar dates: the Pacific date of these instants is sent. */
  shipDateFrom?: Date;
  shipDateTo?: Date;
  voidedFrom?: Date;
  voidedTo?: Date;
  includeShipmentItems?: boolean;
  sortBy?: 'ShipDate' | 'CreateDate';
  sortDir?: 'ASC' | 'DESC';
}

export interface V1FulfillmentFilters {
  fulfillmentId?: number;
  orderId?: number;
  orderNumber?: string;
  trackingNumber?: string;
  recipientName?: string;
  createdFrom?: Date;
  createdTo?: Date;
  shipDateFrom?: Date;
  shipDateTo?: Date;
  sortBy?: 'ShipDate' | 'CreateDate';
  sortDir?: 'ASC' | 'DESC';
}

export interface V1ProductFilters {
  sku?: string;
  name?: string;
  showInactive?: boolean;
  sortBy?: 'SKU' | 'ModifyDate' | 'CreateDate';
  sortDir?: 'ASC' | 'DESC';
}

export interface V1MarkShippedInput {
  orderId: number;
  carrierCode: string;
  /** The ship date (a calendar date, `YYYY-MM-DD`). */
  shipDate?: string;
  trackingNumber?: string;
  notifyCustomer?: boolean;
  notifySalesChannel?: boolean;
}

export interface V1CreateLabelInput {
  orderId: number;
  carrierCode: string;
  serviceCode: string;
  packageCode?: string;
  confirmation?: string | null;
  shipDate: string;
  weight?: { value: number; units: 'pounds' | 'ounces' | 'grams' };
  testLabel?: boolean;
  [field: string]: unknown;
}

export type V1WebhookEvent =
  | 'ORDER_NOTIFY'
  | 'ITEM_ORDER_NOTIFY'
  | 'SHIP_NOTIFY'
  | 'ITEM_SHIP_NOTIFY'
  | 'FULFILLMENT_SHIPPED'
  | 'FULFILLMENT_REJECTED';
