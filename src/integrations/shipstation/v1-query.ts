import { formatPacificBound, formatPacificDate } from './pacific-time.js';
import type { V1FulfillmentFilters, V1OrderFilters, V1ProductFilters, V1ShipmentFilters } from './v1-types.js';

/**
 * Filters → V1 query parameters. Instants become Pacific wall-clock `YYYY-MM-DD HH:mm:ss` (V1 reads
 * filters as Pacific, sheet §4), widened where the repeated hour makes them ambiguous (formatPacificBound);
 * ship dates are calendar dates and go as the Pacific date.
 */
type Query = Record<string, string | undefined>;

const from = (d: Date | undefined) => (d ? formatPacificBound(d, 'start') : undefined);
const to = (d: Date | undefined) => (d ? formatPacificBound(d, 'end') : undefined);
const day = (d: Date | undefined) => (d ? formatPacificDate(d) : undefined);
const text = (v: string | number | boolean | undefined) => (v === undefined ? undefined : String(v));

export function orderQuery(f: V1OrderFilters): Query {
  return {
    orderStatus: f.orderStatus,
    orderNumber: f.orderNumberPrefix,
    customerName: f.customerName,
    itemKeyword: f.itemKeyword,
    storeId: text(f.storeId),
    createDateStart: from(f.createdFrom),
    createDateEnd: to(f.createdTo),
    modifyDateStart: from(f.modifiedFrom),
    modifyDateEnd: to(f.modifiedTo),
    orderDateStart: from(f.orderDateFrom),
    orderDateEnd: to(f.orderDateTo),
    paymentDateStart: from(f.paymentDateFrom),
    paymentDateEnd: to(f.paymentDateTo),
    sortBy: f.sortBy,
    sortDir: f.sortDir,
  };
}

export function shipmentQuery(f: V1ShipmentFilters): Query {
  return {
    orderId: text(f.orderId),
    orderNumber: f.orderNumber,
    shipmentId: text(f.shipmentId),
    trackingNumber: f.trackingNumber,
    carrierCode: f.carrierCode,
    serviceCode: f.serviceCode,
    recipientName: f.recipientName,
    recipientCountryCode: f.recipientCountryCode,
    storeId: text(f.storeId),
    batchId: text(f.batchId),
    createDateStart: from(f.createdFrom),
    createDateEnd: to(f.createdTo),
    shipDateStart: day(f.shipDateFrom),
    shipDateEnd: day(f.shipDateTo),
    voidDateStart: from(f.voidedFrom),
    voidDateEnd: to(f.voidedTo),
    includeShipmentItems: text(f.includeShipmentItems),
    sortBy: f.sortBy,
    sortDir: f.sortDir,
  };
}

export function fulfillmentQuery(f: V1FulfillmentFilters): Query {
  return {
    fulfillmentId: text(f.fulfillmentId),
    orderId: text(f.orderId),
    orderNumber: f.orderNumber,
    trackingNumber: f.trackingNumber,
    recipientName: f.recipientName,
    createDateStart: from(f.createdFrom),
    createDateEnd: to(f.createdTo),
    shipDateStart: day(f.shipDateFrom),
    shipDateEnd: day(f.shipDateTo),
    sortBy: f.sortBy,
    sortDir: f.sortDir,
  };
}

export function productQuery(f: V1ProductFilters): Query {
  return {
    sku: f.sku,
    name: f.name,
    showInactive: text(f.showInactive),
    sortBy: f.sortBy,
    sortDir: f.sortDir,
  };
}
