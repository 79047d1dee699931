import { describe, expect, it } from 'vitest';
import { acceptedMessage, linesOf } from './link-sent.js';

describe('acceptedMessage: the audit message of a push ShipStation accepted', () => {
  it.each([
    ['a create', false, { ssOrderId: '9', verb: 'created', retried: 0 }, 'ShipStation accepted ORD1 as order 9.'],
    [
      'a create on hold',
      true,
      { ssOrderId: '9', verb: 'created', retried: 0 },
      'ShipStation accepted ORD1 as order 9 (on hold, as in Sage 300).',
    ],
    ['an update', false, { ssOrderId: '9', verb: 'updated', retried: 0 }, 'ShipStation order 9 updated.'],
    [
      'an update on hold, after one retry',
      true,
      { ssOrderId: '9', verb: 'updated', retried: 1 },
      'ShipStation order 9 updated and on hold, as in Sage 300. The request went through after 1 retry (ShipStation was busy or failing, and the connector waited and tried again).',
    ],
    [
      'a create after three retries',
      false,
      { ssOrderId: '9', verb: 'created', retried: 3 },
      'ShipStation accepted ORD1 as order 9. The request went through after 3 retries (ShipStation was busy or failing, and the connector waited and tried again).',
    ],
  ] as const)('%s', (_name, onHold, a, expected) => {
    expect(acceptedMessage('ORD1', onHold, a)).toBe(expected);
  });
});

describe('linesOf: an outbound order as its link keeps it', () => {
  it('the line key is the Sage line number', () => {
    const items = [
      { lineKey: '32', sku: 'A1', quantity: 2 },
      { lineKey: '64', sku: 'B2', quantity: 1 },
    ];
    expect(linesOf({ items })).toEqual([
      { lineNumber: 32, sku: 'A1', quantity: 2 },
      { lineNumber: 64, sku: 'B2', quantity: 1 },
    ]);
  });
});
