import { count } from '../tally.js';
import { recordObserved } from './ingest.js';
import type { PollWindow } from './ports.js';
import type { ShipmentsRun } from './shipments-run.js';
import { orderIdForms } from './source-id.js';
import { linkOf } from './targets.js';

/** Poll windows overlap by this much: late-listed records and clock skew are read twice and deduplicated. */
export const POLL_OVERLAP_MS = 10 * 60_000;
/** The first poll of a connection looks back this far (go-live: never the whole history by surprise). */
export const FIRST_POLL_LOOKBACK_MS = 3 * 86_400_000;

export const cursorName = (api: 'v1' | 'v2') => `poll:${api}`;

/**
 * The polling fallback (domain.md, shipments step 1): labels created, labels voided and fulfillments made
 * since the last poll, minus an overlap, then shipped orders modified in the window that no known event
 * covers. The cursor moves (fenced by the lease) only after every event of the window is recorded.
 * `force`: poll although the last one is recent (the CLI's `sync`, a scheduled run); otherwise only when
 * the interval has passed (a run a webhook triggered).
 */
export async function pollIfDue(run: ShipmentsRun, intervalMs: number, force: boolean): Promise<boolean> {
  const id = run.connection.id;
  const name = cursorName(run.source.api);
  const last = await run.store.cursors.get(id, 'shipments', name);
  const now = run.clock.now();
  const lastAt = last ? Date.parse(last) : null;
  // 10 % slack: a scheduled run comes `interval` after the previous run ended, a little after the cursor.
  if (!force && lastAt !== null && now - lastAt < intervalMs * 0.9) return false;
  const window: PollWindow = {
    from: new Date(lastAt === null ? now - FIRST_POLL_LOOKBACK_MS : lastAt - POLL_OVERLAP_MS),
    to: new Date(now),
  };
  for await (const page of run.source.poll(window, run.signal)) {
    count(run, 'polled', page.length);
    await recordObserved(run, page);
  }
  await safetyNet(run, window);
  if (!run.dryRun && !run.signal.aborted) {
    await run.store.cursors.save(id, 'shipments', name, window.to.toISOString(), run.lease ?? undefined);
  }
  return true;
}

/** Shipped orders of ours with no label or fulfillment on record: read theirs (one call each, rare). */
async function safetyNet(run: ShipmentsRun, window: PollWindow): Promise<void> {
  for await (const page of run.source.shippedOrders(window, run.signal)) {
    for (const o of page) {
      const link = await linkOf(run, o.orderKey, o.ssOrderId);
      if (!link) continue;
      const known = await run.store.shipmentEvents.forOrderKeys(run.connection.id, [link.orderKey, o.orderKey ?? '']);
      const forms = orderIdForms(o.ssOrderId);
      const ids = known.map((e) => (e.data as { observed?: { ssOrderId?: string } }).observed?.ssOrderId ?? '');
      if (ids.some((id) => forms.includes(id))) continue;
      const found = await run.source.shipmentsOfOrder(o.ssOrderId);
      count(run, 'found_by_order', found.length);
      await recordObserved(run, found);
    }
  }
}
