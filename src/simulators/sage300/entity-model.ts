/**
 * The entity types the simulator serves, property by property, in the order the JSON carries them.
 * One definition drives `$metadata`, the unknown-property check on writes (400 InvalidPayload), `$filter`
 * typing and `$select` validation. Names come from the sheet (§4.1–4.9); the few marked INFERRED there are
 * listed in docs/simulator-fidelity.md. A real install carries many more properties (~300 on an
 * order); the simulator serves the ones a shipping integration reads or writes.
 */
export type SageModule = 'OE' | 'AR' | 'IC';

/** S string, D decimal, I int32, B boolean, T date (Edm.DateTimeOffset), E:Name enum, C:Name collection. */
export type PropertyType = 'S' | 'D' | 'I' | 'B' | 'T' | `E:${string}` | `C:${string}`;

export interface EntityType {
  module: SageModule;
  name: string;
  /** Key property names in $metadata key order (empty for complex types). */
  key: readonly string[];
  properties: ReadonlyMap<string, PropertyType>;
}

export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  OrderTypeEnum: ['Active', 'Future', 'Standing', 'Quote'],
  OrderCompletedEnum: [
    'IncompleteNotIncluded',
    'IncompleteIncluded',
    'CompleteNotIncluded',
    'CompleteIncluded',
    'CompleteDayEnd',
  ],
  FiscalPeriodEnum: Array.from({ length: 13 }, (_, i) => `Num${i + 1}`),
  LineTypeEnum: ['Item', 'Miscellaneous'],
  UpdateOperationEnum: ['Unspecified', 'Update', 'Delete', 'Insert'],
  ProcessOECommandEnum: ['NoAction', 'ShipAll', 'CreateOrderFromQuotes'],
  CommentsInstructionsTypeEnum: ['Comment', 'Instruction'],
  InvoiceStatusEnum: ['Documentnotcosted', 'Documentcosted'],
  StatusEnum: ['Active', 'Inactive'],
  OnHoldEnum: ['No', 'Yes'],
  AccountTypeEnum: ['BalanceForward', 'OpenItem'],
  PrimaryShipToIndicatorEnum: ['No', 'Yes'],
  LocationTypeEnum: ['Physical', 'Logical'],
};

export function modelNamespace(module: SageModule): string {
  return `Sage.CA.SBS.ERP.Sage300.${module}.WebApi.Models`;
}

export function qualifiedName(type: EntityType): string {
  return `${modelNamespace(type.module)}.${type.name}`;
}

function props(spec: string): ReadonlyMap<string, PropertyType> {
  const map = new Map<string, PropertyType>();
  for (const part of spec.trim().split(/\s+/)) {
    const [name, type] = part.split('=') as [string, string | undefined];
    map.set(name, (type ?? 'S') as PropertyType);
  }
  return map;
}

function lines(prefix: string, n: number, type = 'S'): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}=${type}`).join(' ');
}

const ADDRESS = (p: string) =>
  `${p}Name ${lines(`${p}AddressLine`, 4)} ${p}City ${p}StateProvince ${p}ZipPostalCode ${p}Country ${p}PhoneNumber ${p}FaxNumber ${p}Contact ${p}ContactPhone`;

const type = (module: SageModule, name: string, key: string[], spec: string): EntityType => ({
  module,
  name,
  key,
  properties: props(spec),
});

export const ORDER = type(
  'OE',
  'Order',
  ['OrderUniquifier'],
  `OrderUniquifier=D OrderNumber CustomerNumber CustomerGroupCode
   ${ADDRESS('BillTo')} BillToContactEmail ShipToLocationCode ${ADDRESS('ShipTo')} ShipToEmail ShipToContactEmail
   ShipViaCode ShipViaCodeDescription OrderDescription OrderReference OrderType=E:OrderTypeEnum OrderDate=T
   ExpectedShipDate=T QuoteExpirationDate=T OrderFiscalYear OrderFiscalPeriod=E:FiscalPeriodEnum PurchaseOrderNumber
   TermsCode DefaultPriceListCode DefaultLocationCode OrderComment OnHold=B OrderCompleted=E:OrderCompletedEnum
   CompletionDate=T LastShipmentNumber NumberOfShipments=I ShipmentTrackingNumber ShipmentDate=T
   ShipmentPostingDate=T LastInvoiceNumber InvoiceDate=T InvoicePostingDate=T OrderHomeCurrency OrderSourceCurrency
   OrderRate=D TaxGroup OrderItemTotalAmount=D TotalAmountMiscellaneousCharges=D OrderSubtotalAmount=D
   OrderDiscountAmount=D TotalTaxAmount=D OrderExclTaxTotal=D OrderInclTaxTotal=D OrderTotal=D
   NumberOfLinesOnOrder=I InvoiceWillBeProduced=B PostInvoice=B PerformShipAll=B
   ProcessOECommand=E:ProcessOECommandEnum OrderDetails=C:OrderDetail OrderOptionalFields=C:OrderOptionalField
   OrderCommentsInstructions=C:OrderCommentInstruction UpdateOperation=E:UpdateOperationEnum`,
);

export const ORDER_DETAIL = type(
  'OE',
  'OrderDetail',
  [],
  `OrderUniquifier=D LineNumber=I DetailNumber=I LineType=E:LineTypeEnum Item UnformattedItemNumber Description
   Category Location StockItem=B MiscellaneousChargesCode QuantityOrdered=D OriginalQuantityOrdered=D
   QuantityShipped=D QuantityBackordered=D QuantityCommitted=D QuantityShippedtodate=D OrderUnitOfMeasure
   OrderUnitConversion=D OrderUnitPrice=D PriceOverride=B PriceList PricingUnitOfMeasure PricingUnitPrice=D
   ExtendedOrderAmount=D ExtendedAmount=D OrderDiscountAmount=D UnitWeight=D ExtendedWeight=D ExpectedShipDate=T
   Completed=B OrderDetailOptionalFields=C:OrderDetailOptionalField UpdateOperation=E:UpdateOperationEnum`,
);

export const ORDER_OPTIONAL_FIELD = type(
  'OE',
  'OrderOptionalField',
  [],
  'OrderUniquifier=D OptionalField Value UpdateOperation=E:UpdateOperationEnum',
);
export const ORDER_DETAIL_OPTIONAL_FIELD = type(
  'OE',
  'OrderDetailOptionalField',
  [],
  'OrderUniquifier=D LineNumber=I OptionalField Value UpdateOperation=E:UpdateOperationEnum',
);
export const ORDER_COMMENT = type(
  'OE',
  'OrderCommentInstruction',
  [],
  'OrderUniquifier=D LineNumber=I CommentsInstructionsType=E:CommentsInstructionsTypeEnum CommentsInstructions UpdateOperation=E:UpdateOperationEnum',
);

export const INVOICE = type(
  'OE',
  'Invoice',
  ['InvoiceUniquifier'],
  `InvoiceUniquifier=D InvoiceNumber OrderNumber CustomerNumber BillTo ShipToAddressCode ShipTo ${lines('ShipToAddress', 4)}
   ShipToCity ShipToState ShipToZipCode ShipToCountry PurchaseOrderNumber TermsCode OrderDate=T ShipViaCode
   ShipViaCodeDescription Location ShipmentDate=T InvoiceDate=T InvoiceFiscalYear InvoiceFiscalPeriod=E:FiscalPeriodEnum
   InvoiceStatus=E:InvoiceStatusEnum PostingDate=T CompletionDate=T InvoiceTotalWithTax=D InvoiceHomeCurrency
   ShipmentNumber ShipmentTrackingNumber ShipmentUniquifier=D ProcessOECommand=E:ProcessOECommandEnum EnteredBy
   LastInvoiceDate=T InvoiceDetails=C:InvoiceDetail UpdateOperation=E:UpdateOperationEnum`,
);

export const INVOICE_DETAIL = type(
  'OE',
  'InvoiceDetail',
  [],
  `InvoiceUniquifier=D LineUniquifier=I LineType=E:LineTypeEnum Item Description Location ShipmentDate=T StockItem=B
   MiscellaneousChargesCode CurrentQuantityOutstanding=D QuantityShipped=D QuantityBackordered=D InvoiceUnitOfMeasure
   UnitConversion=D UnitPrice=D ExtendedAmount=D UnitWeight=D ExtendedWeight=D ShipmentNumber ShipmentTrackingNumber
   ShipViaCode OrderQuantityOrdered=D OrderQuantityBackordered=D OrderQuantityShippedtodate=D OrderUnitOfMeasure
   OrderNumber OrderDetailNumber=I UnformattedItemNumber ShipmentLineNumber=I UpdateOperation=E:UpdateOperationEnum`,
);

export const SHIP_VIA = type(
  'OE',
  'ShipViaCode',
  ['Code'],
  `Code Name ${lines('AddressLine', 4)} City StateProvince ZipPostalCode Country PhoneNumber FaxNumber Contact Comment
   UpdateOperation=E:UpdateOperationEnum`,
);

export const CUSTOMER = type(
  'AR',
  'Customer',
  ['CustomerNumber'],
  `CustomerNumber ShortName CustomerName GroupCode NationalAccount Status=E:StatusEnum InactiveDate=T
   DateLastMaintained=T OnHold=E:OnHoldEnum ${lines('AddressLine', 4)} City StateProvince ZipPostalCode Country
   ContactName PhoneNumber FaxNumber Email ContactsEmail ContactsPhone WebSite TerritoryCode AccountSet BillingCycle
   CurrencyCode AccountType=E:AccountTypeEnum Terms TaxGroup CreditLimitCustomerCurrency=D
   BalanceDueInCustomerCurrency=D DateOfLastInvoice=T CustomerPriceList FreeOnBoard ShipViaCode ShipViaDescription
   PrimaryShipToLocation InventoryLocation AllowPartialShipments=B
   CustomerOptionalFieldValues=C:CustomerOptionalFieldValue UpdateOperation=E:UpdateOperationEnum`,
);

/** Sheet §3.7 (DEVREF22 $metadata): `CustomerOptionalFieldValues` of `CustomerOptionalFieldValue`. */
export const CUSTOMER_OPTIONAL_FIELD = type(
  'AR',
  'CustomerOptionalFieldValue',
  [],
  'CustomerNumber OptionalField Value UpdateOperation=E:UpdateOperationEnum',
);

export const SHIP_TO_LOCATION = type(
  'AR',
  'ShipToLocation',
  ['CustomerNumber', 'ShipToLocationKey'],
  `CustomerNumber ShipToLocationKey Description ${lines('AddressLine', 4)} City StateProvince ZipPostalCode Country
   ContactName PhoneNumber FaxNumber Email TaxGroup SpecialInstructions CustomerPriceList FreeOnBoard ShipViaCode
   ShipViaDescription PrimaryShipToIndicator=E:PrimaryShipToIndicatorEnum InventoryLocation
   UpdateOperation=E:UpdateOperationEnum`,
);

export const ITEM = type(
  'IC',
  'Item',
  ['UnformattedItemNumber'],
  `UnformattedItemNumber ItemNumber Description StructureCode Category AccountSetCode StockItem=B StockingUnitOfMeasure
   DefaultPriceListCode UnitWeight=D WeightUnitOfMeasure KittingItem=B DateLastMaintained=T ${lines('Comment', 4)}
   PreferredVendor ItemUnitsOfMeasure=C:ItemUnitOfMeasure ItemOptionalFields=C:ItemOptionalField
   UpdateOperation=E:UpdateOperationEnum`,
);

/** Sheet §4.7 (field code): `ItemOptionalFields[{ItemNumber, OptionalField, Value}]`. */
export const ITEM_OPTIONAL_FIELD = type(
  'IC',
  'ItemOptionalField',
  [],
  'ItemNumber OptionalField Value UpdateOperation=E:UpdateOperationEnum',
);

export const ITEM_UNIT = type(
  'IC',
  'ItemUnitOfMeasure',
  [],
  'ItemNumber UnitOfMeasure ConversionFactor=D UpdateOperation=E:UpdateOperationEnum',
);

export const LOCATION = type(
  'IC',
  'Location',
  ['LocationKey'],
  `LocationKey Name LocationType=E:LocationTypeEnum ${lines('AddressLine', 4)} City StateProvince ZipPostalCode Country
   PhoneNumber FaxNumber Contact UpdateOperation=E:UpdateOperationEnum`,
);

export const LOCATION_DETAIL = type(
  'IC',
  'LocationDetail',
  ['ItemNumber', 'Location'],
  `ItemNumber Location UnformattedItemNumber Name Allowed=B InUse=B QuantityOnHand=D QuantityCommitted=D
   QuantityAvailableToShip=D QuantityOnPurchaseOrder=D QuantityOnSalesOrder=D AverageCost=D TotalCost=D MostRecentCost=D
   LastReceiptDate=T LastShipmentDate=T UpdateOperation=E:UpdateOperationEnum`,
);

export const COMPLEX_TYPES: readonly EntityType[] = [
  ORDER_DETAIL,
  ORDER_OPTIONAL_FIELD,
  ORDER_DETAIL_OPTIONAL_FIELD,
  ORDER_COMMENT,
  INVOICE_DETAIL,
  ITEM_UNIT,
  ITEM_OPTIONAL_FIELD,
  CUSTOMER_OPTIONAL_FIELD,
];

export function complexTypeOf(propertyType: PropertyType): EntityType | undefined {
  if (!propertyType.startsWith('C:')) return undefined;
  const name = propertyType.slice(2);
  return COMPLEX_TYPES.find((t) => t.name === name);
}

export type Verb = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface EntitySetDef {
  name: string;
  type: EntityType;
  verbs: readonly Verb[];
}

/** Verbs per endpoint (EPREF22); PATCH on OEOrders only when not `--legacy-2022` (decided in the server). */
export const ENTITY_SETS: readonly EntitySetDef[] = [
  { name: 'OEOrders', type: ORDER, verbs: ['GET', 'POST', 'PATCH'] },
  { name: 'OEInvoices', type: INVOICE, verbs: ['GET'] },
  { name: 'OEShipViaCodes', type: SHIP_VIA, verbs: ['GET', 'POST'] },
  { name: 'ARCustomers', type: CUSTOMER, verbs: ['GET', 'POST'] },
  { name: 'ARShipToLocations', type: SHIP_TO_LOCATION, verbs: ['GET', 'POST'] },
  { name: 'ICItems', type: ITEM, verbs: ['GET', 'POST'] },
  { name: 'ICLocations', type: LOCATION, verbs: ['GET', 'POST'] },
  { name: 'ICLocationDetails', type: LOCATION_DETAIL, verbs: ['GET'] },
];

export function entitySet(module: string, name: string): EntitySetDef | undefined {
  // OData segments are case-sensitive in ASP.NET Web API OData's default routing (only the IIS app path is not).
  return ENTITY_SETS.find((s) => s.type.module === module && s.name === name);
}
