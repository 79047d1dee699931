import { inventoryTargets } from '../../src/engine/inventory/availability.js';
import type { InventoryTarget } from '../../src/engine/inventory/ports.js';
import { locationDetailSchema } from '../../src/integrations/sage300/schemas.js';
import { V2InventorySink } from '../../src/integrations/shipstation/v2-inventory-sink.js';
import type { World } from '../helpers/world.js';

/** Sage's QuantityOnHand per `location|item`, read straight from the Web API. */
export async function sageOnHand(w: World): Promise<Map<string, number>> {
  const rt = await w.connector.runtime(w.connection);
  const rows = await rt.sageClient.listAll('IC', 'ICLocationDetails', { schema: locationDetailSchema });
  return new Map(rows.map((r) => [`${r.Location}|${r.ItemNumber}`, r.QuantityOnHand ?? 0]));
}

/** ShipStation's on_hand per `inventoryLocationId|sku` at the mapped locations. */
export async function shipStationOnHand(w: World, targets: readonly InventoryTarget[]): Promise<Map<string, number>> {
  const rt = await w.connector.runtime(w.connection);
  const sink = new V2InventorySink(rt.v2!);
  const out = new Map<string, number>();
  for (const t of targets) {
    for await (const page of sink.levels(t.inventoryLocationId))
      for (const l of page) out.set(`${t.inventoryLocationId}|${l.sku}`, l.onHand);
  }
  return out;
}

export async function mappedTargets(w: World): Promise<InventoryTarget[]> {
  return inventoryTargets(await w.app.store.mappings.list(w.connection.id, 'inventory_location'));
}

/** `POST /v2/inventory` requests the ShipStation simulator has answered, by status. */
export function inventoryPosts(w: World): Record<string, number> {
  return w.ss.stats.snapshot().byRoute['v2 POST /v2/inventory'] ?? {};
}

export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
