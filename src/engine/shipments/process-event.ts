import type { ShipmentEvent } from '../../domain/shipment-event.js';
import { auditOrder } from '../records/order-audit.js';
import { setOrderState } from '../records/order-record.js';
import { count } from '../tally.js';
import { asRecord, type EventData, eventData, type TargetResult, type WriteTarget } from './event-data.js';
import { applyVoid } from './ingest.js';
import type { ShipmentsRun } from './shipments-run.js';
import { orderIdForms } from './source-id.js';
import { confirmImports, now, written } from './target-written.js';
import { linkOf, looksSplit, resolveTargets } from './targets.js';
import { writeTarget } from './write-target.js';

/** Definite refusals tolerated before a person is asked (a race with a Sage user clears on the next read). */
const MAX_REFUSALS = 3;

/**
 * Takes one shipment event as far as it can go: items known, Sage orders found, earlier labels of the same
 * ShipStation order re-checked for voids, then each Sage order written exactly once. Its state says where it
 * stopped: `written`, `queued` (Sage refuses updates), `new` (try again), `conflict` or `ignored`.
 */
export async function processEvent(run: ShipmentsRun, event: ShipmentEvent): Promise<void> {
  const id = run.connection.id;
  let d = eventData(event);
  if (!d.targets) {
    if (await clearlyNotOurs(run, d.observed)) {
      if (!run.dryRun) {
        await run.store.shipmentEvents.update(id, event.sourceId, {
          state: 'ignored',
          reason: `not an order the connector sent (ShipStation order ${d.observed.orderNumber}): left alone`,
        });
      }
      count(run, 'not_ours');
      return;
    }
    const complete = await run.source.complete(d.observed);
    if (complete?.items == null) {
      if (!run.dryRun) {
        await run.store.shipmentEvents.update(id, event.sourceId, {
          reason: 'waiting for ShipStation to list its items',
        });
      }
      return;
    }
    d = { ...d, observed: complete };
    const found = await resolveTargets(run, d.observed);
    if ('ignore' in found) {
      if (!run.dryRun)
        await run.store.shipmentEvents.update(id, event.sourceId, { state: 'ignored', reason: found.ignore });
      count(run, 'not_ours');
      return;
    }
    d = { ...d, targets: found.targets };
    if (!run.dryRun) await detected(run, event, d, found.targets);
  }
  if (d.observed.kind === 'label' && !run.dryRun) await recheckEarlierLabels(run, event, d);

  const results: Record<string, TargetResult> = { ...(d.results ?? {}) };
  if (!run.dryRun) await confirmImports(run, event.sourceId, d, results);
  let queued: string | null = null;
  let retry: { reason: string; refused: boolean } | null = null;
  let conflict: string | null = null;
  for (const target of d.targets ?? []) {
    if (results[target.uniquifier] || run.signal.aborted) continue;
    const outcome = await writeTarget(run, event.sourceId, d, target);
    if (run.dryRun) continue;
    if (outcome.kind === 'done') {
      results[target.uniquifier] = await written(run, event, d, target, outcome.intent);
    } else if (outcome.kind === 'queued') {
      queued = outcome.reason;
      await setOrderState(run, target, 'shipped', `Shipped in ShipStation; not yet in Sage 300: ${outcome.reason}`);
    } else if (outcome.kind === 'conflict') {
      conflict = outcome.reason;
      results[target.uniquifier] = { state: 'conflict', sageShipment: null, at: now(run) };
      await setOrderState(run, target, 'conflict', outcome.reason);
      await auditOrder(run, target, 'shipment_conflict', outcome.reason, { sourceId: event.sourceId });
    } else {
      retry = { reason: outcome.reason, refused: outcome.refused };
    }
  }
  if (run.dryRun) return;
  const attempts = (d.attempts ?? 0) + (retry?.refused ? 1 : 0);
  const next: EventData = { ...d, results, attempts };
  const allDone = (d.targets ?? []).every((t) => results[t.uniquifier]);
  const awaitingImport = Object.values(results).find((r) => r.state === 'exported' && !r.imported);
  if (allDone && awaitingImport) {
    // Exported, not yet imported: still pending, so the orders flow sends no follow-up for goods that shipped.
    await run.store.shipmentEvents.update(id, event.sourceId, {
      state: 'queued',
      reason: `exported to ${awaitingImport.file ?? 'a file'}; waiting for its import in Sage 300 (or "ml-connector shipments requeue")`,
      data: asRecord(next),
    });
  } else if (allDone) {
    const exported = Object.values(results).some((r) => r.state === 'exported');
    await run.store.shipmentEvents.update(id, event.sourceId, {
      state: conflict ? 'conflict' : exported ? 'exported' : 'written',
      reason: conflict ?? (exported ? 'imported in Sage 300 from an export' : null),
      data: asRecord(next),
    });
    count(run, conflict ? 'conflicts' : exported ? 'imported' : 'written');
  } else if (queued) {
    if (event.state !== 'queued') count(run, 'queued');
    await run.store.shipmentEvents.update(id, event.sourceId, {
      state: 'queued',
      reason: queued,
      data: asRecord(next),
    });
  } else if (retry && attempts >= MAX_REFUSALS) {
    const reason = `${retry.reason} (refused ${attempts} times: needs a person)`;
    await run.store.shipmentEvents.update(id, event.sourceId, { state: 'conflict', reason, data: asRecord(next) });
    for (const t of d.targets ?? []) if (!results[t.uniquifier]) await setOrderState(run, t, 'conflict', reason);
    count(run, 'conflicts');
  } else {
    await run.store.shipmentEvents.update(id, event.sourceId, {
      state: 'new',
      reason: retry?.reason ?? null,
      data: asRecord(next),
    });
    count(run, 'retry_later');
  }
}

/** No link by key or id, and not a part split off one of ours: nothing to read for it. */
async function clearlyNotOurs(run: ShipmentsRun, o: EventData['observed']): Promise<boolean> {
  if (o.orderNumber === null || looksSplit(o.orderNumber)) return false;
  return !(await linkOf(run, o.orderKey, o.ssOrderId));
}

/** The Sage orders are known: their links say "shipped" (the orders flow then sends follow-ups for the rest). */
async function detected(run: ShipmentsRun, event: ShipmentEvent, d: EventData, targets: WriteTarget[]): Promise<void> {
  const id = run.connection.id;
  await run.store.shipmentEvents.update(id, event.sourceId, {
    data: asRecord(d),
    orderKey: targets[0]?.orderKey ?? event.orderKey,
  });
  const o = d.observed;
  for (const t of targets) {
    if (t.shipsOrder) await run.store.links.setStatus(id, t.orderKey, 'shipped');
    const what = o.kind === 'label' ? `label ${o.trackingNumbers[0] ?? ''}`.trim() : 'mark-as-shipped fulfillment';
    const via = t.shipsOrder ? '' : ' (a part split off in ShipStation)';
    await auditOrder(
      run,
      t,
      'shipment_detected',
      `ShipStation ${what} for ${o.orderNumber ?? t.orderKey}${via}: ${t.lines.map(([n, q]) => `line ${n} × ${q}`).join(', ') || 'no lines'}.`,
      {
        sourceId: event.sourceId,
        trackingNumbers: o.trackingNumbers,
        carrierCode: o.carrierCode,
        serviceCode: o.serviceCode,
        shipDate: o.shipDate,
      },
    );
    if (t.unmatched.length > 0) {
      const reason = `ShipStation shipped items that are not on Sage order ${t.orderNumber}: ${t.unmatched.map((i) => `${i.sku ?? '?'} × ${i.quantity}`).join(', ')}. They were not written; check the order.`;
      await auditOrder(run, t, 'shipment_conflict', reason, { unmatched: t.unmatched });
    }
    const record = await run.store.records.get(id, 'order', t.uniquifier);
    if (record?.state !== 'conflict') {
      await setOrderState(run, t, 'shipped', null, { trackingNumbers: o.trackingNumbers });
    }
  }
}

/**
 * A second label on a ShipStation order whose first label was written: ShipStation only allows it after a
 * void, and voids send no webhook. Read the earlier labels again first, so the re-label takes the void credit
 * instead of meeting a Sage order with nothing left outstanding.
 */
async function recheckEarlierLabels(run: ShipmentsRun, event: ShipmentEvent, d: EventData): Promise<void> {
  const keys = (d.targets ?? []).map((t) => t.orderKey);
  const siblings = await run.store.shipmentEvents.forOrderKeys(run.connection.id, keys);
  for (const s of siblings) {
    if (s.sourceId === event.sourceId || s.voided || s.kind !== 'label') continue;
    if (s.state !== 'written' && s.state !== 'exported') continue;
    const sd = eventData(s);
    // The same ShipStation order whichever API reported each label (V1 `123`, V2 `se-123`).
    if (!orderIdForms(sd.observed.ssOrderId).includes(d.observed.ssOrderId)) continue;
    const now = await run.source.refresh(sd.observed);
    if (now?.voided) await applyVoid(run, s.sourceId);
  }
}
