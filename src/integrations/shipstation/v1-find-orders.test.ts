import { describe, expect, it } from 'vitest';
import { coveringPrefixes } from './v1-find-orders.js';

describe('coveringPrefixes', () => {
  it.each([
    [['SO100'], ['SO100']],
    [['SO100', 'SO100-BO2', 'SO100-BO3'], ['SO100']],
    [['SO1001', 'SO100'], ['SO100']], // SO100 also covers SO1001: exact orderKey match sorts it out
    [
      ['SO200', 'SO100', 'SO300-BO2'],
      ['SO100', 'SO200', 'SO300-BO2'],
    ],
    [
      ['A', 'A', 'B'],
      ['A', 'B'],
    ],
    [[], []],
  ])('%j → %j', (numbers, prefixes) => {
    expect(coveringPrefixes(numbers)).toEqual(prefixes);
  });
});
