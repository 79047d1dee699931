import { DEMO_LOCATIONS, DEMO_SHIP_VIAS } from '../demo-world.js';
import { generateOrders } from './order-generate.js';
import { miscLine } from './order-lines.js';
import { releaseLine } from './order-stock.js';
import { intBetween, pick, type Random, seededRandom } from './prng.js';
import { seedCustomers } from './seed-customers.js';
import type { Json, SimState } from './sim-state.js';
import { dayToSage, round } from './values.js';

/**
 * The `demo` seed: the distributor of domain.md, deterministic (seeded PRNG, dates relative to the
 * simulator's clock). Names line up with the ShipStation simulator through demo-world.ts: locations carry
 * the warehouse names, ship-via descriptions name the carrier services (plus LTL freight and will-call,
 * which have no ShipStation service). Sage's own sample payloads work against it: customer 1400, item
 * A1-105/0 at location 1, miscellaneous charge HC.
 */
const CATEGORIES = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C1', 'D1'] as const;
const NOUNS = [
  'Desk Lamp',
  'Office Chair',
  'Filing Cabinet',
  'Bookcase',
  'Monitor Arm',
  'Whiteboard',
  'Shelf Unit',
  'Cable Tray',
  'Footrest',
  'Task Light',
  'Storage Bin',
  'Label Printer',
  'Paper Shredder',
  'Coat Rack',
  'Desk Organizer',
  'Drawer Pedestal',
  'Laptop Stand',
  'Printer Stand',
  'Mail Sorter',
  'Easel',
];
const ADJECTIVES = [
  'Standard',
  'Deluxe',
  'Compact',
  'Heavy-Duty',
  'Ergonomic',
  'Mobile',
  'Steel',
  'Oak',
  'Black',
  'White',
];
export const TAX_GROUPS: Record<string, number> = {
  USDTAX: 0.075,
  WATAX: 0.101,
  CATAX: 0.0775,
  CANTAX: 0.05,
  EXEMPT: 0,
};

export function seedMasterData(st: SimState): void {
  for (const loc of DEMO_LOCATIONS) {
    st.locations.set(loc.code, {
      LocationKey: loc.code,
      Name: loc.name,
      LocationType: 'Physical',
      AddressLine1: loc.address.street1,
      AddressLine2: '',
      AddressLine3: '',
      AddressLine4: '',
      City: loc.address.city,
      StateProvince: loc.address.state,
      ZipPostalCode: loc.address.postalCode,
      Country: 'USA',
      PhoneNumber: loc.address.phone,
      FaxNumber: '',
      Contact: 'Warehouse Manager',
      UpdateOperation: 'Unspecified',
    });
  }
  for (const via of DEMO_SHIP_VIAS) st.shipVias.set(via.code, shipViaJson(via.code, via.name));
  for (const [code, description, amount] of [
    ['FRT', 'Freight', 0],
    ['HC', 'Handling Charge', 15],
    ['INS', 'Insurance', 0],
  ] as const) {
    st.miscCharges.set(code, { code, description, amount });
  }
  for (const [group, rate] of Object.entries(TAX_GROUPS)) st.taxRates.set(group, rate);
}

export function shipViaJson(code: string, name: string): Json {
  return {
    Code: code,
    Name: name,
    AddressLine1: '',
    AddressLine2: '',
    AddressLine3: '',
    AddressLine4: '',
    City: '',
    StateProvince: '',
    ZipPostalCode: '',
    Country: '',
    PhoneNumber: '',
    FaxNumber: '',
    Contact: '',
    Comment: '',
    UpdateOperation: 'Unspecified',
  };
}

export interface ItemSpec {
  itemNumber: string;
  description: string;
  category?: string;
  unitWeight?: number;
  weightUnit?: string;
  price?: number;
  stockingUnit?: string;
  caseSize?: number;
  stockItem?: boolean;
  /** I/C item optional fields by name (the demo's HSCODE and COUNTRYORIG, read for customs). */
  optionalFields?: Record<string, string>;
}

export function itemJson(st: SimState, spec: ItemSpec): Json {
  const unformatted = spec.itemNumber.replace(/[^A-Za-z0-9]/g, '');
  const stocking = spec.stockingUnit ?? 'Ea.';
  const units: Json[] = [
    { ItemNumber: spec.itemNumber, UnitOfMeasure: stocking, ConversionFactor: 1, UpdateOperation: 'Unspecified' },
  ];
  if (spec.caseSize) {
    units.push({
      ItemNumber: spec.itemNumber,
      UnitOfMeasure: 'CAS',
      ConversionFactor: spec.caseSize,
      UpdateOperation: 'Unspecified',
    });
  }
  return {
    UnformattedItemNumber: unformatted,
    ItemNumber: spec.itemNumber,
    Description: spec.description,
    StructureCode: 'LONG',
    Category: spec.category ?? spec.itemNumber.slice(0, 2),
    AccountSetCode: 'AVG',
    StockItem: spec.stockItem ?? true,
    StockingUnitOfMeasure: stocking,
    DefaultPriceListCode: 'WHS',
    UnitWeight: spec.unitWeight ?? 1,
    WeightUnitOfMeasure: spec.weightUnit ?? 'lbs.',
    KittingItem: false,
    DateLastMaintained: dayToSage(st.today() - 90),
    Comment1: '',
    Comment2: '',
    Comment3: '',
    Comment4: '',
    PreferredVendor: '',
    ItemUnitsOfMeasure: units,
    ItemOptionalFields: Object.entries(spec.optionalFields ?? {}).map(([field, value]) => ({
      ItemNumber: spec.itemNumber,
      OptionalField: field,
      Value: value,
      UpdateOperation: 'Unspecified',
    })),
    UpdateOperation: 'Unspecified',
  };
}

/** HS headings by demo category (lamps, seats, office goods…) and the countries the goods come from. */
const HS_BY_CATEGORY: Record<string, string> = {
  A1: '9405.21',
  A2: '9401.30',
  A3: '8304.00',
  A4: '4820.10',
  B1: '8471.60',
  B2: '8504.40',
  C1: '3926.10',
  D1: '7326.90',
};
const ORIGINS = ['US', 'CN', 'CA', 'MX', 'DE', 'TW'] as const;

/**
 * Every demo item carries a tariff code and a country of origin, derived from its number (no random draw,
 * so the rest of the seed stays as it was).
 */
function customsFields(itemNumber: string, n: number): Record<string, string> {
  return {
    HSCODE: HS_BY_CATEGORY[itemNumber.slice(0, 2)] ?? '9999.99',
    COUNTRYORIG: ORIGINS[n % ORIGINS.length]!,
  };
}

export function addItem(st: SimState, spec: ItemSpec): Json {
  const json = itemJson(st, spec);
  st.items.set(String(json['UnformattedItemNumber']), json);
  st.itemsByNumber.set(spec.itemNumber, json);
  st.prices.set(String(json['UnformattedItemNumber']), spec.price ?? 10);
  return json;
}

export function seedItems(st: SimState, random: Random): void {
  const numbers = new Set<string>(['A1-105/0']);
  while (numbers.size < 200) {
    numbers.add(`${pick(random, CATEGORIES)}-${intBetween(random, 100, 999)}/${intBetween(random, 0, 1)}`);
  }
  let n = 0;
  for (const itemNumber of [...numbers].sort()) {
    n++;
    const weightUnit = n === 17 || n === 121 ? 'kg' : n === 163 ? 'stone' : 'lbs.';
    addItem(st, {
      itemNumber,
      description:
        itemNumber === 'A1-105/0' ? 'Fluorescent Desk Lamp' : `${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`,
      unitWeight: weightUnit === 'lbs.' ? round(0.5 + random() * 40, 2) : round(0.5 + random() * 10, 2),
      weightUnit,
      price: round(5 + random() * 300, 2),
      ...(n % 20 === 3 || itemNumber === 'A1-105/0' ? { caseSize: n % 40 === 3 ? 12 : 6 } : {}),
      optionalFields: customsFields(itemNumber, n),
    });
  }
  const today = st.today();
  for (const item of st.items.values()) {
    const scarce = random() < 0.06;
    for (const loc of st.locations.keys()) {
      const rec = st.stockAt(String(item['ItemNumber']), loc);
      rec.onHand = scarce ? intBetween(random, 0, 20) : intBetween(random, 100, 600);
      rec.onPurchaseOrder = scarce ? intBetween(random, 20, 100) : 0;
      rec.cost = round((st.prices.get(String(item['UnformattedItemNumber'])) ?? 10) * 0.6, 4);
      rec.lastReceipt = today - intBetween(random, 3, 120);
    }
  }
}

export function seedDemo(st: SimState): void {
  const random = seededRandom(300);
  seedMasterData(st);
  seedItems(st, random);
  seedCustomers(st, random);
  generateOrders(st, { count: 300, status: 'completed', days: 400, random, caseRate: 0.05 });
  generateOrders(st, { count: 40, status: 'open', days: 14, random, onHoldRate: 0.1, caseRate: 0.1 });
  // A few of the open orders are not shippable (quote, future) and some carry freight or handling charges.
  const open = st.orders.slice(-40);
  for (const [i, row] of open.entries()) {
    if (i % 13 === 4) row.type = 3;
    if (i % 17 === 9) row.type = 1;
    if (row.type !== 0) for (const line of row.lines) releaseLine(st, line);
    if (i % 5 === 2) {
      const frt = { code: 'FRT', description: 'Freight', amount: round(10 + random() * 60, 2) };
      const hc = st.miscCharges.get('HC');
      const charge =
        i % 10 === 2
          ? frt
          : { code: 'HC', description: hc?.description ?? 'Handling Charge', amount: hc?.amount ?? 15 };
      row.lines.push(miscLine((row.lines.length + 1) * 32, charge.code, charge.description, charge.amount));
    }
  }
}
