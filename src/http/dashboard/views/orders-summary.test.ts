import { describe, expect, it } from 'vitest';
import { ordersSummary } from './orders-summary.js';

describe('ordersSummary', () => {
  it.each([
    [
      { on_hold: 3, partially_shipped: 1, sent: 1 },
      '3 on hold (in Sage 300 and ShipStation); 1 partly shipped, written back so far; 1 in ShipStation, awaiting shipment.',
    ],
    [{ conflict: 1 }, '1 needs attention.'],
    [{ conflict: 2 }, '2 need attention.'],
    [{ written_back: 4 }, '4 shipped and written back to Sage 300.'],
    [{ some_new_state: 2 }, '2 some new state.'],
    [{}, ''],
  ])('%j reads %j', (counts, text) => {
    expect(ordersSummary(counts)).toBe(text);
  });
});
