import { contentHash } from '../../domain/content-hash.js';
import type { Link } from '../../domain/link.js';
import type { SageOrder } from '../../domain/sage.js';
import { count } from '../tally.js';
import { executePlans } from './execute-plans.js';
import type { MappingTables } from './load-batch.js';
import type { OrdersRun } from './order-context.js';
import type { OrderPlan } from './plan.js';
import { processBatch } from './process-batch.js';

/** Orders given by key: re-read each from Sage; a deleted one cancels its open ShipStation orders. */
export async function byKey(
  run: OrdersRun,
  mappings: MappingTables,
  uniquifiers: readonly string[],
  force: boolean,
): Promise<void> {
  let found: SageOrder[] = [];
  for (const u of uniquifiers) {
    const order = await run.sage.getOrder(u);
    if (order && !order.completed) {
      found.push(order);
      // Planned a page at a time, as the scans are: a long list is never held in memory whole.
      if (found.length >= BY_KEY_BATCH) {
        await processBatch(run, found, mappings, { rawHashShortcut: false, force });
        found = [];
      }
      continue;
    }
    const links = await run.store.links.forSageOrder(run.connection.id, u);
    const active = links.filter((l) => l.status === 'open' || l.status === 'on_hold' || l.status === 'creating');
    if (active.length > 0) await executePlans(run, goneFromSagePlans(order, active), new Map());
  }
  if (found.length > 0) await processBatch(run, found, mappings, { rawHashShortcut: false, force });
}

/** Orders read by key per planned batch: the size of a Sage page. */
const BY_KEY_BATCH = 100;

/**
 * What to do with the ShipStation orders still open for a Sage order that is deleted (null) or completed:
 * cancel them, unless Sage shipped goods itself, which a person must sort out in ShipStation.
 */
export function goneFromSagePlans(order: SageOrder | null, active: readonly Link[]): OrderPlan[] {
  if (!order)
    return active.map((link) => ({ kind: 'cancel', order: null, link, reason: 'the order was deleted in Sage 300' }));
  const shippedInSage = order.lines.some((l) => l.quantityShippedToDate > 0);
  return active.map(
    (link): OrderPlan =>
      shippedInSage
        ? {
            kind: 'conflict',
            order,
            link,
            hash: contentHash(['completed', order.uniquifier]),
            reason: `order ${order.number} was completed in Sage 300 (shipped there) while ShipStation order ${link.orderKey} is still open: cancel or ship it in ShipStation`,
          }
        : { kind: 'cancel', order, link, reason: 'the order was closed in Sage 300 without shipping (lost sale)' },
  );
}

/** Held and failed orders whose retry time has come are read again and re-planned. */
export async function retryDue(run: OrdersRun, mappings: MappingTables): Promise<void> {
  const due = await run.store.records.due(run.connection.id, 'order', ['held', 'failed'], 200);
  const retryable = due.filter((r) => r.state === 'held' || r.data.retryable === true);
  if (retryable.length === 0) return;
  count(run, 'retried', retryable.length);
  await byKey(
    run,
    mappings,
    retryable.map((r) => r.key),
    true,
  );
}
