import { describe, expect, it } from 'vitest';
import type { ShippingOrderSnapshot } from '../ports.js';
import { linkFromSnapshot, snapStatus } from './snapshot-link.js';

const snap = (over: Partial<ShippingOrderSnapshot> = {}): ShippingOrderSnapshot => ({
  ssOrderId: '9001',
  orderKey: 'SAMINC-ORD1-2',
  orderNumber: 'ORD1-BO2',
  status: 'open',
  carrierCode: 'ups',
  serviceCode: 'ups_ground',
  warehouseId: '55',
  items: [],
  mergedInto: null,
  raw: {},
  ...over,
});
const to = { connectionId: 3, api: 'v1' as const, sageUniquifier: '77', sageOrderNumber: 'ORD1', seq: 2 };

describe('snapStatus', () => {
  it.each([
    ['open', 'open'],
    ['on_hold', 'on_hold'],
    ['shipped', 'shipped'],
    ['cancelled', 'cancelled'],
  ] as const)('%s → %s', (status, expected) => {
    expect(snapStatus(snap({ status }))).toBe(expected);
  });
});

describe('linkFromSnapshot: a link to a ShipStation order found there', () => {
  it('names the Sage order and the ShipStation order, with no sent hash', () => {
    expect(linkFromSnapshot(snap({ status: 'on_hold' }), to)).toEqual({
      connectionId: 3,
      orderKey: 'SAMINC-ORD1-2',
      sageUniquifier: '77',
      sageOrderNumber: 'ORD1',
      seq: 2,
      ssOrderId: '9001',
      api: 'v1',
      status: 'on_hold',
      lines: [],
      sentHash: null,
      sent: { carrierCode: 'ups', serviceCode: 'ups_ground', warehouseId: '55' },
    });
  });

  it.each([
    ['a Sage line number', { lineKey: '32', sku: 'A1', quantity: 2 }, [{ lineNumber: 32, sku: 'A1', quantity: 2 }]],
    ['no SKU', { lineKey: '64', sku: null, quantity: 1 }, [{ lineNumber: 64, sku: '', quantity: 1 }]],
    ['a key that is not a line number (added in ShipStation)', { lineKey: 'gift-wrap', sku: 'GW', quantity: 1 }, []],
  ])('an item with %s', (_name, item, lines) => {
    expect(linkFromSnapshot(snap({ items: [item] }), to).lines).toEqual(lines);
  });
});
