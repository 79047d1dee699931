import type { AccountState } from '../account-state.js';
import { orderTotal } from '../order-writes.js';
import {
  formatV1DateTime as dt,
  formatV1Date,
  formatV1DateAsDateTime,
  formatV1DateTimeShort,
} from '../pacific-time.js';
import type {
  Address,
  FulfillmentRecord,
  OrderItem,
  OrderRecord,
  ShipmentRecord,
  StoreRecord,
  WarehouseRecord,
  Weight,
} from '../records.js';

/** V1 JSON of the account's records, field for field in the order the API returns them (V1 sheet §6.2, §13). */
export function addressToV1(a: Address): Record<string, unknown> {
  return {
    name: a.name,
    company: a.company,
    street1: a.street1,
    street2: a.street2,
    street3: a.street3,
    city: a.city,
    state: a.state,
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone,
    residential: a.residential,
    addressVerified: a.addressVerified,
  };
}

function itemToV1(i: OrderItem): Record<string, unknown> {
  return {
    orderItemId: i.orderItemId,
    lineItemKey: i.lineItemKey,
    sku: i.sku,
    name: i.name,
    imageUrl: i.imageUrl,
    weight: i.weight,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    taxAmount: i.taxAmount,
    shippingAmount: i.shippingAmount,
    warehouseLocation: i.warehouseLocation,
    options: i.options,
    productId: i.productId,
    fulfillmentSku: i.fulfillmentSku,
    adjustment: i.adjustment,
    upc: i.upc,
    createDate: formatV1DateTimeShort(i.createDate),
    modifyDate: formatV1DateTimeShort(i.modifyDate),
  };
}

export function orderToV1(o: OrderRecord): Record<string, unknown> {
  return {
    orderId: o.orderId,
    orderNumber: o.orderNumber,
    orderKey: o.orderKey,
    orderDate: dt(o.orderDate),
    createDate: dt(o.createDate),
    modifyDate: dt(o.modifyDate),
    paymentDate: dt(o.paymentDate),
    shipByDate: formatV1DateAsDateTime(o.shipByDate),
    orderStatus: o.orderStatus,
    customerId: o.customerId,
    customerUsername: o.customerUsername,
    customerEmail: o.customerEmail,
    billTo: addressToV1(o.billTo),
    shipTo: addressToV1(o.shipTo),
    items: o.items.map(itemToV1),
    orderTotal: orderTotal(o),
    amountPaid: o.amountPaid,
    taxAmount: o.taxAmount,
    shippingAmount: o.shippingAmount,
    customerNotes: o.customerNotes,
    internalNotes: o.internalNotes,
    gift: o.gift,
    giftMessage: o.giftMessage,
    paymentMethod: o.paymentMethod,
    requestedShippingService: o.requestedShippingService,
    carrierCode: o.carrierCode,
    serviceCode: o.serviceCode,
    packageCode: o.packageCode,
    confirmation: o.confirmation,
    shipDate: formatV1Date(o.shipDate),
    holdUntilDate: formatV1Date(o.holdUntilDate),
    weight: weightToV1(o.weight),
    dimensions: o.dimensions,
    insuranceOptions: o.insuranceOptions,
    internationalOptions: {
      ...o.internationalOptions,
      customsItems: o.internationalOptions.customsItems?.map(({ sku: _v2Only, ...c }) => c) ?? null,
    },
    advancedOptions: o.advancedOptions,
    tagIds: o.tagIds.length > 0 ? o.tagIds : null,
    userId: o.userId,
    externallyFulfilled: o.externallyFulfilled,
    externallyFulfilledBy: o.externallyFulfilledBy,
    externallyFulfilledById: null,
    externallyFulfilledByName: null,
  };
}

/** `WeightUnits` is the read-only numeric twin seen in captures (1 with ounces); 2/3 for pounds/grams are INFERRED. */
function weightToV1(w: Weight | null): Record<string, unknown> {
  const weight = w ?? { value: 0, units: 'ounces' };
  const code = { ounces: 1, pounds: 2, grams: 3 }[weight.units];
  return { value: weight.value, units: weight.units, WeightUnits: code };
}

export function shipmentToV1(
  state: AccountState,
  s: ShipmentRecord,
  includeItems: boolean,
  labelData: string | null = null,
): Record<string, unknown> {
  const order = state.orders.get(s.orderId);
  return {
    shipmentId: s.shipmentId,
    orderId: s.orderId,
    orderKey: order?.orderKey ?? null,
    userId: s.userId,
    customerEmail: order?.customerEmail ?? null,
    orderNumber: order?.orderNumber ?? null,
    createDate: dt(s.createDate),
    shipDate: s.shipDate,
    shipmentCost: s.shipmentCost,
    insuranceCost: s.insuranceCost,
    trackingNumber: s.trackingNumber,
    isReturnLabel: s.isReturnLabel,
    batchNumber: null,
    carrierCode: s.carrierCode,
    serviceCode: s.serviceCode,
    packageCode: s.packageCode,
    confirmation: s.confirmation,
    warehouseId: s.warehouseId,
    voided: s.voided,
    voidDate: dt(s.voidDate),
    marketplaceNotified: false,
    notifyErrorMessage: null,
    shipTo: addressToV1(s.shipTo),
    weight: weightToV1(s.weight),
    dimensions: s.dimensions,
    insuranceOptions: s.insuranceOptions,
    advancedOptions: {
      billToParty: order?.advancedOptions.billToParty ?? null,
      billToAccount: order?.advancedOptions.billToAccount ?? null,
      billToPostalCode: order?.advancedOptions.billToPostalCode ?? null,
      billToCountryCode: order?.advancedOptions.billToCountryCode ?? null,
      storeId: order?.advancedOptions.storeId ?? null,
    },
    shipmentItems: includeItems ? s.items.map(shipmentItemToV1) : null,
    labelData,
    formData: null,
  };
}

/** The OrderItem subset a shipment lists (captured: SC ShipmentSpec.scala). */
function shipmentItemToV1(i: OrderItem): Record<string, unknown> {
  return {
    orderItemId: i.orderItemId,
    lineItemKey: i.lineItemKey,
    sku: i.sku,
    name: i.name,
    imageUrl: i.imageUrl,
    weight: i.weight,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    warehouseLocation: i.warehouseLocation,
    options: i.options,
    productId: i.productId,
    fulfillmentSku: i.fulfillmentSku,
  };
}

export function fulfillmentToV1(state: AccountState, f: FulfillmentRecord): Record<string, unknown> {
  const order = state.orders.get(f.orderId);
  return {
    fulfillmentId: f.fulfillmentId,
    orderId: f.orderId,
    orderNumber: order?.orderNumber ?? null,
    userId: f.userId,
    customerEmail: order?.customerEmail ?? null,
    trackingNumber: f.trackingNumber,
    createDate: dt(f.createDate),
    shipDate: formatV1DateAsDateTime(f.shipDate),
    voidDate: dt(f.voidDate),
    deliveryDate: dt(f.deliveryDate),
    carrierCode: f.carrierCode,
    sellerFillProviderId: f.provider?.id ?? null,
    sellerFillProviderName: f.provider?.name ?? null,
    fulfillmentServiceCode: f.provider?.serviceCode ?? null,
    fulfillmentProviderCode: f.provider?.code ?? null,
    fulfillmentFee: f.provider?.fee ?? 0,
    voidRequested: false,
    voided: f.voided,
    marketplaceNotified: f.notifySalesChannel,
    notifyErrorMessage: null,
    shipTo: addressToV1(f.shipTo),
  };
}

export function warehouseToV1(w: WarehouseRecord): Record<string, unknown> {
  return {
    warehouseId: w.warehouseId,
    warehouseName: w.warehouseName,
    originAddress: addressToV1(w.originAddress),
    returnAddress: addressToV1(w.returnAddress),
    createDate: dt(w.createDate),
    isDefault: w.isDefault,
  };
}

export function storeToV1(s: StoreRecord): Record<string, unknown> {
  return {
    storeId: s.storeId,
    storeName: s.storeName,
    marketplaceId: s.marketplaceId,
    marketplaceName: s.marketplaceName,
    accountName: null,
    email: null,
    integrationUrl: null,
    active: s.active,
    companyName: '',
    phone: '',
    publicEmail: '',
    website: '',
    refreshDate: formatV1DateTimeShort(s.modifyDate),
    lastRefreshAttempt: formatV1DateTimeShort(s.modifyDate),
    createDate: formatV1DateTimeShort(s.createDate),
    modifyDate: formatV1DateTimeShort(s.modifyDate),
    autoRefresh: false,
  };
}
