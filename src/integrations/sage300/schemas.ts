import { z } from 'zod';

/**
 * Response shapes of the Sage 300 Web API at the boundary (design: zod at boundaries). They accept what the
 * real API sends (sheet §3.4): extra properties pass through (an install can carry ~300 properties and
 * partner extensions), decimals are JSON numbers, dates are `YYYY-MM-DDT00:00:00Z` strings or null, blanks
 * are "". Keys are required; every other property is optional because callers `$select` only what they need.
 */
const text = z.string();
const decimal = z.number();
const date = z.string().nullable();

export const odataPageSchema = z.looseObject({
  '@odata.context': z.string().optional(),
  // SUPPLYKEY parses it as a number or a string and notes it may be absent on some installs.
  '@odata.count': z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  '@odata.nextLink': z.string().optional(),
  value: z.array(z.unknown()),
});
export type ODataPage = z.infer<typeof odataPageSchema>;

export const orderDetailSchema = z.looseObject({
  LineNumber: z.number().int(),
  LineType: z.string().optional(),
  Item: text.optional(),
  UnformattedItemNumber: text.optional(),
  Description: text.optional(),
  Location: text.optional(),
  StockItem: z.boolean().optional(),
  MiscellaneousChargesCode: text.optional(),
  QuantityOrdered: decimal.optional(),
  OriginalQuantityOrdered: decimal.optional(),
  QuantityShipped: decimal.optional(),
  QuantityBackordered: decimal.optional(),
  QuantityCommitted: decimal.optional(),
  QuantityShippedtodate: decimal.optional(),
  OrderUnitOfMeasure: text.optional(),
  OrderUnitConversion: decimal.optional(),
  OrderUnitPrice: decimal.optional(),
  ExtendedOrderAmount: decimal.optional(),
  ExtendedAmount: decimal.optional(),
  UnitWeight: decimal.optional(),
  Completed: z.boolean().optional(),
});
export type Sage300OrderDetail = z.infer<typeof orderDetailSchema>;

export const orderSchema = z.looseObject({
  OrderUniquifier: z.number(),
  OrderNumber: text.optional(),
  CustomerNumber: text.optional(),
  OrderType: text.optional(),
  OrderDate: date.optional(),
  ExpectedShipDate: date.optional(),
  PurchaseOrderNumber: text.optional(),
  OrderReference: text.optional(),
  OrderDescription: text.optional(),
  OrderComment: text.optional(),
  ShipViaCode: text.optional(),
  ShipViaCodeDescription: text.optional(),
  ShipToLocationCode: text.optional(),
  ShipToName: text.optional(),
  ShipToAddressLine1: text.optional(),
  ShipToAddressLine2: text.optional(),
  ShipToAddressLine3: text.optional(),
  ShipToAddressLine4: text.optional(),
  ShipToCity: text.optional(),
  ShipToStateProvince: text.optional(),
  ShipToZipPostalCode: text.optional(),
  ShipToCountry: text.optional(),
  ShipToPhoneNumber: text.optional(),
  ShipToEmail: text.optional(),
  ShipToContact: text.optional(),
  BillToName: text.optional(),
  BillToAddressLine1: text.optional(),
  BillToCity: text.optional(),
  BillToStateProvince: text.optional(),
  BillToZipPostalCode: text.optional(),
  BillToCountry: text.optional(),
  OnHold: z.boolean().optional(),
  OrderCompleted: text.optional(),
  DefaultLocationCode: text.optional(),
  LastShipmentNumber: text.optional(),
  NumberOfShipments: z.number().optional(),
  ShipmentTrackingNumber: text.optional(),
  ShipmentDate: date.optional(),
  LastInvoiceNumber: text.optional(),
  OrderSourceCurrency: text.optional(),
  OrderTotal: decimal.optional(),
  OrderInclTaxTotal: decimal.optional(),
  TotalTaxAmount: decimal.optional(),
  TotalAmountMiscellaneousCharges: decimal.optional(),
  OrderDetails: z.array(orderDetailSchema).optional(),
});
export type Sage300Order = z.infer<typeof orderSchema>;

export const customerSchema = z.looseObject({
  CustomerNumber: text,
  CustomerName: text.optional(),
  ShortName: text.optional(),
  Status: text.optional(),
  OnHold: text.optional(),
  AddressLine1: text.optional(),
  City: text.optional(),
  StateProvince: text.optional(),
  ZipPostalCode: text.optional(),
  Country: text.optional(),
  ContactName: text.optional(),
  PhoneNumber: text.optional(),
  Email: text.optional(),
  ShipViaCode: text.optional(),
  CurrencyCode: text.optional(),
  DateLastMaintained: date.optional(),
});
export type Sage300Customer = z.infer<typeof customerSchema>;

export const shipToLocationSchema = z.looseObject({
  CustomerNumber: text,
  ShipToLocationKey: text,
  Description: text.optional(),
  AddressLine1: text.optional(),
  City: text.optional(),
  StateProvince: text.optional(),
  ZipPostalCode: text.optional(),
  Country: text.optional(),
  Email: text.optional(),
  PhoneNumber: text.optional(),
});
export type Sage300ShipToLocation = z.infer<typeof shipToLocationSchema>;

export const itemSchema = z.looseObject({
  UnformattedItemNumber: text,
  ItemNumber: text.optional(),
  Description: text.optional(),
  StockItem: z.boolean().optional(),
  StockingUnitOfMeasure: text.optional(),
  UnitWeight: decimal.optional(),
  WeightUnitOfMeasure: text.optional(),
  DateLastMaintained: date.optional(),
  ItemUnitsOfMeasure: z.array(z.looseObject({ UnitOfMeasure: text, ConversionFactor: decimal.optional() })).optional(),
  // Sheet §4.7: `ItemOptionalFields[{ItemNumber, OptionalField, Value}]` (where tariff codes and origins live).
  ItemOptionalFields: z
    .array(z.looseObject({ OptionalField: text, Value: z.union([text, z.number()]).nullish() }))
    .optional(),
});
export type Sage300Item = z.infer<typeof itemSchema>;

export const locationSchema = z.looseObject({
  LocationKey: text,
  Name: text.optional(),
  AddressLine1: text.optional(),
  City: text.optional(),
  StateProvince: text.optional(),
  ZipPostalCode: text.optional(),
  Country: text.optional(),
});
export type Sage300Location = z.infer<typeof locationSchema>;

export const locationDetailSchema = z.looseObject({
  ItemNumber: text,
  Location: text,
  QuantityOnHand: decimal.optional(),
  QuantityCommitted: decimal.optional(),
  QuantityAvailableToShip: decimal.optional(),
});
export type Sage300LocationDetail = z.infer<typeof locationDetailSchema>;

export const shipViaSchema = z.looseObject({ Code: text, Name: text.optional() });
export type Sage300ShipVia = z.infer<typeof shipViaSchema>;

export const invoiceSchema = z.looseObject({
  InvoiceUniquifier: z.number(),
  InvoiceNumber: text.optional(),
  OrderNumber: text.optional(),
  ShipmentNumber: text.optional(),
  ShipmentTrackingNumber: text.optional(),
  InvoiceDate: date.optional(),
});
export type Sage300Invoice = z.infer<typeof invoiceSchema>;
