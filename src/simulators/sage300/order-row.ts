import { type DayNumber, round } from './values.js';

/**
 * The compact form of one OE order. 100,000 of these must fit in a modest heap, so a row holds only what
 * cannot be derived: numbers for dates (day numbers) and enums (indexes), interned strings, and address
 * objects shared with the customer until someone edits them. Totals, descriptions, weights and every
 * constant the JSON carries are computed when the row is read (order-json.ts).
 */
export interface Address {
  name: string;
  line1: string;
  line2: string;
  line3: string;
  line4: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
  fax: string;
  contact: string;
  contactPhone: string;
  email: string;
  contactEmail: string;
}

export const ORDER_TYPES = ['Active', 'Future', 'Standing', 'Quote'] as const;
export const COMPLETION = [
  'IncompleteNotIncluded',
  'IncompleteIncluded',
  'CompleteNotIncluded',
  'CompleteIncluded',
  'CompleteDayEnd',
] as const;
export const INCOMPLETE = 0;
export const COMPLETE_NOT_INCLUDED = 2;
export const COMPLETE_DAY_END = 4;

export interface OrderLine {
  lineNumber: number;
  misc: boolean;
  /** Unformatted item number ('' on miscellaneous lines). */
  item: string;
  miscCode: string;
  /** Misc charge description, or '' to show the item's own description. */
  description: string;
  location: string;
  unit: string;
  conversion: number;
  unitPrice: number;
  priceOverride: boolean;
  /** `QuantityOrdered`: what is still outstanding (Sage zeroes it as lines ship). */
  outstanding: number;
  original: number;
  shippedToDate: number;
  backordered: number;
  committed: number;
  /** `ExtendedAmount` of a miscellaneous charge. */
  miscAmount: number;
  completed: boolean;
}

export interface OrderRow {
  uniq: number;
  number: string;
  type: number;
  orderDate: DayNumber;
  expectedShipDate: DayNumber;
  customer: string;
  customerGroup: string;
  po: string;
  reference: string;
  description: string;
  comment: string;
  shipVia: string;
  shipToCode: string;
  shipTo: Address;
  billTo: Address;
  onHold: boolean;
  completed: number;
  completionDate: DayNumber;
  lastShipment: string;
  shipments: number;
  tracking: string;
  shipmentDate: DayNumber;
  lastInvoice: string;
  invoiceDate: DayNumber;
  location: string;
  currency: string;
  taxGroup: string;
  taxRate: number;
  terms: string;
  priceList: string;
  lines: OrderLine[];
  /** Header optional fields (`OrderOptionalFields`, sheet §4.3), names upper case; absent when none. */
  optionalFields?: { name: string; value: string }[];
}

export interface OrderTotals {
  items: number;
  misc: number;
  tax: number;
  exclTax: number;
  inclTax: number;
}

/**
 * Totals follow the outstanding quantities (SUPPLYKEY: "Completed/shipped orders zero out QuantityOrdered
 * and ExtendedOrderAmount"). Tax is one rate per tax group on items and charges (INFERRED simplification).
 */
export function orderTotals(row: OrderRow): OrderTotals {
  let items = 0;
  let misc = 0;
  for (const line of row.lines) {
    if (line.misc) misc += line.completed ? 0 : line.miscAmount;
    else items += lineExtended(line);
  }
  items = round(items);
  misc = round(misc);
  const tax = round((items + misc) * row.taxRate);
  return { items, misc, tax, exclTax: round(items + misc), inclTax: round(items + misc + tax) };
}

export function lineExtended(line: OrderLine): number {
  return line.misc ? line.miscAmount : round(line.outstanding * line.unitPrice);
}

export function emptyAddress(): Address {
  return {
    name: '',
    line1: '',
    line2: '',
    line3: '',
    line4: '',
    city: '',
    state: '',
    zip: '',
    country: '',
    phone: '',
    fax: '',
    contact: '',
    contactPhone: '',
    email: '',
    contactEmail: '',
  };
}

/** `ShipTo`/`BillTo` property suffix → Address field. */
export const ADDRESS_FIELDS: readonly (readonly [string, keyof Address])[] = [
  ['Name', 'name'],
  ['AddressLine1', 'line1'],
  ['AddressLine2', 'line2'],
  ['AddressLine3', 'line3'],
  ['AddressLine4', 'line4'],
  ['City', 'city'],
  ['StateProvince', 'state'],
  ['ZipPostalCode', 'zip'],
  ['Country', 'country'],
  ['PhoneNumber', 'phone'],
  ['FaxNumber', 'fax'],
  ['Contact', 'contact'],
  ['ContactPhone', 'contactPhone'],
  ['Email', 'email'],
  ['ContactEmail', 'contactEmail'],
];
