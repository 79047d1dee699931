import type { FlowContext } from '../ports.js';
import { readDesiredLevels } from './desired-levels.js';
import { compareLevels } from './drift.js';
import type { InventoryPushOptions } from './inventory-push.js';
import { planned } from './inventory-push.js';
import { INVENTORY_HASH_KIND, levelKey } from './level-key.js';
import type { DriftEntry, DriftReport, InventoryOutcome, InventorySink, StockSource } from './ports.js';
import { pushLevels } from './push-levels.js';

/**
 * `reconcile inventory`: reads both sides in full — Sage stock of the mapped locations and ShipStation's
 * levels there (one request per 500) — and reports every SKU and location where they differ. With `fix`,
 * sends Sage's quantity for each (one `adjust` each) and records what ShipStation now shows as "last
 * pushed", so later runs compare against the truth again. Without `fix` it writes nothing.
 */
export async function runInventoryReconcile(
  ctx: FlowContext,
  ports: { stock: StockSource; sink: InventorySink },
  options: InventoryPushOptions & { fix: boolean },
): Promise<InventoryOutcome> {
  const id = ctx.connection.id;
  const desired = await readDesiredLevels(ports.stock, options.targets, {
    mode: ctx.settings.inventoryQuantity,
    ...(options.skuOf ? { skuOf: options.skuOf } : {}),
    signal: ctx.signal,
  });
  const actual = new Map<string, number>();
  const names = new Map(options.targets.map((t) => [t.inventoryLocationId, t.name]));
  for (const location of names.keys()) {
    for await (const page of ports.sink.levels(location, ctx.signal)) {
      for (const l of page) actual.set(levelKey(location, l.sku), l.onHand);
    }
  }
  const { drift, onlyInShipStation, inStep } = compareLevels(desired.levels, actual, names);
  const report: DriftReport = { checked: desired.levels.size, drift, onlyInShipStation, fixed: 0, failed: 0 };
  const counts: Record<string, number> = {
    checked: report.checked,
    drift: drift.length,
    only_in_shipstation: onlyInShipStation.length,
  };
  const levelOf = (d: DriftEntry) => desired.levels.get(levelKey(d.inventoryLocationId, d.sku))!;
  if (!options.fix) return { counts, planned: [], report };
  if (ctx.dryRun) return { counts, planned: drift.slice(0, 1000).map((d) => planned(levelOf(d), was(d))), report };
  await refreshInStep(ctx, inStep);
  if (drift.length === 0) return { counts, planned: [], report };
  const result = await pushLevels(ctx, ports.sink, drift.map(levelOf), {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.expectedPerMs ? { expectedPerMs: options.expectedPerMs } : {}),
    previous: new Map(
      drift
        .filter((d) => d.shipstation !== null)
        .map((d) => [levelKey(d.inventoryLocationId, d.sku), String(d.shipstation)]),
    ),
    first: false,
    phase: 'inventory drift fix',
  });
  report.fixed = result.pushed;
  report.failed = result.failed;
  counts['fixed'] = result.pushed;
  counts['failed'] = result.failed;
  await ctx.store.audit.append({
    connectionId: id,
    recordKind: 'inventory_reconcile',
    recordKey: new Date(ctx.clock.now()).toISOString(),
    event: 'inventory_reconciled',
    message: `Inventory reconcile: ${report.checked} levels compared, ${drift.length} differed, ${result.pushed} fixed, ${result.failed} failed.`,
    data: { checked: report.checked, drift: drift.length, fixed: result.pushed, failed: result.failed },
  });
  return { counts, planned: [], report };
}

function was(d: { shipstation: number | null }): string | undefined {
  return d.shipstation === null ? undefined : String(d.shipstation);
}

/** Levels ShipStation shows correctly are recorded as pushed: the next push compares against the truth. */
async function refreshInStep(ctx: FlowContext, inStep: readonly { key: string; quantity: number }[]): Promise<void> {
  await ctx.store.hashes.setMany(
    ctx.connection.id,
    INVENTORY_HASH_KIND,
    inStep.map((l) => [l.key, String(l.quantity)] as [string, string]),
  );
}
