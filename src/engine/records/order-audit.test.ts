import { describe, expect, it } from 'vitest';
import { orderAuditEntry } from './order-audit.js';

const order = { uniquifier: '77', orderNumber: 'ORD1' };

describe('orderAuditEntry: the audit row of an event of a Sage order', () => {
  it.each([
    [
      'words only',
      { event: 'skipped', message: 'Not sent: will-call.' },
      { event: 'skipped', message: 'Not sent: will-call.' },
    ],
    [
      'with data',
      { event: 'held', message: 'm', data: { problems: [] } },
      { event: 'held', message: 'm', data: { problems: [] } },
    ],
    [
      'a push, with its payload hash',
      { event: 'pushed', message: 'm', data: { request: {} }, payloadHash: 'h' },
      { event: 'pushed', message: 'm', data: { request: {} }, payloadHash: 'h' },
    ],
  ])('%s', (_name, e, expected) => {
    expect(orderAuditEntry(4, order, e)).toStrictEqual({
      connectionId: 4,
      recordKind: 'order',
      recordKey: '77',
      display: 'ORD1',
      ...expected,
    });
  });
});
