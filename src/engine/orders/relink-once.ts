import type { SageOrder } from '../../domain/sage.js';
import type { ShippingOrderSnapshot } from '../ports.js';
import { refOf } from '../records/record-scope.js';
import { linkFromSnapshot, relink } from '../records/snapshot-link.js';
import { count } from '../tally.js';
import { windowStart } from './business-date.js';
import type { OrdersRun } from './order-context.js';

/** Re-links ShipStation orders already there (lost or new database) before anything is created. */
export async function relinkOnce(run: OrdersRun): Promise<void> {
  const id = run.connection.id;
  const flag = `relinked:${id}:${run.shipping.api}`;
  if (run.dryRun || (await run.store.kv.get(flag))) return;
  const links = await run.store.links.count(id);
  const since = new Date(
    Date.parse(run.settings.startDate ?? windowStart(run.clock.now(), run.settings)) - 7 * 86_400_000,
  );
  let relinked = 0;
  if (links === 0) {
    for await (const page of run.shipping.scanOrders(`${run.sage.company}-`, since)) {
      for (const snap of page) if (await relinkFound(run, snap)) relinked++;
    }
  }
  await run.store.kv.set(flag, new Date(run.clock.now()).toISOString());
  if (relinked > 0) {
    count(run, 'relinked', relinked);
    run.logger.info({ relinked }, 're-linked existing ShipStation orders by key');
  }
}

/** Links one ShipStation order whose key names a Sage order (`{COMPANY}-{number}-{seq}`); false when none. */
async function relinkFound(run: OrdersRun, snap: ShippingOrderSnapshot): Promise<boolean> {
  const m = /^(.*)-(\d+)$/.exec(snap.orderKey.slice(run.sage.company.length + 1));
  if (!m) return false;
  const [, orderNumber, seq] = m as unknown as [string, string, string];
  if (await run.store.links.get(run.connection.id, snap.orderKey)) return false;
  const order = await findSageOrderByNumber(run, orderNumber);
  if (!order) return false;
  // The link keeps the number as the key has it: it names the ShipStation order (and its split-off parts).
  const to = { sageUniquifier: order.uniquifier, sageOrderNumber: orderNumber, seq: Number(seq) };
  const link = linkFromSnapshot(snap, { connectionId: run.connection.id, api: run.shipping.api, ...to });
  const message = `Found ShipStation order ${snap.ssOrderId} (key ${snap.orderKey}) from before this database: linked to it, nothing created.`;
  await relink(run, link, refOf(order), message);
  return true;
}

const orderByNumberCache = new WeakMap<OrdersRun, Map<string, SageOrder | null>>();

async function findSageOrderByNumber(run: OrdersRun, orderNumber: string): Promise<SageOrder | null> {
  let cache = orderByNumberCache.get(run);
  if (!cache) {
    cache = new Map();
    orderByNumberCache.set(run, cache);
  }
  if (cache.has(orderNumber)) return cache.get(orderNumber) ?? null;
  const order = await run.sage.getOrderByNumber(orderNumber);
  // Bounded: it spares re-reading an order for its split-off parts, which the scan returns close together;
  // re-linking a whole account must not keep every Sage order it read.
  if (cache.size >= RELINK_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(orderNumber, order);
  return order;
}

const RELINK_CACHE = 1000;
