import type { SageStockLevel } from '../../domain/sage.js';
import { levelKey } from './level-key.js';
import type { InventoryTarget, StockSource } from './ports.js';
import { type QuantityMode, targetQuantity } from './target-quantity.js';

/** What ShipStation should show for one SKU at one inventory location. */
export interface DesiredLevel {
  key: string;
  sku: string;
  inventoryLocationId: string;
  locationName: string;
  /** The Sage locations it comes from (several when several are mapped to one ShipStation location). */
  sageLocations: string[];
  quantity: number;
  /** The quantity had to change to fit ShipStation (a fraction, a negative stock). */
  adjusted: boolean;
}

export interface DesiredLevels {
  levels: Map<string, DesiredLevel>;
  /** Sage stock records read. */
  read: number;
  /** Records with no usable SKU (blank item number, or no unformatted number when SKUs are unformatted). */
  skipped: number;
}

/**
 * Reads Sage stock (ICLocationDetails) of every mapped location and turns it into the levels ShipStation
 * should show. Several Sage locations mapped to one ShipStation location add up (the shelf holds both);
 * the sum is made whole and non-negative once, at the end (target-quantity.ts).
 */
export async function readDesiredLevels(
  stock: StockSource,
  targets: readonly InventoryTarget[],
  options: { mode: QuantityMode; skuOf?: (level: SageStockLevel) => string | undefined; signal?: AbortSignal },
): Promise<DesiredLevels> {
  const sums = new Map<string, { level: SageStockLevel; sku: string; target: InventoryTarget; from: string[] }>();
  let read = 0;
  let skipped = 0;
  for (const target of targets) {
    for await (const page of stock.stockLevels(target.sageLocation, options.signal)) {
      options.signal?.throwIfAborted();
      for (const level of page) {
        read++;
        const sku = (options.skuOf ? options.skuOf(level) : level.item)?.trim();
        if (!sku) {
          skipped++;
          continue;
        }
        const key = levelKey(target.inventoryLocationId, sku);
        const sum = sums.get(key);
        if (!sum) {
          sums.set(key, { level: { ...level }, sku, target, from: [target.sageLocation] });
          continue;
        }
        sum.level.onHand += level.onHand;
        sum.level.committed += level.committed;
        sum.level.available += level.available;
        if (!sum.from.includes(target.sageLocation)) sum.from.push(target.sageLocation);
      }
    }
  }
  const levels = new Map<string, DesiredLevel>();
  for (const [key, s] of sums) {
    const { quantity, adjusted } = targetQuantity(s.level, options.mode);
    levels.set(key, {
      key,
      sku: s.sku,
      inventoryLocationId: s.target.inventoryLocationId,
      locationName: s.target.name,
      sageLocations: s.from,
      quantity,
      adjusted,
    });
  }
  return { levels, read, skipped };
}
