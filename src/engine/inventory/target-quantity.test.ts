import { describe, expect, it } from 'vitest';
import { targetQuantity } from './target-quantity.js';

const level = (onHand: number, committed: number, available = onHand - committed) => ({
  item: 'A1-105/0',
  location: '1',
  onHand,
  committed,
  available,
});

describe("the quantity ShipStation's on_hand gets", () => {
  it.each([
    // on hand, committed, mode, quantity, adjusted
    [120, 20, 'on_hand', 120, false],
    [120, 20, 'available', 100, false],
    [12.75, 0, 'on_hand', 12, true],
    [2.9999999999, 0, 'on_hand', 3, true],
    [-4, 0, 'on_hand', 0, true],
    [5, 9, 'available', 0, true],
    [0, 0, 'on_hand', 0, false],
  ] as const)('on hand %s, committed %s, %s → %s', (onHand, committed, mode, quantity, adjusted) => {
    expect(targetQuantity(level(onHand, committed), mode)).toEqual({ quantity, adjusted });
  });

  it('uses Sage’s own available quantity when it differs from on hand − committed', () => {
    expect(targetQuantity(level(50, 10, 35), 'available').quantity).toBe(35);
  });

  it('sends 0 for a value that is not a number', () => {
    expect(targetQuantity(level(Number.NaN, 0), 'on_hand')).toEqual({ quantity: 0, adjusted: true });
  });
});
