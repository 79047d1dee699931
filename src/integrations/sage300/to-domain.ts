import {
  isCompletedValue,
  type SageAddress,
  type SageCustomer,
  type SageItem,
  type SageOrder,
  type SageOrderLine,
} from '../../domain/sage.js';
import type { Sage300Customer, Sage300Item, Sage300Order, Sage300OrderDetail } from './schemas.js';

/**
 * Web API JSON → the engine's domain types. Sage sends blanks as "", dates as `YYYY-MM-DDT00:00:00Z`;
 * absent properties (an install without them, or not `$select`ed) read as blank.
 */
const s = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v));
const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);
const day = (v: unknown): string | null => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : null);

function address(o: Record<string, unknown>, prefix: 'ShipTo' | 'BillTo'): SageAddress {
  return {
    name: s(o[`${prefix}Name`]),
    line1: s(o[`${prefix}AddressLine1`]),
    line2: s(o[`${prefix}AddressLine2`]),
    line3: s(o[`${prefix}AddressLine3`]),
    line4: s(o[`${prefix}AddressLine4`]),
    city: s(o[`${prefix}City`]),
    state: s(o[`${prefix}StateProvince`]),
    postalCode: s(o[`${prefix}ZipPostalCode`]),
    country: s(o[`${prefix}Country`]),
    phone: s(o[`${prefix}PhoneNumber`]),
    email: s(o[`${prefix}Email`] ?? o[`${prefix}ContactEmail`]),
    contact: s(o[`${prefix}Contact`]),
  };
}

function line(d: Sage300OrderDetail): SageOrderLine {
  const r = d as Record<string, unknown>;
  return {
    lineNumber: d.LineNumber,
    type: s(d.LineType) === 'Miscellaneous' ? 'Miscellaneous' : 'Item',
    item: s(d.Item),
    unformattedItem: s(d.UnformattedItemNumber) || s(d.Item).replace(/[^A-Za-z0-9]/g, ''),
    description: s(d.Description),
    location: s(d.Location),
    quantityOrdered: n(d.QuantityOrdered),
    quantityBackordered: n(d.QuantityBackordered),
    quantityCommitted: n(d.QuantityCommitted),
    quantityShippedToDate: n(d.QuantityShippedtodate),
    originalQuantityOrdered: n(d.OriginalQuantityOrdered),
    unit: s(d.OrderUnitOfMeasure),
    unitConversion: n(d.OrderUnitConversion) || 1,
    unitPrice: n(d.OrderUnitPrice),
    extendedAmount: n(s(d.LineType) === 'Miscellaneous' ? d.ExtendedAmount : d.ExtendedOrderAmount),
    miscCode: s(d.MiscellaneousChargesCode),
    completed: r['Completed'] === true,
  };
}

export function toSageOrder(o: Sage300Order): SageOrder {
  const r = o as Record<string, unknown>;
  return {
    uniquifier: String(o.OrderUniquifier),
    number: s(o.OrderNumber),
    type: s(o.OrderType) || 'Active',
    orderDate: day(o.OrderDate) ?? '',
    expectedShipDate: day(o.ExpectedShipDate),
    customerNumber: s(o.CustomerNumber),
    poNumber: s(o.PurchaseOrderNumber),
    reference: s(o.OrderReference),
    description: s(o.OrderDescription),
    comment: s(o.OrderComment),
    shipViaCode: s(o.ShipViaCode),
    shipViaDescription: s(o.ShipViaCodeDescription),
    shipToLocationCode: s(o.ShipToLocationCode),
    onHold: o.OnHold === true,
    completed: isCompletedValue(s(o.OrderCompleted)),
    currency: s(o.OrderSourceCurrency),
    homeCurrency: s(r['OrderHomeCurrency']),
    shipTo: address(r, 'ShipTo'),
    billTo: address(r, 'BillTo'),
    lines: (o.OrderDetails ?? []).map(line),
    orderTotal: n(o.OrderInclTaxTotal ?? o.OrderTotal),
    taxTotal: Math.max(0, n(o.OrderInclTaxTotal) - n(r['OrderExclTaxTotal'] ?? o.OrderInclTaxTotal)),
    lastShipmentNumber: s(o.LastShipmentNumber),
    numberOfShipments: n(o.NumberOfShipments),
    trackingNumber: s(o.ShipmentTrackingNumber),
    shipmentDate: day(o.ShipmentDate),
    headerFields: scalars(r),
    optionalFields: optionalFields(r['OrderOptionalFields']),
  };
}

/** Every scalar property as text (what the field mapping may read), collections left out. */
function scalars(r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === null || v === undefined || typeof v === 'object' || k.startsWith('@')) continue;
    out[k] = s(v);
  }
  return out;
}

/** `[{OptionalField, Value}]` (sheet §4.3; customers' the same shape) → by name in upper case, values trimmed. */
function optionalFields(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const f of list as Record<string, unknown>[]) {
    const name = s(f?.['OptionalField']).toUpperCase();
    if (name) out[name] = s(f['Value']);
  }
  return out;
}

export function toSageCustomer(c: Sage300Customer): SageCustomer {
  const r = c as Record<string, unknown>;
  return {
    number: c.CustomerNumber,
    name: s(c.CustomerName),
    email: s(c.Email ?? r['ContactsEmail']),
    phone: s(c.PhoneNumber),
    contact: s(c.ContactName),
    address: {
      name: s(c.CustomerName),
      line1: s(c.AddressLine1),
      line2: s(r['AddressLine2']),
      line3: s(r['AddressLine3']),
      line4: s(r['AddressLine4']),
      city: s(c.City),
      state: s(c.StateProvince),
      postalCode: s(c.ZipPostalCode),
      country: s(c.Country),
      phone: s(c.PhoneNumber),
      email: s(c.Email),
      contact: s(c.ContactName),
    },
    fields: scalars(r),
    optionalFields: optionalFields(r['CustomerOptionalFieldValues']),
  };
}

export function toSageItem(i: Sage300Item): SageItem {
  const r = i as Record<string, unknown>;
  return {
    unformatted: i.UnformattedItemNumber,
    formatted: s(i.ItemNumber) || i.UnformattedItemNumber,
    description: s(i.Description),
    unitWeight: n(i.UnitWeight),
    weightUnit: s(i.WeightUnitOfMeasure),
    stockingUnit: s(i.StockingUnitOfMeasure),
    active: r['Inactive'] !== true && s(r['Status']) !== 'Inactive',
    optionalFields: Object.fromEntries(
      (i.ItemOptionalFields ?? []).map((f) => [f.OptionalField.trim().toUpperCase(), String(f.Value ?? '').trim()]),
    ),
  };
}

/** The order fields the connector reads (`$select`), so a 300-property record is not sent for each order. */
export const ORDER_SELECT: readonly string[] = [
  'OrderUniquifier',
  'OrderNumber',
  'OrderType',
  'OrderDate',
  'ExpectedShipDate',
  'CustomerNumber',
  'PurchaseOrderNumber',
  'OrderReference',
  'OrderDescription',
  'OrderComment',
  'ShipViaCode',
  'ShipViaCodeDescription',
  'ShipToLocationCode',
  'ShipToName',
  'ShipToAddressLine1',
  'ShipToAddressLine2',
  'ShipToAddressLine3',
  'ShipToAddressLine4',
  'ShipToCity',
  'ShipToStateProvince',
  'ShipToZipPostalCode',
  'ShipToCountry',
  'ShipToPhoneNumber',
  'ShipToEmail',
  'ShipToContact',
  'BillToName',
  'BillToAddressLine1',
  'BillToAddressLine2',
  'BillToCity',
  'BillToStateProvince',
  'BillToZipPostalCode',
  'BillToCountry',
  'BillToPhoneNumber',
  'OnHold',
  'OrderCompleted',
  'OrderSourceCurrency',
  'OrderHomeCurrency',
  'OrderTotal',
  'OrderInclTaxTotal',
  'OrderExclTaxTotal',
  'LastShipmentNumber',
  'NumberOfShipments',
  'ShipmentTrackingNumber',
  'ShipmentDate',
  'OrderDetails',
  'OrderOptionalFields',
];
