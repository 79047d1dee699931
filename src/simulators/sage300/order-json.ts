import { ENUMS, ORDER, ORDER_DETAIL, qualifiedName } from './entity-model.js';
import type { FilterProperty, PropertyResolver } from './odata-filter-compile.js';
import {
  ADDRESS_FIELDS,
  COMPLETION,
  lineExtended,
  ORDER_TYPES,
  type OrderLine,
  type OrderRow,
  type OrderTotals,
  orderTotals,
} from './order-row.js';
import type { Json, SimState } from './sim-state.js';
import { dayToMs, dayToSage, round } from './values.js';

/**
 * Builds the API's JSON for an order from its compact row, property by property in entity-model order,
 * and gives `$filter` typed getters that read the row directly (no object is built to test a filter).
 * Dates come out as `YYYY-MM-DDT00:00:00Z` or null, blanks as "", enums as member names, and every
 * object carries `UpdateOperation: "Unspecified"` (sheet §3.4).
 */
type Raw = string | number | boolean | null;
type HeaderGetter = (row: OrderRow, st: SimState) => Raw;
type LineGetter = (line: OrderLine, row: OrderRow, st: SimState, item: Json | undefined) => Raw;

const fiscalPeriod = (day: number) => `Num${new Date(day * 86_400_000).getUTCMonth() + 1}`;

const HEADER: Record<string, HeaderGetter> = {
  OrderUniquifier: (r) => r.uniq,
  OrderNumber: (r) => r.number,
  CustomerNumber: (r) => r.customer,
  CustomerGroupCode: (r) => r.customerGroup,
  BillToContactEmail: (r) => r.billTo.contactEmail,
  ShipToLocationCode: (r) => r.shipToCode,
  ShipToEmail: (r) => r.shipTo.email,
  ShipToContactEmail: (r) => r.shipTo.contactEmail,
  ShipViaCode: (r) => r.shipVia,
  ShipViaCodeDescription: (r, st) => (r.shipVia ? String(st.shipVias.get(r.shipVia)?.['Name'] ?? '') : ''),
  OrderDescription: (r) => r.description,
  OrderReference: (r) => r.reference,
  OrderType: (r) => ORDER_TYPES[r.type] ?? 'Active',
  OrderDate: (r) => r.orderDate,
  ExpectedShipDate: (r) => r.expectedShipDate,
  QuoteExpirationDate: (r) => (r.type === 3 ? r.orderDate + 30 : 0),
  OrderFiscalYear: (r) => String(new Date(r.orderDate * 86_400_000).getUTCFullYear()),
  OrderFiscalPeriod: (r) => fiscalPeriod(r.orderDate),
  PurchaseOrderNumber: (r) => r.po,
  TermsCode: (r) => r.terms,
  DefaultPriceListCode: (r) => r.priceList,
  DefaultLocationCode: (r) => r.location,
  OrderComment: (r) => r.comment,
  OnHold: (r) => r.onHold,
  OrderCompleted: (r) => COMPLETION[r.completed] ?? 'IncompleteNotIncluded',
  CompletionDate: (r) => r.completionDate,
  LastShipmentNumber: (r) => r.lastShipment,
  NumberOfShipments: (r) => r.shipments,
  ShipmentTrackingNumber: (r) => r.tracking,
  ShipmentDate: (r) => r.shipmentDate,
  ShipmentPostingDate: (r) => r.shipmentDate,
  LastInvoiceNumber: (r) => r.lastInvoice,
  InvoiceDate: (r) => r.invoiceDate,
  InvoicePostingDate: (r) => r.invoiceDate,
  OrderHomeCurrency: () => 'USD',
  OrderSourceCurrency: (r) => r.currency,
  OrderRate: (r) => (r.currency === 'USD' ? 1 : 0.73),
  TaxGroup: (r) => r.taxGroup,
  OrderItemTotalAmount: (r) => orderTotals(r).items,
  TotalAmountMiscellaneousCharges: (r) => orderTotals(r).misc,
  OrderSubtotalAmount: (r) => orderTotals(r).items,
  OrderDiscountAmount: () => 0,
  TotalTaxAmount: (r) => orderTotals(r).tax,
  OrderExclTaxTotal: (r) => orderTotals(r).exclTax,
  OrderInclTaxTotal: (r) => orderTotals(r).inclTax,
  OrderTotal: (r) => orderTotals(r).inclTax,
  NumberOfLinesOnOrder: (r) => r.lines.length,
  InvoiceWillBeProduced: () => false,
  PostInvoice: () => false,
  PerformShipAll: () => false,
  ProcessOECommand: () => 'NoAction',
  UpdateOperation: () => 'Unspecified',
};
for (const [suffix, field] of ADDRESS_FIELDS) {
  HEADER[`BillTo${suffix}`] ??= (r) => r.billTo[field];
  HEADER[`ShipTo${suffix}`] ??= (r) => r.shipTo[field];
}

const LINE: Record<string, LineGetter> = {
  OrderUniquifier: (_l, r) => r.uniq,
  LineNumber: (l) => l.lineNumber,
  DetailNumber: (l, r) => r.lines.indexOf(l) + 1,
  LineType: (l) => (l.misc ? 'Miscellaneous' : 'Item'),
  Item: (l, _r, _st, item) => (l.misc ? '' : String(item?.['ItemNumber'] ?? l.item)),
  UnformattedItemNumber: (l) => l.item,
  Description: (l, _r, _st, item) => l.description || String(item?.['Description'] ?? ''),
  Category: (_l, _r, _st, item) => String(item?.['Category'] ?? ''),
  Location: (l) => l.location,
  StockItem: (_l, _r, _st, item) => Boolean(item?.['StockItem'] ?? false),
  MiscellaneousChargesCode: (l) => l.miscCode,
  QuantityOrdered: (l) => l.outstanding,
  OriginalQuantityOrdered: (l) => l.original,
  // The quantity of the shipment being entered; after the save posts it, nothing is pending (INFERRED).
  QuantityShipped: () => 0,
  QuantityBackordered: (l) => l.backordered,
  QuantityCommitted: (l) => l.committed,
  QuantityShippedtodate: (l) => l.shippedToDate,
  OrderUnitOfMeasure: (l) => l.unit,
  OrderUnitConversion: (l) => l.conversion,
  OrderUnitPrice: (l) => l.unitPrice,
  PriceOverride: (l) => l.priceOverride,
  PriceList: (l, r) => (l.misc ? '' : r.priceList),
  PricingUnitOfMeasure: (l) => l.unit,
  PricingUnitPrice: (l) => l.unitPrice,
  ExtendedOrderAmount: (l) => (l.misc ? 0 : lineExtended(l)),
  ExtendedAmount: (l) => (l.misc ? l.miscAmount : 0),
  OrderDiscountAmount: () => 0,
  UnitWeight: (l, _r, _st, item) => round(Number(item?.['UnitWeight'] ?? 0) * l.conversion, 4),
  ExtendedWeight: (l, _r, _st, item) => round(Number(item?.['UnitWeight'] ?? 0) * l.conversion * l.outstanding, 4),
  ExpectedShipDate: (_l, r) => r.expectedShipDate,
  Completed: (l) => l.completed,
  UpdateOperation: () => 'Unspecified',
};

/** Totals computed once per order when the whole object is built. */
const TOTALS: Record<string, keyof OrderTotals> = {
  OrderItemTotalAmount: 'items',
  TotalAmountMiscellaneousCharges: 'misc',
  OrderSubtotalAmount: 'items',
  TotalTaxAmount: 'tax',
  OrderExclTaxTotal: 'exclTax',
  OrderInclTaxTotal: 'inclTax',
  OrderTotal: 'inclTax',
};

function out(type: string, value: Raw): unknown {
  return type === 'T' ? dayToSage(value as number) : value;
}

// Property lists resolved once: building 1,000 orders with their lines is the simulator's hot path.
const LINE_ENTRIES = [...ORDER_DETAIL.properties].map(([name, type]) => [name, type, LINE[name]] as const);
const HEADER_ENTRIES = [...ORDER.properties].map(([name, type]) => [name, type, HEADER[name]] as const);

export function lineJson(line: OrderLine, row: OrderRow, st: SimState): Json {
  const item = line.misc ? undefined : st.items.get(line.item);
  const json: Json = {};
  for (const [name, type, get] of LINE_ENTRIES) {
    if (!get) json[name] = [];
    else if (type === 'T') json[name] = dayToSage(get(line, row, st, item) as number);
    else json[name] = get(line, row, st, item);
  }
  return json;
}

/** Full order (no `$select`) or only the selected properties, in entity order. */
export function orderJson(row: OrderRow, st: SimState, select?: ReadonlySet<string>): Json {
  const json: Json = {};
  const totals = select ? undefined : orderTotals(row);
  for (const [name, type, get] of HEADER_ENTRIES) {
    if (select && !select.has(name)) continue;
    if (name === 'OrderDetails') json[name] = row.lines.map((l) => lineJson(l, row, st));
    else if (name === 'OrderOptionalFields') json[name] = optionalFieldsJson(row);
    else if (!get) json[name] = [];
    else if (totals && name in TOTALS) json[name] = totals[TOTALS[name] as keyof OrderTotals];
    else json[name] = out(type, get(row, st));
  }
  return json;
}

function optionalFieldsJson(row: OrderRow): Json[] {
  return (row.optionalFields ?? []).map((f) => ({
    OrderUniquifier: row.uniq,
    OptionalField: f.name,
    Value: f.value,
    UpdateOperation: 'Unspecified',
  }));
}

/** For tests: every scalar property of the model has a getter. */
export function missingGetters(): string[] {
  const missing: string[] = [];
  for (const [n, t] of ORDER.properties) if (!t.startsWith('C:') && !HEADER[n]) missing.push(`Order.${n}`);
  for (const [n, t] of ORDER_DETAIL.properties) if (!t.startsWith('C:') && !LINE[n]) missing.push(`OrderDetail.${n}`);
  return missing;
}

const TYPE_OF = { S: 'string', D: 'number', I: 'number', B: 'boolean', T: 'date' } as const;
const EDM_OF = {
  S: 'Edm.String',
  D: 'Edm.Decimal',
  I: 'Edm.Int32',
  B: 'Edm.Boolean',
  T: 'Edm.DateTimeOffset',
} as const;

/** `$filter` over compact rows: dates compare as epoch milliseconds, enums as member names. */
export function orderResolver(st: SimState): PropertyResolver<OrderRow> {
  const cache = new Map<string, FilterProperty<OrderRow> | undefined>();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    const type = ORDER.properties.get(name);
    const getter = HEADER[name];
    let prop: FilterProperty<OrderRow> | undefined;
    if (type && getter && !type.startsWith('C:')) {
      if (type.startsWith('E:')) {
        const members = ENUMS[type.slice(2)] ?? [];
        prop = {
          type: 'enum',
          members,
          edmType: `${qualifiedName(ORDER).replace(/Order$/, '')}${type.slice(2)}`,
          get: (r) => getter(r, st),
        };
      } else {
        const t = type as keyof typeof TYPE_OF;
        prop = {
          type: TYPE_OF[t],
          edmType: EDM_OF[t],
          get: t === 'T' ? (r) => dayToMs(getter(r, st) as number) : (r) => getter(r, st),
        };
      }
    }
    cache.set(name, prop);
    return prop;
  };
}

/** Sort key getter for `$orderby` (dates as day numbers, which order the same way). */
export function orderSortKey(name: string, st: SimState): ((row: OrderRow) => Raw) | undefined {
  const type = ORDER.properties.get(name);
  const getter = HEADER[name];
  if (!type || !getter || type.startsWith('C:')) return undefined;
  return (r) => getter(r, st);
}
