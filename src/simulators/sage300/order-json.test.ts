import { describe, expect, it } from 'vitest';
import { keyRange } from './list-query.js';
import { parseFilter } from './odata-filter-parser.js';
import { missingGetters } from './order-json.js';

describe('order JSON', () => {
  it('has a getter for every property of the Order and OrderDetail models', () => {
    expect(missingGetters()).toEqual([]);
  });
});

describe('keyRange', () => {
  const range = (f: string) => keyRange(parseFilter(f), 'OrderUniquifier');
  it.each([
    ['OrderUniquifier gt 100', { min: 101 }],
    ["OrderUniquifier ge 100 and OrderType eq 'Active'", { min: 100 }],
    ['OrderUniquifier gt 10 and OrderUniquifier le 20', { min: 11, max: 20 }],
    ['100 lt OrderUniquifier', { min: 101 }],
    ['OrderUniquifier eq 7', { min: 7, max: 7 }],
    ['OrderUniquifier gt 10 or OrderUniquifier lt 3', {}],
    ['not (OrderUniquifier gt 10)', {}],
  ])('%s', (filter, expected) => {
    expect(range(filter)).toEqual(expected);
  });
});
