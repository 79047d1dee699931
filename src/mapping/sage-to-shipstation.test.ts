import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SageItem, SageOrder } from '../domain/sage.js';
import type { Sage300Customer, Sage300Item, Sage300Order } from '../integrations/sage300/schemas.js';
import { toSageCustomer, toSageItem, toSageOrder } from '../integrations/sage300/to-domain.js';
import { v1OrderBody } from '../integrations/shipstation/v1-order-body.js';
import { v2ShipmentBody } from '../integrations/shipstation/v2-shipment-body.js';
import { resolveCustoms } from '../runtime/flow-settings.js';
import { normaliseCountry } from './country.js';
import { mapOrder, type OrderMappingContext, shippableQuantities } from './sage-to-shipstation.js';
import { toWeight } from './weight.js';

/**
 * The mapping table of docs/mapping.md, field by field. The base order is recorded: Sage's own sample body
 * (OEOrders_OrdersOnly.txt) posted to the Sage 300 simulator and read back (test/fixtures), so the input has
 * the shape the Web API really returns.
 */
const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../test/fixtures/oeorders-ordersonly.json'), 'utf8'),
) as {
  order: Sage300Order;
  customer: Sage300Customer;
  item: Sage300Item;
};
const base = toSageOrder(fixture.order);
const item = toSageItem(fixture.item);

function context(over: Partial<OrderMappingContext> = {}): OrderMappingContext {
  return {
    company: 'SAMINC',
    customer: toSageCustomer(fixture.customer),
    items: new Map([[item.unformatted, item]]),
    shipVia: { carrierCode: 'fedex', serviceCode: 'fedex_2day', name: 'FedEx 2Day®' },
    warehouseFor: (l) => (l === '1' ? { warehouseId: '700001', name: 'Seattle Warehouse' } : undefined),
    skuField: 'formatted',
    accountCurrency: 'USD',
    freightCodes: ['FRT'],
    onHold: false,
    ...over,
  };
}

function map(order: SageOrder = base, over: Partial<OrderMappingContext> = {}, seq = 1) {
  const q = shippableQuantities(order);
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  return mapOrder(order, seq, q.value, context(over));
}

function mapped(order: SageOrder = base, over: Partial<OrderMappingContext> = {}, seq = 1) {
  const r = map(order, over, seq);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const withLine = (o: SageOrder, patch: Partial<SageOrder['lines'][number]>): SageOrder => ({
  ...o,
  lines: o.lines.map((l, i) => (i === 0 ? { ...l, ...patch } : l)),
});

describe('Sage sample order (OEOrders_OrdersOnly) → ShipStation V1 createorder body', () => {
  const body = v1OrderBody(mapped());

  it.each([
    ['orderKey', `SAMINC-${base.number}-1`],
    ['orderNumber', base.number],
    ['orderDate', '2020-01-15T12:00:00.0000000'],
    ['orderStatus', 'awaiting_shipment'],
    ['customerUsername', '1400'],
    ['customerEmail', fixture.order.ShipToEmail || fixture.customer.Email],
    ['amountPaid', fixture.order.OrderInclTaxTotal],
    ['requestedShippingService', fixture.order.ShipViaCodeDescription],
    ['carrierCode', 'fedex'],
    ['serviceCode', 'fedex_2day'],
  ] as const)('%s', (field, expected) => {
    expect(body[field]).toBe(expected);
  });

  it('ship-to and bill-to from the order, country as ISO alpha-2', () => {
    expect(body.shipTo).toMatchObject({
      street1: fixture.order.ShipToAddressLine1,
      city: fixture.order.ShipToCity,
      state: fixture.order.ShipToStateProvince,
      postalCode: fixture.order.ShipToZipPostalCode,
      country: 'US',
    });
    expect(body.shipTo.name || body.shipTo.company).toBeTruthy();
    expect(body.billTo.street1).toBeTruthy();
  });

  it('one item per item line: the line number as key, the formatted SKU, stocking units, unit price, weight', () => {
    expect(body.items).toEqual([
      {
        lineItemKey: '32',
        sku: 'A1-105/0',
        name: item.description,
        quantity: 8,
        unitPrice: fixture.order.OrderDetails![0]!.OrderUnitPrice,
        weight: { value: 38.04, units: 'pounds' },
        warehouseLocation: null,
        adjustment: false,
      },
    ]);
    expect(body.weight).toEqual({ value: 304.32, units: 'pounds' });
  });

  it('the miscellaneous handling charge is not an item, nor freight', () => {
    expect(body.shippingAmount).toBe(0);
  });

  it('custom fields: PO number, Sage order number, customer number; warehouse from the location', () => {
    expect(body.advancedOptions).toMatchObject({
      warehouseId: 700001,
      customField1: null,
      customField2: base.number,
      customField3: '1400',
      source: 'Sage 300',
    });
  });

  it('the V2 body carries the same order with the currency', () => {
    const v2 = v2ShipmentBody(mapped(), 'se-1', 'se-700001');
    expect(v2).toMatchObject({
      external_shipment_id: `SAMINC-${base.number}-1`,
      shipment_number: base.number,
      create_sales_order: true,
      warehouse_id: 'se-700001',
      carrier_id: 'se-1',
      service_code: 'fedex_2day',
      ship_to: { country_code: 'US', address_line1: fixture.order.ShipToAddressLine1 },
      items: [{ sku: 'A1-105/0', quantity: 8, external_order_item_id: '32', external_order_id: base.number }],
      amount_paid: { currency: 'usd', amount: fixture.order.OrderInclTaxTotal },
      advanced_options: { custom_field2: base.number, custom_field3: '1400' },
    });
  });
});

describe('field rules', () => {
  it.each([
    [
      'follow-up seq 2',
      () => mapped(base, {}, 2),
      (o: ReturnType<typeof mapped>) => [o.orderKey, o.orderNumber],
      [`SAMINC-${base.number}-2`, `${base.number}-BO2`],
    ],
    ['on hold in Sage', () => mapped(base, { onHold: true }), (o: ReturnType<typeof mapped>) => o.status, 'on_hold'],
    [
      'unformatted SKU setting',
      () => mapped(base, { skuField: 'unformatted' }),
      (o: ReturnType<typeof mapped>) => o.items[0]?.sku,
      'A11050',
    ],
    [
      'a case of 6: quantity in stocking units, price per unit, the name says so',
      () => mapped(withLine(base, { quantityOrdered: 2, unitConversion: 6, unit: 'CAS', unitPrice: 60 })),
      (o: ReturnType<typeof mapped>) => [
        o.items[0]?.quantity,
        o.items[0]?.unitPrice,
        o.items[0]?.name.endsWith('(CAS of 6)'),
      ],
      [12, 10, true],
    ],
    [
      'backordered units are not sent',
      () => mapped(withLine(base, { quantityOrdered: 8, quantityBackordered: 3 })),
      (o: ReturnType<typeof mapped>) => o.items[0]?.quantity,
      5,
    ],
    [
      'freight charge → shippingAmount',
      () =>
        mapped({
          ...base,
          lines: [...base.lines, { ...base.lines[1]!, lineNumber: 96, miscCode: 'FRT', extendedAmount: 14.5 }],
        }),
      (o: ReturnType<typeof mapped>) => o.shippingAmount,
      14.5,
    ],
    [
      'another currency is named in the internal notes, after the comment',
      () => mapped({ ...base, currency: 'CAD', comment: 'Dock 4' }),
      (o: ReturnType<typeof mapped>) => o.internalNotes,
      'Dock 4\nAmounts are in CAD.',
    ],
    [
      'PO number → customField1',
      () => mapped({ ...base, poNumber: 'PO-77' }),
      (o: ReturnType<typeof mapped>) => o.customField1,
      'PO-77',
    ],
    [
      'ship-to e-mail wins over the customer e-mail',
      () => mapped({ ...base, shipTo: { ...base.shipTo, email: 'dock@example.com' } }),
      (o: ReturnType<typeof mapped>) => o.customerEmail,
      'dock@example.com',
    ],
    [
      'contact → name, ship-to name → company',
      () => mapped({ ...base, shipTo: { ...base.shipTo, name: 'Acme Supply', contact: 'Jo Lee' } }),
      (o: ReturnType<typeof mapped>) => [o.shipTo.name, o.shipTo.company],
      ['Jo Lee', 'Acme Supply'],
    ],
  ])('%s', (_name, make, pick, expected) => {
    expect(pick(make() as ReturnType<typeof mapped>)).toEqual(expected);
  });
});

describe('problems that hold an order back, each with the value and the fix', () => {
  const problemOf = (order: SageOrder, over: Partial<OrderMappingContext> = {}) => {
    const q = shippableQuantities(order);
    if (!q.ok) return q.problems;
    const r = mapOrder(order, 1, q.value, context(over));
    return r.ok ? [] : r.problems;
  };
  it.each([
    [
      'no street',
      { ...base, shipTo: { ...base.shipTo, line1: '', city: '' } },
      {},
      'no_ship_to_address',
      /missing street, city/,
    ],
    [
      'unknown country',
      { ...base, shipTo: { ...base.shipTo, country: 'Atlantis' } },
      {},
      'unknown_country',
      /"Atlantis"/,
    ],
    [
      'fractional stocking quantity',
      withLine(base, { quantityOrdered: 2.5 }),
      {},
      'fractional_quantity',
      /2\.5 stocking units/,
    ],
    ['item not in IC Items', base, { items: new Map<string, SageItem>() }, 'item_not_found', /A1-105\/0/],
    [
      'unknown weight unit',
      base,
      { items: new Map([[item.unformatted, { ...item, weightUnit: 'stone' }]]) },
      'unknown_weight_unit',
      /"stone"/,
    ],
    [
      'unmapped ship-via',
      base,
      { shipVia: undefined },
      'unmapped_ship_via',
      /FDX2DY.*mappings set ship_via FDX2DY --service/s,
    ],
    [
      'unmapped location',
      base,
      { warehouseFor: () => undefined },
      'unmapped_location',
      /location 1.*mappings set location 1/s,
    ],
  ] as const)('%s', (_n, order, over, code, text) => {
    const found = problemOf(order as SageOrder, over as Partial<OrderMappingContext>);
    expect(found.map((p) => p.code)).toContain(code);
    const p = found.find((x) => x.code === code)!;
    expect(`${p.message} ${p.fix}`).toMatch(text);
  });

  it('reports every problem at once', () => {
    const found = problemOf(
      { ...base, shipTo: { ...base.shipTo, line1: '' } },
      { shipVia: undefined, warehouseFor: () => undefined },
    );
    expect(found.map((p) => p.code).sort()).toEqual(['no_ship_to_address', 'unmapped_location', 'unmapped_ship_via']);
  });
});

describe('countries and weights', () => {
  it.each([
    ['USA', 'US'],
    ['United States', 'US'],
    ['united states of america', 'US'],
    ['U.S.A.', 'US'],
    ['US', 'US'],
    ['Canada', 'CA'],
    ['CAN', 'CA'],
    ['ca', 'CA'],
    ['Mexico', 'MX'],
    ['UK', 'GB'],
    ['Atlantis', null],
    ['', null],
  ])('%s → %s', (text, code) => {
    expect(normaliseCountry(text)).toBe(code);
  });

  it.each([
    [2, 'lbs.', { value: 2, units: 'pounds' }],
    [2, 'LB', { value: 2, units: 'pounds' }],
    [12, 'oz', { value: 12, units: 'ounces' }],
    [1.5, 'kg', { value: 1500, units: 'grams' }],
    [250, 'g', { value: 250, units: 'grams' }],
    [0, 'stone', null],
    [3, 'stone', 'unknown'],
  ] as const)('%s %s → %j', (value, unit, expected) => {
    expect(toWeight(value, unit)).toEqual(expected);
  });
});

describe('customs: a declaration when the order ships abroad (docs/mapping.md, "Customs")', () => {
  const customs = resolveCustoms({});
  const tagged: SageItem = { ...item, optionalFields: { HSCODE: '9405.21', COUNTRYORIG: 'China' } };
  const abroad = (country: string, state = 'ON'): SageOrder => ({
    ...base,
    shipTo: { ...base.shipTo, country, state, postalCode: 'M5V 2T6' },
  });
  const run = (order: SageOrder, over: Partial<OrderMappingContext> = {}) =>
    map(order, { customs, items: new Map([[item.unformatted, tagged]]), ...over });
  const line = {
    lineKey: '32',
    sku: 'A1-105/0',
    description: item.description,
    quantity: 8,
    value: fixture.order.OrderDetails![0]!.OrderUnitPrice,
    tariffCode: '9405.21',
    countryOfOrigin: 'CN',
  };

  it.each([
    ['Canada (free text)', 'Canada', 'ON'],
    ['United Kingdom (UK)', 'UK', ''],
    ['Great Britain (GB)', 'GB', ''],
  ])(
    '%s: one line per order line, from the item optional fields; merchandise, return to sender',
    (_n, country, state) => {
      const r = run(abroad(country, state));
      expect(r.ok && r.value.customs).toEqual({
        contents: 'merchandise',
        nonDelivery: 'return_to_sender',
        items: [line],
      });
    },
  );

  it('domestic (US to US): no declaration at all, so orders sent before customs keep their content hash', () => {
    const r = run(base);
    expect(r.ok && 'customs' in r.value).toBe(false);
    expect(v1OrderBody(mapped(base, { customs })).internationalOptions).toBeUndefined();
  });

  it('value per stocking unit: the order unit price ÷ the unit conversion, as items[].unitPrice', () => {
    const cases = withLine(abroad('CA'), { unitConversion: 6, unit: 'CAS', quantityOrdered: 2, unitPrice: 120 });
    const r = run(cases);
    expect(r.ok && r.value.customs?.items[0]).toMatchObject({ quantity: 12, value: 20 });
  });

  it.each([
    ['tariff code missing', { COUNTRYORIG: 'CN' }, /no tariff code \(I\/C item optional field HSCODE\)/],
    [
      'country of origin missing',
      { HSCODE: '9405.21' },
      /no country of origin \(I\/C item optional field COUNTRYORIG\)/,
    ],
    ['country of origin not a country', { HSCODE: '9405.21', COUNTRYORIG: 'Atlantis' }, /"Atlantis"/],
  ])('%s: the order is held, naming the item and the field', (_n, fields, message) => {
    const r = run(abroad('CA'), { items: new Map([[item.unformatted, { ...item, optionalFields: fields }]]) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(message);
    expect(r.problems[0]!.message).toContain('A1-105/0');
    expect(r.problems[0]!.fix).toMatch(/Optional Fields/);
  });

  it('no price: held, a declaration needs a value above zero', () => {
    const r = run(withLine(abroad('CA'), { unitPrice: 0 }));
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(['customs_value_missing']);
  });

  it('settings: other optional field names, contents, non-delivery, a warehouse shipping from Canada', () => {
    const settings = resolveCustoms({
      tariffCodeField: 'tariff',
      countryOfOriginField: 'origin',
      contents: 'sample',
      nonDelivery: 'treat_as_abandoned',
      warehouseCountries: { '700001': 'CA' },
    });
    const own: SageItem = { ...item, optionalFields: { TARIFF: '8471.60', ORIGIN: 'TW' } };
    const items = new Map([[item.unformatted, own]]);
    const toUs = mapped(base, { customs: settings, items });
    expect(toUs.customs).toMatchObject({ contents: 'sample', nonDelivery: 'treat_as_abandoned' });
    expect(toUs.customs?.items[0]).toMatchObject({ tariffCode: '8471.60', countryOfOrigin: 'TW' });
    expect(mapped(abroad('CA'), { customs: settings, items }).customs).toBeUndefined();
    expect(mapped(abroad('CA'), { customs: resolveCustoms({ enabled: false }), items }).customs).toBeUndefined();
  });

  it('the warehouse origin ShipStation shows decides, below the connection setting', () => {
    const known = new Map([[item.unformatted, tagged]]);
    const fromCanada = {
      customs,
      items: known,
      warehouseCountry: (id: string) => (id === '700001' ? 'CA' : undefined),
    };
    expect(mapped(abroad('CA'), fromCanada).customs).toBeUndefined();
    expect(mapped(base, fromCanada).customs?.items).toHaveLength(1);
    const overridden = { ...fromCanada, customs: resolveCustoms({ warehouseCountries: { '700001': 'US' } }) };
    expect(mapped(base, overridden).customs).toBeUndefined();
  });

  it('V1 internationalOptions and V2 customs + packages[0].products carry it', () => {
    const o = mapped(abroad('CA'), { customs, items: new Map([[item.unformatted, tagged]]) });
    expect(v1OrderBody(o).internationalOptions).toEqual({
      contents: 'merchandise',
      nonDelivery: 'return_to_sender',
      customsItems: [
        {
          description: line.description,
          quantity: 8,
          value: line.value,
          harmonizedTariffCode: '9405.21',
          countryOfOrigin: 'CN',
        },
      ],
    });
    const v2 = v2ShipmentBody(o, 'se-12001', 'se-700001');
    expect(v2['customs']).toEqual({ contents: 'merchandise', non_delivery: 'return_to_sender' });
    expect(v2.packages?.[0]?.products).toEqual([
      {
        description: line.description,
        quantity: 8,
        value: { currency: 'usd', amount: line.value },
        harmonized_tariff_code: '9405.21',
        country_of_origin: 'CN',
        sku: 'A1-105/0',
      },
    ]);
  });
});
