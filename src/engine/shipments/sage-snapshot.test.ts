import { describe, expect, it } from 'vitest';
import type { SageWriteBack } from '../../domain/sage-write-back.js';
import { decideApplied, type SageSnapshot } from './sage-snapshot.js';
import { orderIdForms, shipmentSourceId } from './source-id.js';

const line = (lineNumber: number, quantity: number) => ({ lineNumber, quantity });
const request = (lines: SageWriteBack['lines'], tracking = 'T1'): SageWriteBack => ({
  tracking,
  shipViaCode: null,
  shipDate: null,
  lines: lines.filter((l) => l.quantity > 0),
});
const snap = (shipments: number, shipped: Record<string, number>, tracking = ''): SageSnapshot => ({
  numberOfShipments: shipments,
  lastShipmentNumber: shipments ? `SH${shipments}` : '',
  tracking,
  shipped,
  outstanding: 0,
});

describe('did the write happen? (read back after a crash or a lost answer)', () => {
  const before = snap(1, { 32: 2, 64: 0 }, 'OLD');
  it.each([
    ['nothing moved: not applied', request([line(32, 3)]), snap(1, { 32: 2, 64: 0 }, 'OLD'), 'not_applied'],
    [
      'one more shipment with our quantities: applied',
      request([line(32, 3), line(64, 1)]),
      snap(2, { 32: 5, 64: 1 }, 'T1'),
      'applied',
    ],
    [
      'our lines untouched while someone shipped others: not applied',
      request([line(64, 1)]),
      snap(2, { 32: 4, 64: 0 }, 'X'),
      'not_applied',
    ],
    ['moved by less than ours: undecided', request([line(32, 3)]), snap(2, { 32: 3, 64: 0 }, 'X'), 'unknown'],
    [
      'two shipments, our tracking number last: applied',
      request([line(32, 3)]),
      snap(3, { 32: 6, 64: 0 }, 'T1'),
      'applied',
    ],
    [
      'two shipments, another tracking number: undecided',
      request([line(32, 3)]),
      snap(3, { 32: 6, 64: 0 }, 'X'),
      'unknown',
    ],
    ['tracking only, now ours: applied', request([line(32, 0)]), snap(1, { 32: 2, 64: 0 }, 'T1'), 'applied'],
    ['tracking only, not ours: not applied', request([line(32, 0)]), snap(1, { 32: 2, 64: 0 }, 'OLD'), 'not_applied'],
  ] as const)('%s', (_name, req, now, verdict) => {
    expect(decideApplied(req, before, now)).toBe(verdict);
  });
});

describe('one id per label whichever API reported it', () => {
  it.each([
    ['label', 456, 'v1:shipment:456'],
    ['label', 'se-456', 'v1:shipment:456'],
    ['fulfillment', '789', 'v1:fulfillment:789'],
    ['fulfillment', 'se-789', 'v1:fulfillment:789'],
    ['label', 'se-abc', 'v2:label:se-abc'],
  ] as const)('%s %s → %s', (kind, id, expected) => {
    expect(shipmentSourceId(kind, id)).toBe(expected);
  });
  it('order ids in both forms', () => {
    expect(orderIdForms('123')).toEqual(['123', 'se-123']);
    expect(orderIdForms('se-123')).toEqual(['123', 'se-123']);
    expect(orderIdForms('se-x1')).toEqual(['se-x1']);
  });
});
