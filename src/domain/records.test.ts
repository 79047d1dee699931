import { describe, expect, it } from 'vitest';
import { parseOrderRecordData } from './records.js';

describe('parseOrderRecordData: the typed data of an order record, from its stored JSON', () => {
  it.each([
    ['empty', '{}', {}],
    [
      'every key, as written',
      '{"orderDate":"2026-03-02","lastPushHash":"p","failedHash":"f","retryable":false,"conflictHash":"c","trackingNumbers":["1Z"],"sageShipments":["SH1","SH2"]}',
      {
        orderDate: '2026-03-02',
        lastPushHash: 'p',
        failedHash: 'f',
        retryable: false,
        conflictHash: 'c',
        trackingNumbers: ['1Z'],
        sageShipments: ['SH1', 'SH2'],
      },
    ],
    ['retryable true', '{"retryable":true}', { retryable: true }],
    ['a string where a boolean belongs is dropped', '{"retryable":"false"}', {}],
    ['a number where a hash belongs is dropped', '{"failedHash":12,"conflictHash":null}', {}],
    ['a list with a non-string is dropped', '{"trackingNumbers":["1Z",5],"sageShipments":"SH1"}', {}],
    ['keys no writer uses are not kept', '{"orderKey":"K","problems":[]}', {}],
    ['not an object', '[1,2]', {}],
    ['null', 'null', {}],
  ])('%s', (_name, json, expected) => {
    expect(parseOrderRecordData(json)).toEqual(expected);
  });

  it('says so when the text is not JSON at all', () => {
    expect(() => parseOrderRecordData('{oops')).toThrow(SyntaxError);
  });
});
