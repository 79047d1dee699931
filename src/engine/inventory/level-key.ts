/**
 * The identity of one pushed level: inventory location id and SKU. Stored as the key of the `inventory`
 * hashes (the value is the quantity last pushed). ShipStation location ids hold no `|` (`se-123`); SKUs
 * may, so only the first `|` separates.
 */
export function levelKey(inventoryLocationId: string, sku: string): string {
  return `${inventoryLocationId}|${sku}`;
}

export function parseLevelKey(key: string): { inventoryLocationId: string; sku: string } {
  const at = key.indexOf('|');
  return at < 0
    ? { inventoryLocationId: key, sku: '' }
    : { inventoryLocationId: key.slice(0, at), sku: key.slice(at + 1) };
}

/** The hashes kind of the inventory flow (store.hashes). */
export const INVENTORY_HASH_KIND = 'inventory';
