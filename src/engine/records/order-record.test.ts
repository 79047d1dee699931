import { describe, expect, it } from 'vitest';
import { stateChanged, withShipmentAdditions } from './order-record.js';

describe('withShipmentAdditions: what a write-back adds to the record', () => {
  it.each([
    ['nothing added', {}, {}, {}],
    ['an empty tracking list adds nothing', { trackingNumbers: ['1Z1'] }, { trackingNumbers: [] }, {}],
    ['a null shipment adds nothing', { sageShipments: ['SH1'] }, { sageShipment: null }, {}],
    ['the first tracking numbers', {}, { trackingNumbers: ['1Z1', '1Z2'] }, { trackingNumbers: ['1Z1', '1Z2'] }],
    [
      'tracking numbers accumulate, each once, in order',
      { trackingNumbers: ['1Z1', '1Z2'] },
      { trackingNumbers: ['1Z2', '1Z3', '1Z3'] },
      { trackingNumbers: ['1Z1', '1Z2', '1Z3'] },
    ],
    [
      'a Sage shipment number is added once',
      { sageShipments: ['SH1'] },
      { sageShipment: 'SH1' },
      { sageShipments: ['SH1'] },
    ],
    [
      'both at once, other keys untouched',
      { orderDate: '2026-03-02', sageShipments: ['SH1'] },
      { trackingNumbers: ['1Z9'], sageShipment: 'SH2' },
      { trackingNumbers: ['1Z9'], sageShipments: ['SH1', 'SH2'] },
    ],
  ])('%s', (_name, known, add, expected) => {
    expect(withShipmentAdditions(known, add)).toStrictEqual(expected);
  });
});

describe('stateChanged: whether a write changes what people see', () => {
  it.each([
    ['no record yet', undefined, { state: 'held', reason: 'r' }, true],
    ['same state and reason', { state: 'held', reason: 'r' }, { state: 'held', reason: 'r' }, false],
    ['another reason', { state: 'held', reason: 'r' }, { state: 'held', reason: 's' }, true],
    ['another state', { state: 'held', reason: 'r' }, { state: 'skipped', reason: 'r' }, true],
    ['a reason where there was none', { state: 'sent', reason: null }, { state: 'sent', reason: '' }, true],
  ] as const)('%s', (_name, before, next, expected) => {
    expect(stateChanged(before, next)).toBe(expected);
  });
});
