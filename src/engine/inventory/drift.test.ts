import { describe, expect, it } from 'vitest';
import type { DesiredLevel } from './desired-levels.js';
import { compareLevels } from './drift.js';
import { levelKey, parseLevelKey } from './level-key.js';

const want = (location: string, sku: string, quantity: number): DesiredLevel => ({
  key: levelKey(location, sku),
  sku,
  inventoryLocationId: location,
  locationName: `Loc ${location}`,
  sageLocations: ['1'],
  quantity,
  adjusted: false,
});

describe('drift between what ShipStation should show and what it shows', () => {
  it('reports differences and SKUs missing in ShipStation, lists extra stock apart, ignores extra zeros', () => {
    const desired = new Map(
      [want('se-1', 'A', 5), want('se-1', 'B', 0), want('se-1', 'C', 3), want('se-2', 'A', 7)].map((l) => [l.key, l]),
    );
    const actual = new Map([
      [levelKey('se-1', 'A'), 5],
      [levelKey('se-1', 'C'), 4],
      [levelKey('se-2', 'Z|odd'), 9],
      [levelKey('se-2', 'Y'), 0],
    ]);
    const r = compareLevels(desired, actual, new Map([['se-2', 'Chicago']]));
    expect(r.inStep.map((l) => l.key)).toEqual(['se-1|A']);
    expect(r.drift.map((d) => [d.inventoryLocationId, d.sku, d.sage, d.shipstation])).toEqual([
      ['se-1', 'B', 0, null],
      ['se-1', 'C', 3, 4],
      ['se-2', 'A', 7, null],
    ]);
    expect(r.onlyInShipStation).toEqual([
      { sku: 'Z|odd', inventoryLocationId: 'se-2', locationName: 'Chicago', onHand: 9 },
    ]);
  });

  it('keys split at the first bar: SKUs may contain one', () => {
    expect(parseLevelKey(levelKey('se-9', 'A|B'))).toEqual({ inventoryLocationId: 'se-9', sku: 'A|B' });
  });
});
