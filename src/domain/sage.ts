/**
 * The engine's view of Sage 300 records: only the fields the flows use, in domain words. The Sage 300
 * adapter builds these from the Web API's JSON (OEOrders, ARCustomers, ICItems, ...).
 */
export interface SageAddress {
  name: string;
  line1: string;
  line2: string;
  line3: string;
  line4: string;
  city: string;
  state: string;
  postalCode: string;
  /** Free text in Sage ("USA", "United States", "Canada", "CA"...): normalised when mapped. */
  country: string;
  phone: string;
  email: string;
  contact: string;
}

export interface SageOrderLine {
  /** 32, 64, ... : the line's identity, = ShipStation lineItemKey. */
  lineNumber: number;
  type: 'Item' | 'Miscellaneous';
  /** Formatted item number as users see it, e.g. `A1-105/0`. */
  item: string;
  unformattedItem: string;
  description: string;
  location: string;
  /** Outstanding quantity in the order unit (Sage's QuantityOrdered). */
  quantityOrdered: number;
  quantityBackordered: number;
  quantityCommitted: number;
  quantityShippedToDate: number;
  originalQuantityOrdered: number;
  unit: string;
  /** Stocking units per order unit. */
  unitConversion: number;
  unitPrice: number;
  extendedAmount: number;
  /** Miscellaneous charge code (`FRT`, `HC`) on miscellaneous lines. */
  miscCode: string;
  completed: boolean;
}

export type SageOrderType = 'Active' | 'Future' | 'Standing' | 'Quote' | string;

export interface SageOrder {
  /** OrderUniquifier, as a decimal string (the key). */
  uniquifier: string;
  /** OrderNumber, what people see. */
  number: string;
  type: SageOrderType;
  /** Business date, YYYY-MM-DD. */
  orderDate: string;
  expectedShipDate: string | null;
  customerNumber: string;
  poNumber: string;
  reference: string;
  description: string;
  comment: string;
  shipViaCode: string;
  shipViaDescription: string;
  shipToLocationCode: string;
  onHold: boolean;
  /** OrderCompleted is one of the Complete* values. */
  completed: boolean;
  currency: string;
  homeCurrency: string;
  shipTo: SageAddress;
  billTo: SageAddress;
  lines: SageOrderLine[];
  orderTotal: number;
  taxTotal: number;
  lastShipmentNumber: string;
  numberOfShipments: number;
  trackingNumber: string;
  shipmentDate: string | null;
  /**
   * Header properties as Sage sent them (text), by property name, for the field mapping; and the order's
   * optional fields (`OrderOptionalFields`) by name in upper case. Left out of the raw content hash unless the
   * connection's field mapping reads them (engine/orders/raw-hash.ts), so older hashes stay valid.
   */
  headerFields?: Readonly<Record<string, string>>;
  optionalFields?: Readonly<Record<string, string>>;
}

export interface SageCustomer {
  number: string;
  name: string;
  email: string;
  phone: string;
  contact: string;
  address: SageAddress;
  /** Every scalar property as text, by property name (the field mapping reads any of them). */
  fields?: Readonly<Record<string, string>>;
  /** Customer optional fields (`CustomerOptionalFieldValues`), by name in upper case, values trimmed. */
  optionalFields?: Readonly<Record<string, string>>;
}

export interface SageItem {
  unformatted: string;
  formatted: string;
  description: string;
  unitWeight: number;
  /** Sage's free-text weight unit (`lbs.`, `kg`, `oz`...). */
  weightUnit: string;
  stockingUnit: string;
  active: boolean;
  /** I/C item optional fields (`ItemOptionalFields`), by field name in upper case, values trimmed. */
  optionalFields?: Readonly<Record<string, string>>;
}

export interface SageLocation {
  code: string;
  name: string;
}

export interface SageShipVia {
  code: string;
  name: string;
}

export interface SageStockLevel {
  item: string;
  location: string;
  onHand: number;
  committed: number;
  available: number;
}

/** Complete* values of OrderCompleted (sheet §4.1); everything else is open. */
export function isCompletedValue(orderCompleted: string): boolean {
  return /^Complete/i.test(orderCompleted);
}
