import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOMER, type EntityType, INVOICE, ITEM, LOCATION, LOCATION_DETAIL, ORDER } from './entity-model.js';
import { jsonProperty } from './json-source.js';
import { compileFilter, FilterTypeError } from './odata-filter-compile.js';
import { FilterSyntaxError, parseFilter } from './odata-filter-parser.js';
import type { Json } from './sim-state.js';

const run = (type: EntityType, filter: string, rows: Json[], v3Literals = false) => {
  const predicate = compileFilter(parseFilter(filter, { v3Literals }), (n) => jsonProperty(type, n), type.name);
  return rows.filter(predicate);
};

const customers: Json[] = [
  {
    CustomerNumber: '1100',
    BalanceDueInCustomerCurrency: 1500.5,
    DateOfLastInvoice: '2017-01-03T00:00:00Z',
    AccountType: 'BalanceForward',
    DateLastMaintained: '2015-06-01T00:00:00Z',
  },
  {
    CustomerNumber: '1200',
    BalanceDueInCustomerCurrency: 2000,
    DateOfLastInvoice: '2016-12-31T00:00:00Z',
    AccountType: 'BalanceForward',
    DateLastMaintained: '2024-02-01T00:00:00Z',
  },
  {
    CustomerNumber: '1300',
    BalanceDueInCustomerCurrency: 5000,
    DateOfLastInvoice: '2017-05-01T00:00:00Z',
    AccountType: 'OpenItem',
    DateLastMaintained: null,
  },
  {
    CustomerNumber: "O'Brien",
    BalanceDueInCustomerCurrency: 10,
    DateOfLastInvoice: null,
    AccountType: 'OpenItem',
    DateLastMaintained: '2016-01-01T00:00:00Z',
  },
];
const orders: Json[] = [
  {
    OrderUniquifier: 1,
    OrderNumber: 'ORD000001',
    OrderType: 'Active',
    OrderReference: 'WEB-1',
    OnHold: false,
    OrderDate: '2026-10-30T00:00:00Z',
  },
  {
    OrderUniquifier: 2,
    OrderNumber: 'ORD000002',
    OrderType: 'Quote',
    OrderReference: "Pat's order",
    OnHold: true,
    OrderDate: '2026-11-01T00:00:00Z',
  },
  {
    OrderUniquifier: 3,
    OrderNumber: 'X-ORD-3',
    OrderType: 'Active',
    OrderReference: '',
    OnHold: false,
    OrderDate: '2026-11-20T00:00:00Z',
  },
];
const invoices: Json[] = [
  { InvoiceUniquifier: 1, InvoiceDate: '2024-11-30T00:00:00Z' },
  { InvoiceUniquifier: 2, InvoiceDate: '2024-12-01T00:00:00Z' },
  { InvoiceUniquifier: 3, InvoiceDate: '2025-01-15T00:00:00Z' },
];
const details: Json[] = [
  { ItemNumber: 'CP-100', Location: '1' },
  { ItemNumber: 'A1-105/0', Location: '1' },
  { ItemNumber: 'CP-200', Location: '2' },
];
const keys = (rows: Json[], key: string) => rows.map((r) => r[key]);

// Every filter string the reference sheet quotes (sheet §3.2, §4.5, §4.8, §5.2), with the rows it selects.
const SHEET_FILTERS: [string, EntityType, Json[], string, unknown[]][] = [
  [
    "BalanceDueInCustomerCurrency gt 1000.00 and DateOfLastInvoice gt 2016-12-31T12:00:00Z and AccountType eq 'BalanceForward'",
    CUSTOMER,
    customers,
    'CustomerNumber',
    ['1100'],
  ],
  ['InvoiceDate ge 2024-12-01T00:00:00Z', INVOICE, invoices, 'InvoiceUniquifier', [2, 3]],
  ["contains(OrderNumber,'x')", ORDER, orders, 'OrderUniquifier', []],
  ["contains(OrderNumber,'ORD')", ORDER, orders, 'OrderUniquifier', [1, 2, 3]],
  ["startswith(ItemNumber,'CP')", LOCATION_DETAIL, details, 'ItemNumber', ['CP-100', 'CP-200']],
  ["ItemNumber eq 'A1-105/0'", LOCATION_DETAIL, details, 'ItemNumber', ['A1-105/0']],
  ["OrderType eq 'Quote'", ORDER, orders, 'OrderUniquifier', [2]],
  ["OrderType ne 'Quote'", ORDER, orders, 'OrderUniquifier', [1, 3]],
  ["OrderNumber eq 'ORD000001' or OrderNumber eq 'X-ORD-3'", ORDER, orders, 'OrderUniquifier', [1, 3]],
  ["OrderReference eq 'Pat''s order'", ORDER, orders, 'OrderUniquifier', [2]],
  [
    "UnformattedItemNumber eq 'A11050' or UnformattedItemNumber eq 'B2999'",
    ITEM,
    [{ UnformattedItemNumber: 'A11050' }, { UnformattedItemNumber: 'B2999' }, { UnformattedItemNumber: 'C1' }],
    'UnformattedItemNumber',
    ['A11050', 'B2999'],
  ],
  ["LocationKey eq '1'", LOCATION, [{ LocationKey: '1' }, { LocationKey: '2' }], 'LocationKey', ['1']],
  ["CustomerNumber eq 'O''Brien'", CUSTOMER, customers, 'CustomerNumber', ["O'Brien"]],
];

describe('$filter: the reference sheet’s filter strings', () => {
  it.each(SHEET_FILTERS)('%s', (filter, type, rows, key, expected) => {
    expect(keys(run(type, filter, rows), key)).toEqual(expected);
  });

  it('accepts many ORs (SUPPLYKEY batches item lookups)', () => {
    const filter = Array.from({ length: 60 }, (_, i) => `ItemNumber eq 'CP-${i}00'`).join(' or ');
    expect(keys(run(LOCATION_DETAIL, filter, details), 'ItemNumber')).toEqual(['CP-100', 'CP-200']);
  });

  it('v3 forms DEVREF22 prints are refused by default and read with v3Literals', () => {
    for (const f of [
      "DateLastMaintained le datetime'2015-12-31T12:00'",
      'BalanceDueInCustomerCurrency gt 99.99m',
      "substringof('Bri',CustomerNumber)",
    ]) {
      expect(() => parseFilter(f)).toThrow(FilterSyntaxError);
    }
    expect(
      keys(run(CUSTOMER, "DateLastMaintained le datetime'2015-12-31T12:00'", customers, true), 'CustomerNumber'),
    ).toEqual(['1100']);
    expect(keys(run(CUSTOMER, 'BalanceDueInCustomerCurrency lt 99.99m', customers, true), 'CustomerNumber')).toEqual([
      "O'Brien",
    ]);
    expect(keys(run(CUSTOMER, "substringof('Bri',CustomerNumber)", customers, true), 'CustomerNumber')).toEqual([
      "O'Brien",
    ]);
  });

  it("a quoted date against a date property is a type error, as ASP.NET OData reports it ('2024-01-01' in one unverified client)", () => {
    expect(() => run(CUSTOMER, "DateLastMaintained ge '2024-01-01'", customers)).toThrow(/incompatible types/);
  });
});

describe('$filter: operators, precedence, literals', () => {
  const cases: [string, number[]][] = [
    ['OrderUniquifier gt 1 and OnHold eq false', [3]],
    ['OrderUniquifier ge 2', [2, 3]],
    ['OrderUniquifier lt 2 or OrderUniquifier le 3 and OnHold eq true', [1, 2]],
    ['(OrderUniquifier lt 2 or OrderUniquifier le 3) and OnHold eq true', [2]],
    ["not contains(OrderNumber,'X') and OnHold eq false", [1]],
    ["not (contains(OrderNumber,'X') and OnHold eq false)", [1, 2]],
    ['not OnHold', [1, 3]],
    ['OnHold', [2]],
    ['OrderDate ge 2026-11-01', [2, 3]],
    ['OrderDate lt 2026-11-01T00:00:00Z', [1]],
    ['OrderDate gt 2026-11-01T01:00:00+02:00', [2, 3]],
    ["endswith(OrderNumber,'-3')", [3]],
    ["OrderReference eq ''", [3]],
    ['length(OrderReference) gt 5', [2]],
    ["tolower(OrderNumber) eq 'x-ord-3'", [3]],
    ["toupper(OrderReference) eq 'WEB-1'", [1]],
    ["trim(OrderReference) eq 'WEB-1'", [1]],
    ['OrderUniquifier eq 99999999999', []],
    ['OrderUniquifier lt 1e1', [1, 2, 3]],
    ['OrderUniquifier gt -1', [1, 2, 3]],
    ['  OrderUniquifier eq 2  ', [2]],
    ['OrderReference ne null', [1, 2, 3]],
    ["OrderType eq 'Active' and OrderUniquifier ne 1", [3]],
  ];
  it.each(cases)('%s', (filter, expected) => {
    expect(keys(run(ORDER, filter, orders), 'OrderUniquifier')).toEqual(expected);
  });
});

describe('$filter: malformed input gets a documented error, never a crash', () => {
  const syntax = [
    'OrderUniquifier gt',
    'OrderUniquifier gt 5 and',
    '(OrderUniquifier gt 5',
    'OrderUniquifier gt 5)',
    "OrderNumber eq 'unterminated",
    'foo(OrderNumber) eq 1',
    'eq 1',
    "OrderNumber eq 'a' OrderType",
    'contains(OrderNumber)',
    "contains(OrderNumber,'a',1)",
    'OrderNumber # 1',
    'OrderUniquifier eq 12abc',
    '',
    'and',
    'OrderDate ge 2026-13-45',
  ];
  it.each(syntax)('syntax: %j', (filter) => {
    expect(() => parseFilter(filter)).toThrow(FilterSyntaxError);
  });

  const typing: [string, RegExp][] = [
    ["Bogus eq 'x'", /Could not find a property named 'Bogus'/],
    ["OrderType eq 'Shipped'", /not a valid enumerated type constant/],
    ["OrderUniquifier eq '1'", /incompatible types/],
    ['OrderNumber gt 5', /incompatible types/],
    ['OnHold gt true', /incompatible types/],
    ['contains(OrderUniquifier,1)', /No function signature/],
    ['OrderNumber', /boolean value/],
  ];
  it.each(typing)('type: %s', (filter, message) => {
    expect(() => run(ORDER, filter, orders)).toThrow(FilterTypeError);
    expect(() => run(ORDER, filter, orders)).toThrow(message);
  });

  it('fuzz: any text either parses or throws FilterSyntaxError', () => {
    const alphabet = fc.constantFrom(..."OrderNumbereqandornot()',  0123456789-:TZ.$#contains".split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          try {
            parseFilter(text);
          } catch (error) {
            expect(error).toBeInstanceOf(FilterSyntaxError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
