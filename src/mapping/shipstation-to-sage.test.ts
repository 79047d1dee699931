import { describe, expect, it } from 'vitest';
import type { Mapping } from '../domain/mappings.js';
import type { ShippedItem } from '../domain/shipped-item.js';
import { sageLine as line, sageOrder as order } from '../testing/sage-order-fixture.js';
import { calendarDate, itemsToLines, planWriteBack, shipViaFor, splitMergedItems } from './shipstation-to-sage.js';

const links = [
  { lineNumber: 32, sku: 'A1-32/0', quantity: 10 },
  { lineNumber: 64, sku: 'A1-64/0', quantity: 6 },
  { lineNumber: 96, sku: 'A1-96/0', quantity: 2 },
];
const item = (lineKey: string | null, sku: string | null, quantity: number): ShippedItem => ({
  lineKey,
  sku,
  quantity,
});

describe('items → Sage lines', () => {
  it.each([
    ['by line key', [item('32', 'A1-32/0', 4)], [[32, 4]], 0],
    ['key wins over a different SKU', [item('64', 'X', 1)], [[64, 1]], 0],
    ['no key: first line with the SKU', [item(null, 'A1-96/0', 2)], [[96, 2]], 0],
    ['unknown key falls back to the SKU', [item('999', 'A1-64/0', 3)], [[64, 3]], 0],
    ['two items on one line add up', [item('32', null, 1), item('32', null, 2)], [[32, 3]], 0],
    ['nothing matches', [item('999', 'ZZZ', 1)], [], 1],
    ['zero quantities are not shipments', [item('32', null, 0)], [], 0],
  ] as const)('%s', (_name, items, expected, unmatched) => {
    const r = itemsToLines(items, links);
    expect([...r.lines]).toEqual(expected);
    expect(r.unmatched).toHaveLength(unmatched);
  });
});

describe('merged orders', () => {
  it('gives each merged-away order its own items and the rest to the order that kept them', () => {
    const label = [item('32', 'A', 2), item('64', 'B', 1), item('32', 'A', 5), item('32', 'C', 1)];
    const r = splitMergedItems(label, [{ id: '2', items: [item('32', 'A', 5)] }]);
    // Line keys collide (every Sage order has a line 32): quantities, not positions, decide.
    expect(r.parts.get('2')).toEqual([
      { lineKey: '32', sku: 'A', quantity: 2 },
      { lineKey: '32', sku: 'A', quantity: 3 },
    ]);
    expect(r.primary).toEqual([item('64', 'B', 1), item('32', 'A', 2), item('32', 'C', 1)]);
  });
});

describe('ship-via back from carrier and service', () => {
  const m = (
    code: string,
    carrierCode: string,
    serviceCode: string,
    status: Mapping['status'] = 'mapped',
  ): Mapping => ({
    connectionId: 1,
    kind: 'ship_via',
    sageValue: code,
    target: { carrierCode, serviceCode, name: code },
    status,
    source: 'user',
    updatedAt: '',
  });
  const table = [
    m('UPSGRD', 'ups', 'ups_ground'),
    m('UPSG2', 'ups', 'ups_ground'),
    m('FDX2D', 'fedex', 'fedex_2day'),
    m('OLD', 'usps', 'usps_priority_mail', 'suggested'),
  ];
  it.each([
    ['the mapped code', 'fedex', 'fedex_2day', 'X', 'FDX2D'],
    ['the order’s own code among several', 'ups', 'ups_ground', 'UPSGRD', 'UPSGRD'],
    ['the first code among several', 'ups', 'ups_ground', 'X', 'UPSG2'],
    ['carrier case does not matter', 'FedEx', 'fedex_2day', 'X', 'FDX2D'],
    ['unmapped service keeps the order’s', 'ups', 'ups_next_day_air', 'X', null],
    ['a suggestion is not a mapping', 'usps', 'usps_priority_mail', 'X', null],
    ['carrier only, unambiguous', 'fedex', null, 'X', 'FDX2D'],
    ['carrier only, ambiguous', 'ups', null, 'X', null],
    ['no carrier', null, null, 'X', null],
  ] as const)('%s', (_name, carrier, service, current, expected) => {
    expect(shipViaFor(table, carrier, service, current)).toBe(expected);
  });
});

describe('planning the write-back', () => {
  const base = {
    credit: new Map<number, number>(),
    trackingNumbers: ['1Z999'],
    shipViaCode: 'UPSGRD',
    shipDate: '2026-11-02',
  };

  it('ships this shipment’s quantities with the tracking number, ship-via and date', () => {
    const p = planWriteBack({ ...base, order: order([line(32), line(64)]), lines: new Map([[32, 4]]) });
    expect(p.write).toEqual({
      tracking: '1Z999',
      shipViaCode: 'UPSGRD',
      shipDate: '2026-11-02',
      lines: [{ lineNumber: 32, quantity: 4 }],
    });
    expect(p.shipsQuantity).toBe(true);
    expect(p.conflicts).toEqual([]);
  });

  it.each([
    ['stocking units → order units (case of 6)', { unitConversion: 6, quantityOrdered: 2 }, 12, 2, 0],
    ['a part case is written as a fraction', { unitConversion: 6, quantityOrdered: 2 }, 3, 0.5, 0],
    ['capped at what is outstanding', { quantityOrdered: 3 }, 5, 3, 2],
    ['nothing outstanding: nothing shipped', { quantityOrdered: 0 }, 5, 0, 5],
  ] as const)('%s', (_name, over, stocking, quantity, excess) => {
    const p = planWriteBack({ ...base, order: order([line(32, over)]), lines: new Map([[32, stocking]]) });
    expect(p.lines[0]).toMatchObject({ quantity, excess });
    expect(p.conflicts.map((c) => c.code)).toEqual(excess > 0 ? ['over_outstanding'] : []);
  });

  it('a re-label after a void takes the credit instead of shipping again, and writes the new tracking number', () => {
    const p = planWriteBack({
      ...base,
      order: order([line(32, { quantityOrdered: 0, quantityShippedToDate: 10 })]),
      lines: new Map([[32, 10]]),
      credit: new Map([[32, 10]]),
      trackingNumbers: ['NEW-TRACKING'],
    });
    expect(p.lines[0]).toMatchObject({ requested: 10, credited: 10, quantity: 0, excess: 0 });
    expect(p.shipsQuantity).toBe(false);
    expect(p.write).toEqual({ tracking: 'NEW-TRACKING', shipViaCode: 'UPSGRD', shipDate: '2026-11-02', lines: [] });
    expect(p.conflicts).toEqual([]);
  });

  it('a partial credit ships only the rest', () => {
    const p = planWriteBack({
      ...base,
      order: order([line(32, { quantityOrdered: 4 })]),
      lines: new Map([[32, 10]]),
      credit: new Map([[32, 6]]),
    });
    expect(p.lines[0]).toMatchObject({ credited: 6, quantity: 4, excess: 0 });
  });

  it('unknown and miscellaneous lines are conflicts; the known ones are still written', () => {
    const p = planWriteBack({
      ...base,
      order: order([line(32), line(64, { type: 'Miscellaneous' })]),
      lines: new Map([
        [32, 1],
        [64, 1],
        [128, 1],
      ]),
    });
    expect(p.conflicts.map((c) => c.code)).toEqual(['unknown_line', 'unknown_line']);
    expect(p.write.lines).toEqual([{ lineNumber: 32, quantity: 1 }]);
  });

  it('several packages: the master tracking number is written, all are kept', () => {
    const p = planWriteBack({
      ...base,
      order: order([line(32)]),
      lines: new Map([[32, 1]]),
      trackingNumbers: ['M', 'P2', 'P3'],
    });
    expect(p.tracking).toEqual({ written: 'M', all: ['M', 'P2', 'P3'], truncated: false });
    expect(p.notes.join(' ')).toMatch(/3 packages/);
  });

  it('a tracking number longer than 36 characters is cut, and says so', () => {
    const long = 'X'.repeat(40);
    const p = planWriteBack({ ...base, order: order([line(32)]), lines: new Map([[32, 1]]), trackingNumbers: [long] });
    expect(p.write.tracking).toBe('X'.repeat(36));
    expect(p.tracking.truncated).toBe(true);
    expect(p.notes.join(' ')).toMatch(/longer than Sage's 36/);
  });

  it('no ship-via mapping and no date: those fields are left alone', () => {
    const p = planWriteBack({
      ...base,
      shipViaCode: null,
      shipDate: null,
      order: order([line(32)]),
      lines: new Map([[32, 1]]),
    });
    expect(p.write).toEqual({
      tracking: '1Z999',
      shipViaCode: null,
      shipDate: null,
      lines: [{ lineNumber: 32, quantity: 1 }],
    });
  });
});

describe('calendar dates', () => {
  it.each([
    ['2024-09-17', '2024-09-17'],
    ['2016-06-07T00:00:00.0000000', '2016-06-07'],
    ['2026-08-12T00:00:00Z', '2026-08-12'],
    [null, null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(calendarDate(input)).toBe(expected);
  });
});
