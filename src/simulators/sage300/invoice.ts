import type { OrderLine, OrderRow } from './order-row.js';
import type { Json, SimState } from './sim-state.js';
import { dayToSage, round } from './values.js';

/**
 * An O/E invoice for one shipment (`InvoiceWillBeProduced`/`PostInvoice` on the order), readable through
 * `GET OE/OEInvoices` with the invoice model's own property names (sheet §4.5: `ShipTo`, `ShipToAddress1`,
 * `ShipToState`… differ from the order's). Miscellaneous charges still open on the order are billed on the
 * first invoice of the order (INFERRED).
 */
export function createInvoice(
  st: SimState,
  row: OrderRow,
  shipmentNumber: string,
  shipped: readonly { line: OrderLine; quantity: number }[],
): string {
  st.counters.invoice += 1;
  st.counters.invoiceUniq += 1;
  const number = `IN${String(st.counters.invoice).padStart(6, '0')}`;
  const uniq = st.counters.invoiceUniq;
  const shipDate = dayToSage(row.shipmentDate);
  const at: LineContext = { uniq, shipDate, shipmentNumber };
  const details: Json[] = [];
  let total = 0;
  for (const { line, quantity } of shipped) {
    const amount = round(quantity * line.unitPrice);
    total += amount;
    details.push(itemLine(st, row, line, quantity, amount, (details.length + 1) * 32, at));
  }
  if (!row.lastInvoice) {
    for (const line of row.lines.filter((l) => l.misc)) {
      total += line.miscAmount;
      details.push(miscLine(row, line, (details.length + 1) * 32, at));
    }
  }
  st.invoices.push(invoiceHeader(st, row, number, total, details, at));
  row.lastInvoice = number;
  row.invoiceDate = st.today();
  return number;
}

/** What every detail line of one invoice repeats. */
interface LineContext {
  uniq: number;
  shipDate: string | null;
  shipmentNumber: string;
}

function itemLine(
  st: SimState,
  row: OrderRow,
  line: OrderLine,
  quantity: number,
  amount: number,
  lineUniquifier: number,
  at: LineContext,
): Json {
  const { uniq, shipDate, shipmentNumber } = at;
  const item = st.items.get(line.item);
  return {
    InvoiceUniquifier: uniq,
    LineUniquifier: lineUniquifier,
    LineType: 'Item',
    Item: String(item?.['ItemNumber'] ?? line.item),
    Description: line.description || String(item?.['Description'] ?? ''),
    Location: line.location,
    ShipmentDate: shipDate,
    StockItem: Boolean(item?.['StockItem'] ?? false),
    MiscellaneousChargesCode: '',
    CurrentQuantityOutstanding: quantity,
    QuantityShipped: quantity,
    QuantityBackordered: line.backordered,
    InvoiceUnitOfMeasure: line.unit,
    UnitConversion: line.conversion,
    UnitPrice: line.unitPrice,
    ExtendedAmount: amount,
    UnitWeight: round(Number(item?.['UnitWeight'] ?? 0) * line.conversion, 4),
    ExtendedWeight: round(Number(item?.['UnitWeight'] ?? 0) * line.conversion * quantity, 4),
    ShipmentNumber: shipmentNumber,
    ShipmentTrackingNumber: row.tracking,
    ShipViaCode: row.shipVia,
    OrderQuantityOrdered: line.original,
    OrderQuantityBackordered: line.backordered,
    OrderQuantityShippedtodate: line.shippedToDate,
    OrderUnitOfMeasure: line.unit,
    OrderNumber: row.number,
    OrderDetailNumber: row.lines.indexOf(line) + 1,
    UnformattedItemNumber: line.item,
    ShipmentLineNumber: line.lineNumber,
    UpdateOperation: 'Unspecified',
  };
}

function miscLine(row: OrderRow, line: OrderLine, lineUniquifier: number, at: LineContext): Json {
  const { uniq, shipDate, shipmentNumber } = at;
  return {
    InvoiceUniquifier: uniq,
    LineUniquifier: lineUniquifier,
    LineType: 'Miscellaneous',
    Item: '',
    Description: line.description,
    Location: '',
    ShipmentDate: shipDate,
    StockItem: false,
    MiscellaneousChargesCode: line.miscCode,
    CurrentQuantityOutstanding: 0,
    QuantityShipped: 0,
    QuantityBackordered: 0,
    InvoiceUnitOfMeasure: '',
    UnitConversion: 0,
    UnitPrice: 0,
    ExtendedAmount: line.miscAmount,
    UnitWeight: 0,
    ExtendedWeight: 0,
    ShipmentNumber: shipmentNumber,
    ShipmentTrackingNumber: row.tracking,
    ShipViaCode: row.shipVia,
    OrderQuantityOrdered: 0,
    OrderQuantityBackordered: 0,
    OrderQuantityShippedtodate: 0,
    OrderUnitOfMeasure: '',
    OrderNumber: row.number,
    OrderDetailNumber: row.lines.indexOf(line) + 1,
    UnformattedItemNumber: '',
    ShipmentLineNumber: line.lineNumber,
    UpdateOperation: 'Unspecified',
  };
}

function invoiceHeader(
  st: SimState,
  row: OrderRow,
  number: string,
  total: number,
  details: Json[],
  at: LineContext,
): Json {
  const { uniq, shipDate, shipmentNumber } = at;
  const today = dayToSage(st.today());
  const viaName = row.shipVia ? String(st.shipVias.get(row.shipVia)?.['Name'] ?? '') : '';
  const a = row.shipTo;
  return {
    InvoiceUniquifier: uniq,
    InvoiceNumber: number,
    OrderNumber: row.number,
    CustomerNumber: row.customer,
    BillTo: row.billTo.name,
    ShipToAddressCode: row.shipToCode,
    ShipTo: a.name,
    ShipToAddress1: a.line1,
    ShipToAddress2: a.line2,
    ShipToAddress3: a.line3,
    ShipToAddress4: a.line4,
    ShipToCity: a.city,
    ShipToState: a.state,
    ShipToZipCode: a.zip,
    ShipToCountry: a.country,
    PurchaseOrderNumber: row.po,
    TermsCode: row.terms,
    OrderDate: dayToSage(row.orderDate),
    ShipViaCode: row.shipVia,
    ShipViaCodeDescription: viaName,
    Location: row.location,
    ShipmentDate: shipDate,
    InvoiceDate: today,
    InvoiceFiscalYear: String(new Date(st.today() * 86_400_000).getUTCFullYear()),
    InvoiceFiscalPeriod: `Num${new Date(st.today() * 86_400_000).getUTCMonth() + 1}`,
    InvoiceStatus: 'Documentnotcosted',
    PostingDate: today,
    CompletionDate: null,
    InvoiceTotalWithTax: round(total * (1 + row.taxRate)),
    InvoiceHomeCurrency: 'USD',
    ShipmentNumber: shipmentNumber,
    ShipmentTrackingNumber: row.tracking,
    ShipmentUniquifier: st.counters.shipmentUniq,
    ProcessOECommand: 'NoAction',
    EnteredBy: 'WEBAPI',
    LastInvoiceDate: null,
    InvoiceDetails: details,
    UpdateOperation: 'Unspecified',
  };
}
