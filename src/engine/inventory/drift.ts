import type { DesiredLevel } from './desired-levels.js';
import { parseLevelKey } from './level-key.js';
import type { DriftEntry, DriftReport } from './ports.js';

/**
 * Compares what ShipStation should show with what it shows (pure). A SKU Sage lists that ShipStation does
 * not track is drift (a push would send it); a SKU ShipStation holds that Sage does not list at that
 * location is reported apart with its quantity, and never changed: it may belong to another channel.
 */
export function compareLevels(
  desired: ReadonlyMap<string, DesiredLevel>,
  actual: ReadonlyMap<string, number>,
  locationNames: ReadonlyMap<string, string>,
): { drift: DriftEntry[]; onlyInShipStation: DriftReport['onlyInShipStation']; inStep: DesiredLevel[] } {
  const drift: DriftEntry[] = [];
  const inStep: DesiredLevel[] = [];
  for (const level of desired.values()) {
    const shown = actual.get(level.key);
    if (shown === level.quantity) {
      inStep.push(level);
      continue;
    }
    drift.push({
      sku: level.sku,
      inventoryLocationId: level.inventoryLocationId,
      locationName: level.locationName,
      sageLocations: level.sageLocations,
      sage: level.quantity,
      shipstation: shown ?? null,
    });
  }
  const onlyInShipStation: DriftReport['onlyInShipStation'] = [];
  for (const [key, onHand] of actual) {
    if (desired.has(key) || onHand === 0) continue;
    const { inventoryLocationId, sku } = parseLevelKey(key);
    onlyInShipStation.push({
      sku,
      inventoryLocationId,
      locationName: locationNames.get(inventoryLocationId) ?? inventoryLocationId,
      onHand,
    });
  }
  const order = (a: { inventoryLocationId: string; sku: string }, b: { inventoryLocationId: string; sku: string }) =>
    a.inventoryLocationId.localeCompare(b.inventoryLocationId) || a.sku.localeCompare(b.sku);
  drift.sort(order);
  onlyInShipStation.sort(order);
  return { drift, onlyInShipStation, inStep };
}
