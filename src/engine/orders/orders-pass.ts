import { contentHash } from '../../domain/content-hash.js';
import type { Link } from '../../domain/link.js';
import type { SageOrder } from '../../domain/sage.js';
import type { FlowContext, FlowOutcome, OrderSource, ShippingPlatform } from '../ports.js';
import { businessToday, minusDays } from './business-date.js';
import { executePlans, snapStatus } from './execute-plans.js';
import { loadBatch, loadMappings, type MappingTables } from './load-batch.js';
import { count, inTransaction, type OrdersRun, outcome } from './order-context.js';
import { type OrderPlan, planOrder } from './plan.js';

/**
 * Orders: Sage 300 → ShipStation (domain.md). Modes:
 * - `new`: orders created since the high-water mark (every poll), plus held/failed orders whose retry is due;
 *   the first run is the go-live: open orders dated from the start date;
 * - `edits`: open orders in the look-back window, compared by content hash (slower cadence), plus linked
 *   orders that left the window (deleted or completed in Sage);
 * - `reconcile`: every open order, no hash shortcut (nightly);
 * - `orders`: the given Sage orders only (retry / re-sync of one order).
 */
export type OrdersMode = 'new' | 'edits' | 'reconcile' | 'orders';

export const CURSOR_HWM = 'high_water_mark';

export async function runOrdersPass(
  ctx: FlowContext,
  ports: { sage: OrderSource; shipping: ShippingPlatform },
  mode: OrdersMode,
  options: { uniquifiers?: readonly string[]; from?: string } = {},
): Promise<FlowOutcome> {
  const run: OrdersRun = { ...ctx, ...ports, counts: {}, planned: [] };
  await relinkOnce(run);
  const mappings = await loadMappings(run);
  switch (mode) {
    case 'new':
      await retryDue(run, mappings);
      await newOrders(run, mappings);
      break;
    case 'edits':
      // A re-scan from a date (dashboard) is an edits pass over a wider window, without the hash shortcut.
      await openOrders(run, mappings, options.from ?? windowStart(run), !options.from);
      break;
    case 'reconcile':
      await openOrders(run, mappings, null, false);
      break;
    case 'orders':
      await byKey(run, mappings, options.uniquifiers ?? [], true);
      break;
  }
  // A mapping set while this pass ran (with the table read at its start) may have held orders that can go
  // now: make them due at the next poll instead of in five minutes.
  if (!run.dryRun && mappings.latest < (await latestMappingChange(run))) {
    count(run, 'requeued_after_mapping_change', await run.store.records.makeDue(run.connection.id, 'order', ['held']));
  }
  return outcome(run);
}

async function latestMappingChange(run: OrdersRun): Promise<string> {
  return (await run.store.mappings.list(run.connection.id)).reduce((m, x) => (x.updatedAt > m ? x.updatedAt : m), '');
}

function windowStart(run: OrdersRun): string {
  return minusDays(businessToday(run.clock.now(), run.settings.timezone), run.settings.lookbackDays);
}

async function newOrders(run: OrdersRun, mappings: MappingTables): Promise<void> {
  const id = run.connection.id;
  const saved = await run.store.cursors.get(id, 'orders', CURSOR_HWM);
  if (saved === undefined) {
    // Go-live: the open orders from the start date, never the whole history by surprise. The mark is
    // read first, so an order entered meanwhile is picked up by the next poll (and sent once: idempotent).
    const max = await run.sage.maxUniquifier();
    const start = run.settings.startDate ?? windowStart(run);
    run.logger.info(
      { connection: run.connection.name, startDate: start },
      'orders go-live: sending open orders from the start date',
    );
    await openOrders(run, mappings, start, false);
    if (!run.dryRun) await run.store.cursors.save(id, 'orders', CURSOR_HWM, max ?? '0', run.lease ?? undefined);
    count(run, 'go_live');
    return;
  }
  let hwm: string = saved;
  let done = 0;
  const total = run.onProgress ? await run.sage.countNewOrders(hwm === '0' ? null : hwm) : undefined;
  for await (const page of run.sage.newOrders(hwm === '0' ? null : hwm)) {
    if (run.signal.aborted) break;
    if (page.length === 0) continue;
    await processBatch(run, page, mappings, { rawHashShortcut: false });
    const top: string = page.reduce((m: string, o) => (BigInt(o.uniquifier) > BigInt(m) ? o.uniquifier : m), hwm);
    // The mark moves only after every order of the page is recorded (sent, held, skipped or failed).
    if (!run.dryRun) await run.store.cursors.save(id, 'orders', CURSOR_HWM, top, run.lease ?? undefined);
    hwm = top;
    done += page.length;
    run.onProgress?.({ phase: 'new orders', done, ...(total !== undefined ? { total } : {}) });
  }
}

async function openOrders(
  run: OrdersRun,
  mappings: MappingTables,
  from: string | null,
  rawHashShortcut: boolean,
): Promise<void> {
  const seen = new Set<string>();
  let done = 0;
  const total = run.onProgress ? await run.sage.countOpenOrders(from) : undefined;
  for await (const page of run.sage.openOrders(from)) {
    if (run.signal.aborted) return;
    for (const o of page) seen.add(o.uniquifier);
    await processBatch(run, page, mappings, { rawHashShortcut });
    done += page.length;
    run.onProgress?.({
      phase: from ? `open orders since ${from}` : 'all open orders',
      done,
      ...(total !== undefined ? { total } : {}),
    });
  }
  if (run.signal.aborted) return;
  // Linked orders still open in ShipStation that the scan did not return: deleted, completed, or older
  // than the window. Each is read by key (rare: normally they are in the scan).
  const active = await run.store.links.byStatus(run.connection.id, ['open', 'on_hold', 'creating']);
  const missing = [...new Set(active.filter((l) => !seen.has(l.sageUniquifier)).map((l) => l.sageUniquifier))];
  if (missing.length > 0) await byKey(run, mappings, missing, false);
}

/** Orders given by key: re-read each from Sage; a deleted one cancels its open ShipStation orders. */
async function byKey(
  run: OrdersRun,
  mappings: MappingTables,
  uniquifiers: readonly string[],
  force: boolean,
): Promise<void> {
  const found: SageOrder[] = [];
  for (const u of uniquifiers) {
    const order = await run.sage.getOrder(u);
    if (order && !order.completed) {
      found.push(order);
      continue;
    }
    const links = await run.store.links.forSageOrder(run.connection.id, u);
    const active = links.filter((l) => l.status === 'open' || l.status === 'on_hold' || l.status === 'creating');
    if (active.length === 0) continue;
    if (!order) {
      await executePlans(
        run,
        active.map((link) => ({ kind: 'cancel', order: null, link, reason: 'the order was deleted in Sage 300' })),
        new Map(),
      );
    } else {
      const shippedInSage = order.lines.some((l) => l.quantityShippedToDate > 0);
      await executePlans(
        run,
        active.map(
          (link): OrderPlan =>
            shippedInSage
              ? {
                  kind: 'conflict',
                  order,
                  link,
                  hash: contentHash(['completed', order.uniquifier]),
                  reason: `order ${order.number} was completed in Sage 300 (shipped there) while ShipStation order ${link.orderKey} is still open: cancel or ship it in ShipStation`,
                }
              : {
                  kind: 'cancel',
                  order,
                  link,
                  reason: 'the order was closed in Sage 300 without shipping (lost sale)',
                },
        ),
        new Map(),
      );
    }
  }
  if (found.length > 0) await processBatch(run, found, mappings, { rawHashShortcut: false, force });
}

/** Held and failed orders whose retry time has come are read again and re-planned. */
async function retryDue(run: OrdersRun, mappings: MappingTables): Promise<void> {
  const due = await run.store.records.due(run.connection.id, 'order', ['held', 'failed'], 200);
  const retryable = due.filter((r) => r.state === 'held' || r.data['retryable'] === true);
  if (retryable.length === 0) return;
  count(run, 'retried', retryable.length);
  await byKey(
    run,
    mappings,
    retryable.map((r) => r.key),
    true,
  );
}

/** Re-links ShipStation orders already there (lost or new database) before anything is created. */
async function relinkOnce(run: OrdersRun): Promise<void> {
  const id = run.connection.id;
  const flag = `relinked:${id}:${run.shipping.api}`;
  if (run.dryRun || (await run.store.kv.get(flag))) return;
  const links = await run.store.links.count(id);
  const since = new Date(Date.parse(run.settings.startDate ?? windowStart(run)) - 7 * 86_400_000);
  let relinked = 0;
  if (links === 0) {
    for await (const page of run.shipping.scanOrders(`${run.sage.company}-`, since)) {
      for (const snap of page) {
        const m = /^(.*)-(\d+)$/.exec(snap.orderKey.slice(run.sage.company.length + 1));
        if (!m) continue;
        const [, orderNumber, seq] = m as unknown as [string, string, string];
        const existing = await run.store.links.get(id, snap.orderKey);
        if (existing) continue;
        const order = await findSageOrderByNumber(run, orderNumber);
        if (!order) continue;
        await run.store.links.upsert({
          connectionId: id,
          orderKey: snap.orderKey,
          sageUniquifier: order.uniquifier,
          sageOrderNumber: orderNumber,
          seq: Number(seq),
          ssOrderId: snap.ssOrderId,
          api: run.shipping.api,
          status: snapStatus(snap),
          lines: snap.items
            .map((i) => ({ lineNumber: Number(i.lineKey), sku: i.sku ?? '', quantity: i.quantity }))
            .filter((l) => Number.isFinite(l.lineNumber)),
          sentHash: null,
          sent: { carrierCode: snap.carrierCode, serviceCode: snap.serviceCode, warehouseId: snap.warehouseId },
        });
        await run.store.audit.append({
          connectionId: id,
          recordKind: 'order',
          recordKey: order.uniquifier,
          display: order.number,
          event: 'relinked',
          message: `Found ShipStation order ${snap.ssOrderId} (key ${snap.orderKey}) from before this database: linked to it, nothing created.`,
        });
        relinked++;
      }
    }
  }
  await run.store.kv.set(flag, new Date(run.clock.now()).toISOString());
  if (relinked > 0) {
    count(run, 'relinked', relinked);
    run.logger.info({ relinked }, 're-linked existing ShipStation orders by key');
  }
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
  cache.set(orderNumber, order);
  return order;
}

/**
 * Plans and executes one batch. With the raw-hash shortcut (the edits scan), an order whose Sage content
 * is unchanged since the last pass and whose record is settled is not planned again at all.
 */
async function processBatch(
  run: OrdersRun,
  orders: readonly SageOrder[],
  mappings: MappingTables,
  options: { rawHashShortcut: boolean; force?: boolean },
): Promise<void> {
  const id = run.connection.id;
  const hashes = new Map(orders.map((o) => [o.uniquifier, contentHash(o)]));
  let todo = orders;
  if (options.rawHashShortcut) {
    const known = await run.store.hashes.getMany(id, 'sage_order', [...hashes.keys()]);
    const records = await run.store.records.getMany(id, 'order', [...hashes.keys()]);
    todo = orders.filter((o) => {
      const settled = [
        'sent',
        'on_hold',
        'skipped',
        'cancelled',
        'written_back',
        'partially_shipped',
        'shipped',
        'conflict',
      ].includes(records.get(o.uniquifier)?.state ?? '');
      return !(settled && known.get(o.uniquifier) === hashes.get(o.uniquifier));
    });
    count(run, 'unchanged', orders.length - todo.length);
  }
  if (todo.length === 0) return;
  const state = await loadBatch(run, todo);
  const plans: OrderPlan[] = [];
  const fresh = todo.filter((o) => !state.records.has(o.uniquifier));
  if (fresh.length > 0 && !run.dryRun) {
    await inTransaction(run, async (tx) => {
      for (const order of fresh) await detected(tx, order);
    });
  }
  for (const order of todo) {
    const record = state.records.get(order.uniquifier);
    // A permanent refusal is not repeated for the same content: it waits for an edit or a hand retry.
    if (
      !options.force &&
      record?.state === 'failed' &&
      record.data['retryable'] === false &&
      record.data['failedHash'] === contentHash(order)
    ) {
      continue;
    }
    const links: Link[] = state.links.get(order.uniquifier) ?? [];
    plans.push(
      planOrder(order, {
        company: run.sage.company,
        api: run.shipping.api,
        settings: run.settings,
        links,
        customer: state.customers.get(order.customerNumber),
        items: state.items,
        shipViaMapping: mappings.shipVia.get(order.shipViaCode),
        locationMappings: mappings.location,
        writeBackPending: links.some((l) => state.pendingWriteBack.has(l.orderKey)),
        lastConflictHash:
          typeof record?.data['conflictHash'] === 'string' ? (record.data['conflictHash'] as string) : null,
        force: options.force === true,
      }),
    );
  }
  await executePlans(run, plans, state.records);
  if (!run.dryRun) await run.store.hashes.setMany(id, 'sage_order', hashes);
  count(run, 'seen', orders.length);
}

async function detected(run: OrdersRun, order: SageOrder): Promise<void> {
  if (run.dryRun) return;
  await run.store.records.upsert({
    connectionId: run.connection.id,
    kind: 'order',
    key: order.uniquifier,
    display: order.number,
    customer: order.shipTo.name || order.customerNumber,
    state: 'detected',
    data: { orderDate: order.orderDate },
  });
  await run.store.audit.append({
    connectionId: run.connection.id,
    recordKind: 'order',
    recordKey: order.uniquifier,
    display: order.number,
    event: 'detected',
    message: `Detected Sage 300 order ${order.number} (customer ${order.customerNumber}, dated ${order.orderDate}, ${order.lines.length} line${order.lines.length === 1 ? '' : 's'}).`,
  });
}
