import type { Link } from '../../domain/link.js';
import type { OrderRecordData, OrderState } from '../../domain/records.js';
import type { SageOrder } from '../../domain/sage.js';
import { auditOrder } from '../records/order-audit.js';
import { writeOrderRecord } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import { count } from '../tally.js';
import { executePlans } from './execute-plans.js';
import { type BatchState, loadBatch, type MappingTables } from './load-batch.js';
import { inTransaction, type OrdersRun } from './order-context.js';
import { type OrderPlan, planOrder } from './plan.js';
import { sageOrderHash } from './raw-hash.js';

/** States in which an order with unchanged Sage content needs nothing from the edits scan. */
const SETTLED: ReadonlySet<OrderState> = new Set([
  'sent',
  'on_hold',
  'skipped',
  'cancelled',
  'written_back',
  'partially_shipped',
  'shipped',
  'conflict',
]);

/**
 * Plans and executes one batch. With the raw-hash shortcut (the edits scan), an order whose Sage content
 * is unchanged since the last pass and whose record is settled is not planned again at all.
 */
export async function processBatch(
  run: OrdersRun,
  orders: readonly SageOrder[],
  mappings: MappingTables,
  options: { rawHashShortcut: boolean; force?: boolean },
): Promise<void> {
  const id = run.connection.id;
  const hashes = new Map(orders.map((o) => [o.uniquifier, sageOrderHash(o, run.settings.fields)]));
  let todo = orders;
  if (options.rawHashShortcut) {
    const known = await run.store.hashes.getMany(id, 'sage_order', [...hashes.keys()]);
    const records = await run.store.records.getMany(id, 'order', [...hashes.keys()]);
    todo = orders.filter((o) => {
      const state = records.get(o.uniquifier)?.state;
      return !(state && SETTLED.has(state) && known.get(o.uniquifier) === hashes.get(o.uniquifier));
    });
    count(run, 'unchanged', orders.length - todo.length);
  }
  if (todo.length === 0) return;
  const state = await loadBatch(run, todo);
  const fresh = todo.filter((o) => !state.records.has(o.uniquifier));
  if (fresh.length > 0 && !run.dryRun) {
    await inTransaction(run, async (tx) => {
      for (const order of fresh) await detected(tx, order);
    });
  }
  // The content hashes were taken above for every order of the batch; a second SHA-256 each would be waste.
  const hashOf = (o: SageOrder) => hashes.get(o.uniquifier) ?? sageOrderHash(o, run.settings.fields);
  const plans = todo
    .filter((order) => options.force || !refusedBefore(state.records.get(order.uniquifier), hashOf(order)))
    .map((order) => plan(run, order, state, mappings, options.force === true));
  await executePlans(run, plans, state.records);
  if (!run.dryRun) await run.store.hashes.setMany(id, 'sage_order', hashes);
  count(run, 'seen', orders.length);
}

/**
 * A permanent refusal is not repeated for the same content: it waits for an edit or a hand retry. The
 * state is checked too: the failure's data keys stay on the record after a later success.
 */
export function refusedBefore(
  record: { state: OrderState; data: OrderRecordData } | undefined,
  sageHash: string,
): boolean {
  return record?.state === 'failed' && record.data.retryable === false && record.data.failedHash === sageHash;
}

function plan(run: OrdersRun, order: SageOrder, state: BatchState, mappings: MappingTables, force: boolean): OrderPlan {
  const links: Link[] = state.links.get(order.uniquifier) ?? [];
  return planOrder(order, {
    company: run.sage.company,
    api: run.shipping.api,
    settings: run.settings,
    links,
    customer: state.customers.get(order.customerNumber),
    items: state.items,
    shipViaMapping: mappings.shipVia.get(order.shipViaCode),
    locationMappings: mappings.location,
    warehouseCountries: mappings.warehouseCountries,
    writeBackPending: links.some((l) => state.pendingWriteBack.has(l.orderKey)),
    lastConflictHash: state.records.get(order.uniquifier)?.data.conflictHash ?? null,
    force,
  });
}

async function detected(run: OrdersRun, order: SageOrder): Promise<void> {
  if (run.dryRun) return;
  await writeOrderRecord(run, refOf(order), {
    customer: order.shipTo.name || order.customerNumber,
    state: 'detected',
    data: { orderDate: order.orderDate },
  });
  const n = order.lines.length;
  await auditOrder(
    run,
    refOf(order),
    'detected',
    `Detected Sage 300 order ${order.number} (customer ${order.customerNumber}, dated ${order.orderDate}, ${n} line${n === 1 ? '' : 's'}).`,
  );
}
