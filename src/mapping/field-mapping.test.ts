import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../domain/content-hash.js';
import { DEFAULT_FIELD_MAPPING, type FieldMappingSettings } from '../domain/field-mapping.js';
import type { SageCustomer, SageOrder } from '../domain/sage.js';
import { checkFieldMapping, nearestNames } from '../engine/mappings/field-check.js';
import { sageOrderHash } from '../engine/orders/raw-hash.js';
import type { Sage300Customer, Sage300Item, Sage300Order } from '../integrations/sage300/schemas.js';
import { toSageCustomer, toSageItem, toSageOrder } from '../integrations/sage300/to-domain.js';
import { v1OrderBody } from '../integrations/shipstation/v1-order-body.js';
import { v2ShipmentBody } from '../integrations/shipstation/v2-shipment-body.js';
import {
  fieldMappingChanges,
  formatFieldSource,
  isDefaultFieldMapping,
  mapFields,
  parseFieldSource,
  resolveFieldMapping,
} from './field-mapping.js';
import { mapOrder, type OrderMappingContext, shippableQuantities } from './sage-to-shipstation.js';

/** The field mapping of docs/mapping.md ("Field mapping", "Third-party billing"), target by target. */
const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../test/fixtures/oeorders-ordersonly.json'), 'utf8'),
) as { order: Sage300Order; customer: Sage300Customer; item: Sage300Item };
const order: SageOrder = {
  ...toSageOrder({ ...fixture.order, PurchaseOrderNumber: 'PO-77', OrderComment: 'Dock 4' }),
  optionalFields: { GIFTMSG: 'Happy birthday!', ISGIFT: 'Y', TAGS: 'VIP, rush' },
};
const customer: SageCustomer = {
  ...toSageCustomer(fixture.customer),
  optionalFields: { BILLPARTY: 'Third party', BILLACCT: 'UPS-99A', BILLZIP: '98101', BILLCTRY: 'USA' },
};
const item = toSageItem(fixture.item);
const sources = { order, customer };
const m = (s: FieldMappingSettings) => resolveFieldMapping(s);
const src = (text: string) => {
  const r = parseFieldSource(text);
  if (!r.ok) throw new Error(r.error);
  return r.source;
};
const billing: FieldMappingSettings = {
  billToParty: src('customer-optional:BILLPARTY'),
  billToAccount: src('customer-optional:BILLACCT'),
  billToPostalCode: src('customer-optional:BILLZIP'),
  billToCountry: src('customer-optional:BILLCTRY'),
};

function outbound(settings: FieldMappingSettings | undefined, c: SageCustomer = customer) {
  const q = shippableQuantities(order);
  if (!q.ok) throw new Error('quantities');
  const ctx: OrderMappingContext = {
    company: 'SAMINC',
    customer: c,
    items: new Map([[item.unformatted, item]]),
    shipVia: { carrierCode: 'fedex', serviceCode: 'fedex_2day', name: 'FedEx 2Day' },
    warehouseFor: () => ({ warehouseId: '700001', name: 'Seattle' }),
    skuField: 'formatted',
    accountCurrency: 'USD',
    freightCodes: ['FRT'],
    onHold: false,
    ...(settings ? { fields: resolveFieldMapping(settings) } : {}),
  };
  return mapOrder(order, 1, q.value, ctx);
}

describe('field mapping: sources', () => {
  it.each([
    ['order:PurchaseOrderNumber', { from: 'order', name: 'PurchaseOrderNumber' }],
    ['order-optional:giftmsg', { from: 'order_optional', name: 'GIFTMSG' }],
    ['customer:CustomerName', { from: 'customer', name: 'CustomerName' }],
    ['customer_optional: billacct ', { from: 'customer_optional', name: 'BILLACCT' }],
    ['text: Thank you', { from: 'text', name: ' Thank you' }],
    ['none', null],
    ['', null],
  ])('parses %j', (text, want) => {
    expect(parseFieldSource(text)).toEqual({ ok: true, source: want });
  });

  it.each(['po', 'order:', 'sage:X', 'text:'])('refuses %j, naming the forms', (text) => {
    const r = parseFieldSource(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/order:<OEOrders field>.*none/);
  });

  it('formats back what it parses', () => {
    for (const t of ['order:OrderReference', 'customer-optional:BILLACCT', 'text:Fragile', 'none'])
      expect(formatFieldSource(src(t))).toBe(t);
  });
});

describe('field mapping: targets', () => {
  it.each([
    [
      'defaults: PO, order number, customer number, comment',
      {},
      {
        customField1: 'PO-77',
        customField2: order.number,
        customField3: order.customerNumber,
        internalNotes: 'Dock 4',
      },
    ],
    [
      'PO number to custom field 2',
      { customField1: null, customField2: src('order:PurchaseOrderNumber') },
      {
        customField1: null,
        customField2: 'PO-77',
      },
    ],
    [
      'an order optional field to the gift message (a gift then)',
      { giftMessage: src('order-optional:GIFTMSG') },
      {
        giftMessage: 'Happy birthday!',
        gift: true,
      },
    ],
    [
      'a missing optional field: mapped but empty, not a gift',
      { giftMessage: src('order-optional:NOPE') },
      {
        giftMessage: null,
        gift: false,
      },
    ],
    ['gift flag from an optional field', { gift: src('order-optional:ISGIFT') }, { gift: true }],
    [
      'customer notes from a customer field',
      { customerNotes: src('customer:CustomerName') },
      {
        customerNotes: customer.name,
      },
    ],
    ['fixed text', { internalNotes: src('text:Handle with care') }, { internalNotes: 'Handle with care' }],
    ['tags split on commas, de-duplicated', { tags: src('order-optional:TAGS') }, { tags: ['VIP', 'rush'] }],
    [
      'order header field beyond the domain ones (case-insensitive)',
      { customField3: src('order:ordertype') },
      {
        customField3: 'Active',
      },
    ],
  ] as const)('%s', (_name, settings, want) => {
    const r = mapFields(m(settings as FieldMappingSettings), sources, 'US');
    expect(r.problems).toEqual([]);
    expect(r.fields).toMatchObject(want);
  });

  it('unmapped optional targets are absent, so the outbound hash of a default order does not move', () => {
    const r = mapFields(DEFAULT_FIELD_MAPPING, sources, 'US');
    expect(Object.keys(r.fields).sort()).toEqual(['customField1', 'customField2', 'customField3', 'internalNotes']);
    const a = outbound(undefined);
    const b = outbound({});
    expect(a.ok && b.ok && contentHash(a.value) === contentHash(b.value)).toBe(true);
    expect(a.ok && 'customerNotes' in a.value).toBe(false);
  });

  it('stores only what differs from the defaults', () => {
    const chosen = m({ customField1: DEFAULT_FIELD_MAPPING.customField1, tags: src('text:Sage') });
    expect(fieldMappingChanges(chosen)).toEqual({ tags: { from: 'text', name: 'Sage' } });
    expect(isDefaultFieldMapping(m({ customField1: { from: 'order', name: 'PurchaseOrderNumber' } }))).toBe(true);
  });
});

describe('third-party billing', () => {
  it.each([
    [
      'third party from customer optional fields',
      billing,
      customer,
      { party: 'third_party', account: 'UPS-99A', postalCode: '98101', countryCode: 'US' },
    ],
    [
      'recipient: the country defaults to the ship-to country',
      { ...billing, billToCountry: null },
      { ...customer, optionalFields: { BILLPARTY: 'recipient', BILLACCT: 'R1', BILLZIP: 'M5H' } },
      { party: 'recipient', account: 'R1', postalCode: 'M5H', countryCode: 'CA' },
    ],
    ['no instructions on this customer: the shipper pays (null)', billing, { ...customer, optionalFields: {} }, null],
    ['shipper named: nothing to send', billing, { ...customer, optionalFields: { BILLPARTY: 'prepaid' } }, null],
  ] as const)('%s', (_name, settings, c, want) => {
    const r = mapFields(m(settings as FieldMappingSettings), { order, customer: c as SageCustomer }, 'CA');
    expect(r.problems).toEqual([]);
    expect(r.fields.billing).toEqual(want);
  });

  it.each([
    [
      'a missing account holds, naming the field',
      { BILLPARTY: 'third party', BILLZIP: '1', BILLCTRY: 'US' },
      /has no billing account \(customer optional field BILLACCT\)/,
    ],
    [
      'a missing postal code and country hold, each named',
      { BILLPARTY: 'third_party', BILLACCT: 'A' },
      /billing postal code \(customer optional field BILLZIP\)[\s\S]*billing country \(customer optional field BILLCTRY\)/,
    ],
    [
      'an account without a party',
      { BILLACCT: 'A', BILLZIP: '1', BILLCTRY: 'US' },
      /no billing party \(customer optional field BILLPARTY\)/,
    ],
    ['an unknown party', { BILLPARTY: 'my uncle', BILLACCT: 'A' }, /billing party "my uncle"/],
    [
      'an unknown country',
      { BILLPARTY: 'third party', BILLACCT: 'A', BILLZIP: '1', BILLCTRY: 'Atlantis' },
      /billing country "Atlantis"/,
    ],
  ])('%s', (_name, fields, want) => {
    const r = mapFields(m(billing), { order, customer: { ...customer, optionalFields: fields } }, 'US');
    expect(r.fields.billing).toBeNull();
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(want);
    expect(r.problems.every((p) => p.code === 'billing_incomplete' && /Customers/.test(p.fix))).toBe(true);
  });

  it('a held order: mapOrder returns the billing problems with the others', () => {
    const r = outbound(billing, { ...customer, optionalFields: { BILLPARTY: 'third party' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual([
      'billing_incomplete',
      'billing_incomplete',
      'billing_incomplete',
    ]);
  });
});

describe('on the wire', () => {
  const chosen: FieldMappingSettings = {
    ...billing,
    customField1: null,
    customField2: src('order:PurchaseOrderNumber'),
    giftMessage: src('order-optional:GIFTMSG'),
    customerNotes: src('text:Leave at the back door'),
  };
  const r = outbound(chosen);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));

  it('V1: customerNotes, gift, giftMessage, advancedOptions custom fields and billTo*', () => {
    expect(v1OrderBody(r.value)).toMatchObject({
      customerNotes: 'Leave at the back door',
      gift: true,
      giftMessage: 'Happy birthday!',
      advancedOptions: {
        customField1: null,
        customField2: 'PO-77',
        billToParty: 'third_party',
        billToAccount: 'UPS-99A',
        billToPostalCode: '98101',
        billToCountryCode: 'US',
      },
    });
  });

  it('V2: notes_from_buyer, is_gift, notes_for_gift, advanced_options custom fields and bill_to_*', () => {
    expect(v2ShipmentBody(r.value, 'se-1', 'se-700001')).toMatchObject({
      notes_from_buyer: 'Leave at the back door',
      is_gift: true,
      notes_for_gift: 'Happy birthday!',
      advanced_options: {
        custom_field2: 'PO-77',
        bill_to_party: 'third_party',
        bill_to_account: 'UPS-99A',
        bill_to_postal_code: '98101',
        bill_to_country_code: 'US',
      },
    });
  });

  it('the defaults send none of them (ShipStation keeps its own)', () => {
    const d = outbound(undefined);
    if (!d.ok) throw new Error('held');
    const v1 = v1OrderBody(d.value);
    expect(v1).not.toHaveProperty('customerNotes');
    expect(v1).not.toHaveProperty('gift');
    expect(v1.advancedOptions).not.toHaveProperty('billToParty');
    expect(v2ShipmentBody(d.value, null, null)).not.toHaveProperty('notes_from_buyer');
  });
});

describe('checked against $metadata', () => {
  const names = {
    order: ['PurchaseOrderNumber', 'OrderReference', 'OrderComment', 'OrderNumber', 'CustomerNumber'],
    customer: ['CustomerName', 'Email'],
  };

  it.each([
    ['a field that exists', { customField1: src('order:OrderReference') }, []],
    ['optional fields are not properties: not checked', { giftMessage: src('order-optional:ANY') }, []],
    [
      'a misspelt order field, with the nearest names',
      { customField2: src('order:PurchaseOrderNo') },
      [/custom field 2: order field PurchaseOrderNo does not exist .*OEOrders.*nearest: PurchaseOrderNumber/],
    ],
    [
      'wrong letter case: the right name first',
      { customerNotes: src('customer:customername') },
      [/nearest: CustomerName/],
    ],
  ] as const)('%s', (_n, settings, want) => {
    const errors = checkFieldMapping(m(settings as FieldMappingSettings), names);
    expect(errors.map((e) => e.message)).toEqual(want.map((w) => expect.stringMatching(w)));
  });

  it('nearest names: up to three, best first', () => {
    expect(nearestNames('OrderRef', names.order)[0]).toBe('OrderReference');
    expect(nearestNames('zzz', names.order)).toEqual([]);
  });
});

describe('the edits scan hash (engine/orders/raw-hash.ts)', () => {
  const { headerFields: _h, optionalFields: _o, ...plain } = order;
  it('under the defaults: the order as hashed before header and optional fields were read', () => {
    expect(sageOrderHash(order, DEFAULT_FIELD_MAPPING)).toBe(contentHash(plain));
  });
  it('under a chosen mapping: it moves with the mapping and with the optional fields it may read', () => {
    const chosen = m({ giftMessage: src('order-optional:GIFTMSG') });
    const a = sageOrderHash(order, chosen);
    expect(a).not.toBe(contentHash(plain));
    expect(sageOrderHash(order, m({ giftMessage: src('order-optional:OTHER') }))).not.toBe(a);
    expect(sageOrderHash({ ...order, optionalFields: { GIFTMSG: 'changed' } }, chosen)).not.toBe(a);
    expect(sageOrderHash(order, chosen)).toBe(a);
  });
});
