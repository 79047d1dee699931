import { describe, expect, it } from 'vitest';
import { planWriteBack, type WriteBackInput } from '../../mapping/shipstation-to-sage.js';
import { sageLine as line, sageOrder as order } from '../../testing/sage-order-fixture.js';
import { writeBackBody, writeBackOfBody } from './write-back-body.js';

const base = {
  credit: new Map<number, number>(),
  trackingNumbers: ['1Z999'],
  shipViaCode: 'UPSGRD',
  shipDate: '2026-11-02',
};

/**
 * Inputs of planWriteBack, each with the exact bytes of the PATCH body planWriteBack built itself before it
 * returned a domain value (recorded from that code, commit 4a85571).
 */
const cases: [string, WriteBackInput, string][] = [
  [
    'every field, one line of two',
    { ...base, order: order([line(32), line(64)]), lines: new Map([[32, 4]]) },
    '{"ShipmentTrackingNumber":"1Z999","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02","OrderDetails":[{"LineNumber":32,"QuantityShipped":4,"UpdateOperation":"Update"}]}',
  ],
  [
    'order units from stocking units, a part case, lines in line order',
    {
      ...base,
      order: order([line(32, { unitConversion: 6, quantityOrdered: 2 }), line(64, { unitConversion: 6 })]),
      lines: new Map([
        [64, 3],
        [32, 12],
      ]),
    },
    '{"ShipmentTrackingNumber":"1Z999","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02","OrderDetails":[{"LineNumber":32,"QuantityShipped":2,"UpdateOperation":"Update"},{"LineNumber":64,"QuantityShipped":0.5,"UpdateOperation":"Update"}]}',
  ],
  [
    'capped at what is outstanding',
    { ...base, order: order([line(32, { quantityOrdered: 3 })]), lines: new Map([[32, 5]]) },
    '{"ShipmentTrackingNumber":"1Z999","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02","OrderDetails":[{"LineNumber":32,"QuantityShipped":3,"UpdateOperation":"Update"}]}',
  ],
  [
    'nothing outstanding: header only',
    { ...base, order: order([line(32, { quantityOrdered: 0 })]), lines: new Map([[32, 5]]) },
    '{"ShipmentTrackingNumber":"1Z999","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02"}',
  ],
  [
    're-label after a void: the credit, no quantity',
    {
      ...base,
      order: order([line(32, { quantityOrdered: 0, quantityShippedToDate: 10 })]),
      lines: new Map([[32, 10]]),
      credit: new Map([[32, 10]]),
      trackingNumbers: ['NEW-TRACKING'],
    },
    '{"ShipmentTrackingNumber":"NEW-TRACKING","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02"}',
  ],
  [
    'a partial credit ships the rest',
    {
      ...base,
      order: order([line(32, { quantityOrdered: 4 })]),
      lines: new Map([[32, 10]]),
      credit: new Map([[32, 6]]),
    },
    '{"ShipmentTrackingNumber":"1Z999","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02","OrderDetails":[{"LineNumber":32,"QuantityShipped":4,"UpdateOperation":"Update"}]}',
  ],
  [
    'a blank first number, a long master cut to 36, several packages',
    {
      ...base,
      order: order([line(32)]),
      lines: new Map([[32, 1]]),
      trackingNumbers: ['  ', `${'X'.repeat(30)}"é/ü\\0123456789`, 'P2'],
    },
    '{"ShipmentTrackingNumber":"XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\\"é/ü\\\\0","ShipViaCode":"UPSGRD","ShipmentDate":"2026-11-02","OrderDetails":[{"LineNumber":32,"QuantityShipped":1,"UpdateOperation":"Update"}]}',
  ],
  [
    'no tracking, ship-via or date: lines only',
    {
      ...base,
      trackingNumbers: [],
      shipViaCode: null,
      shipDate: null,
      order: order([line(32)]),
      lines: new Map([[32, 1]]),
    },
    '{"OrderDetails":[{"LineNumber":32,"QuantityShipped":1,"UpdateOperation":"Update"}]}',
  ],
  [
    'unknown and miscellaneous lines are left out',
    {
      ...base,
      shipViaCode: null,
      order: order([line(32), line(64, { type: 'Miscellaneous' })]),
      lines: new Map([
        [128, 1],
        [64, 1],
        [32, 2.5],
      ]),
    },
    '{"ShipmentTrackingNumber":"1Z999","ShipmentDate":"2026-11-02","OrderDetails":[{"LineNumber":32,"QuantityShipped":2.5,"UpdateOperation":"Update"}]}',
  ],
  [
    'nothing to write',
    { ...base, trackingNumbers: [], shipViaCode: null, shipDate: null, order: order([line(32)]), lines: new Map() },
    '{}',
  ],
];

describe('the write-back PATCH body', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    const { write } = planWriteBack(input);
    // Byte for byte what was sent before (key order included: Sage puts fields to the view in payload order).
    expect(JSON.stringify(writeBackBody(write))).toBe(expected);
  });

  it.each(cases)('%s: a kept body reads back as what it writes', (_name, input, expected) => {
    expect(writeBackOfBody(JSON.parse(expected))).toEqual(planWriteBack(input).write);
  });

  it('a body that is not an object reads back as nothing to write', () => {
    expect(writeBackOfBody(null)).toEqual({ tracking: null, shipViaCode: null, shipDate: null, lines: [] });
  });
});
