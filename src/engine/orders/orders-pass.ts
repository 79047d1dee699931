import type { FlowContext, FlowOutcome, OrderSource, ShippingPlatform } from '../ports.js';
import { count, outcome } from '../tally.js';
import { windowStart } from './business-date.js';
import { byKey, retryDue } from './by-key.js';
import { loadMappings, type MappingTables } from './load-batch.js';
import type { OrdersRun } from './order-context.js';
import { processBatch } from './process-batch.js';
import { relinkOnce } from './relink-once.js';

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
      await openOrders(run, mappings, options.from ?? windowStart(run.clock.now(), run.settings), !options.from);
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

async function newOrders(run: OrdersRun, mappings: MappingTables): Promise<void> {
  const id = run.connection.id;
  const saved = await run.store.cursors.get(id, 'orders', CURSOR_HWM);
  if (saved === undefined) {
    await goLive(run, mappings);
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

/**
 * Go-live: the open orders from the start date, never the whole history by surprise. The mark is read
 * first, so an order entered meanwhile is picked up by the next poll (and sent once: idempotent).
 */
async function goLive(run: OrdersRun, mappings: MappingTables): Promise<void> {
  const max = await run.sage.maxUniquifier();
  const start = run.settings.startDate ?? windowStart(run.clock.now(), run.settings);
  run.logger.info(
    { connection: run.connection.name, startDate: start },
    'orders go-live: sending open orders from the start date',
  );
  await openOrders(run, mappings, start, false);
  if (!run.dryRun)
    await run.store.cursors.save(run.connection.id, 'orders', CURSOR_HWM, max ?? '0', run.lease ?? undefined);
  count(run, 'go_live');
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
  await notInScan(run, mappings, seen);
}

/** Active links read per page: the check after a scan holds one page of them, never every link at once. */
const LINKS_PAGE = 1000;

/**
 * Linked orders still open in ShipStation that the scan did not return: deleted, completed, or older
 * than the window. Each is read by key (rare: normally they are in the scan).
 */
async function notInScan(run: OrdersRun, mappings: MappingTables, seen: ReadonlySet<string>): Promise<void> {
  const done = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await run.store.links.byStatus(run.connection.id, ['open', 'on_hold', 'creating'], LINKS_PAGE, after);
    if (page.length === 0) return;
    after = page[page.length - 1]?.orderKey;
    // An order's split-off parts may straddle two pages: each Sage order is read once.
    const missing = [...new Set(page.map((l) => l.sageUniquifier))].filter((u) => !seen.has(u) && !done.has(u));
    for (const u of missing) done.add(u);
    if (missing.length > 0) await byKey(run, mappings, missing, false);
    if (page.length < LINKS_PAGE || run.signal.aborted) return;
  }
}
