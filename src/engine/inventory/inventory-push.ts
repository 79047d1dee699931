import type { SageStockLevel } from '../../domain/sage.js';
import type { FlowContext, PlannedWrite } from '../ports.js';
import { type DesiredLevel, readDesiredLevels } from './desired-levels.js';
import { INVENTORY_HASH_KIND, levelKey, parseLevelKey } from './level-key.js';
import type { InventoryOutcome, InventorySink, InventoryTarget, StockSource } from './ports.js';
import { pushLevels } from './push-levels.js';

export interface InventoryPushOptions {
  targets: readonly InventoryTarget[];
  concurrency?: number;
  /** The V2 budget's pace (limit / window), for the first estimate of the time left. */
  expectedPerMs?: number;
  /** The SKU of a stock record (default: the formatted item number, as on orders). */
  skuOf?: (level: SageStockLevel) => string | undefined;
}

/** Dry runs list at most this many writes (a first push can be 30,000); the count says the rest. */
const MAX_PLANNED = 1000;

/**
 * Inventory, Sage 300 → ShipStation V2 (domain.md): reads Sage stock of the mapped locations, compares each
 * SKU and location with the quantity last pushed, and sends only the changes.
 *
 * A location never pushed to starts from what ShipStation already shows there (a lost database, stock
 * typed in by hand): one read per 500 levels instead of one write per SKU, and only the differences are
 * sent. A SKU absent from ShipStation is sent even when Sage has 0, so ShipStation tracks it.
 */
export async function runInventoryPush(
  ctx: FlowContext,
  ports: { stock: StockSource; sink: InventorySink },
  options: InventoryPushOptions,
): Promise<InventoryOutcome> {
  const id = ctx.connection.id;
  const signal = ctx.signal;
  const desired = await readDesiredLevels(ports.stock, options.targets, {
    mode: ctx.settings.inventoryQuantity,
    ...(options.skuOf ? { skuOf: options.skuOf } : {}),
    signal,
  });
  const last = await ctx.store.hashes.getMany(id, INVENTORY_HASH_KIND);
  const pushedBefore = new Set([...last.keys()].map((k) => parseLevelKey(k).inventoryLocationId));
  const firstLocations = new Set(options.targets.map((t) => t.inventoryLocationId).filter((l) => !pushedBefore.has(l)));
  const baseline = new Map<string, string>();
  for (const location of firstLocations) {
    const skus = [...desired.levels.values()].filter((l) => l.inventoryLocationId === location).map((l) => l.sku);
    for await (const page of ports.sink.levels(location, signal, skus)) {
      for (const l of page) baseline.set(levelKey(location, l.sku), String(l.onHand));
    }
  }

  const inStep: [string, string][] = [];
  const changes: DesiredLevel[] = [];
  const was = new Map<string, string>();
  for (const level of desired.levels.values()) {
    const previous = last.get(level.key) ?? baseline.get(level.key);
    if (previous !== undefined) was.set(level.key, previous);
    if (previous === String(level.quantity)) {
      if (!last.has(level.key)) inStep.push([level.key, previous]);
      continue;
    }
    changes.push(level);
  }
  changes.sort((a, b) => a.key.localeCompare(b.key));
  const first = changes.some((c) => firstLocations.has(c.inventoryLocationId));
  const counts: Record<string, number> = {
    sage_records: desired.read,
    levels: desired.levels.size,
    unchanged: desired.levels.size - changes.length,
    changed: changes.length,
    adjusted_quantities: [...desired.levels.values()].filter((l) => l.adjusted).length,
    skipped_records: desired.skipped,
    first_push_locations: firstLocations.size,
    already_in_step: inStep.length,
  };

  if (ctx.dryRun) {
    return { counts, planned: changes.slice(0, MAX_PLANNED).map((c) => planned(c, was.get(c.key))) };
  }
  // Levels ShipStation already shows correctly count as pushed, so later runs compare against them.
  await ctx.store.hashes.setMany(id, INVENTORY_HASH_KIND, inStep);
  const result = await pushLevels(ctx, ports.sink, changes, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.expectedPerMs ? { expectedPerMs: options.expectedPerMs } : {}),
    previous: was,
    first,
    phase: first ? 'inventory first push' : 'inventory changes',
  });
  counts['pushed'] = result.pushed;
  counts['failed'] = result.failed;
  if (firstLocations.size > 0) {
    await ctx.store.audit.append(
      options.targets
        .filter((t) => firstLocations.has(t.inventoryLocationId))
        .map((t) => ({
          connectionId: id,
          recordKind: 'inventory_location',
          recordKey: t.inventoryLocationId,
          display: t.name,
          event: 'inventory_first_push',
          message: `First push of Sage location ${t.sageLocation} to ${t.name}: ${changes.filter((c) => c.inventoryLocationId === t.inventoryLocationId).length} levels sent, ${inStep.filter(([k]) => parseLevelKey(k).inventoryLocationId === t.inventoryLocationId).length} already matched.`,
          data: { sageLocation: t.sageLocation },
        })),
    );
  }
  return { counts, planned: [] };
}

export function planned(level: DesiredLevel, was: string | undefined): PlannedWrite {
  return {
    system: 'shipstation',
    action: 'inventory adjust',
    key: level.key,
    summary: `${level.sku} at ${level.locationName}: on hand ${was ?? 'not set'} → ${level.quantity}`,
    body: {
      transaction_type: 'adjust',
      sku: level.sku,
      quantity: level.quantity,
      inventory_location_id: level.inventoryLocationId,
    },
  };
}
