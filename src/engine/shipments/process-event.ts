import type { ShipmentEvent } from '../../store/shipment-events-repo.js';
import type { WriteIntent } from '../../store/write-intents-repo.js';
import { asRecord, type EventData, eventData, type TargetResult, type WriteTarget } from './event-data.js';
import { applyVoid } from './ingest.js';
import { audit, setOrderState } from './record-order.js';
import { decideApplied, type IntentRequest, type SageSnapshot, snapshotOf } from './sage-snapshot.js';
import { count, type ShipmentsRun } from './shipments-run.js';
import { linkOf, looksSplit, resolveTargets } from './targets.js';
import { voidCredit } from './void-credit.js';
import { summary, writeTarget } from './write-target.js';

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
      await audit(run, target, 'shipment_conflict', outcome.reason, { sourceId: event.sourceId });
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

/**
 * Exported shipments wait for the person's import: once the Sage order shows it (the same read-back test as
 * for an unanswered write), the export is confirmed and the order's state follows.
 */
async function confirmImports(
  run: ShipmentsRun,
  sourceId: string,
  d: EventData,
  results: Record<string, TargetResult>,
): Promise<void> {
  const waiting = (d.targets ?? []).filter(
    (t) => results[t.uniquifier]?.state === 'exported' && !results[t.uniquifier]?.imported,
  );
  if (waiting.length === 0) return;
  const intents = await run.store.intents.forSource(run.connection.id, sourceId);
  for (const t of waiting) {
    const intent = intents.find((i) => i.sageUniquifier === t.uniquifier && i.state === 'exported');
    const order = intent ? await run.sage.getOrder(t.uniquifier) : null;
    if (!intent || !order) continue;
    const after = snapshotOf(order);
    if (decideApplied(intent.request as IntentRequest, intent.before as SageSnapshot, after) !== 'applied') continue;
    results[t.uniquifier] = {
      ...(results[t.uniquifier] as TargetResult),
      imported: true,
      sageShipment: after.lastShipmentNumber,
    };
    await audit(
      run,
      t,
      'import_confirmed',
      `Sage 300 shows shipment ${sourceId} imported from the export (${after.lastShipmentNumber}).`,
    );
    await setOrderState(run, t, after.outstanding === 0 ? 'written_back' : 'partially_shipped', null, {
      sageShipment: after.lastShipmentNumber,
    });
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
    await audit(
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
      await audit(run, t, 'shipment_conflict', reason, { unmatched: t.unmatched });
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
    if (sd.observed.ssOrderId !== d.observed.ssOrderId) continue;
    const now = await run.source.refresh(sd.observed);
    if (now?.voided) await applyVoid(run, s.sourceId);
  }
}

/** Bookkeeping once a target is in Sage: the order's state, its timeline, the event's result. */
async function written(
  run: ShipmentsRun,
  event: ShipmentEvent,
  d: EventData,
  target: WriteTarget,
  intent: WriteIntent | null,
): Promise<TargetResult> {
  if (!intent) return { state: 'written', sageShipment: null, at: now(run) };
  const request = intent.request as IntentRequest;
  const result = (intent.result ?? {}) as { lastShipmentNumber?: string; outstanding?: number; noop?: boolean };
  const shipped = request.lines.some((l) => l.quantity > 0);
  const credited = request.lines.some((l) => l.credited > 0);
  const sageShipment = shipped ? (result.lastShipmentNumber ?? null) : null;
  const exported = intent.state === 'exported';
  const conflicts = request.lines.filter((l) => l.excess > 0);
  const trackingNumbers = d.observed.trackingNumbers;
  const notes: string[] = [];
  if (trackingNumbers.length > 1) notes.push(`${trackingNumbers.length} packages: ${trackingNumbers.join(', ')}`);
  const written = request.body['ShipmentTrackingNumber'];
  if (typeof written === 'string' && trackingNumbers[0] && written !== trackingNumbers[0]) {
    notes.push(`tracking cut to Sage's 36 characters (full: ${trackingNumbers[0]})`);
  }
  if (request.body['ShipViaCode'] === undefined && d.observed.carrierCode) {
    notes.push(
      `ship-via kept: ${d.observed.carrierCode}/${d.observed.serviceCode ?? '?'} is not mapped to a Sage ship-via code`,
    );
  }
  const message = exported
    ? `Shipment ${event.sourceId} was exported for a manual Sage 300 import; not written through the Web API.`
    : `Written to Sage 300${sageShipment ? ` as shipment ${sageShipment}` : ''}: ${summaryOf(request)}${notes.length ? `. ${notes.join('; ')}` : ''}.`;
  await audit(
    run,
    target,
    exported ? 'shipment_exported' : credited && !shipped ? 'relabelled' : 'shipment_written',
    message,
    {
      sourceId: event.sourceId,
      sageShipment,
      request: request.body,
      trackingNumbers,
    },
  );
  const outstanding = typeof result.outstanding === 'number' ? result.outstanding : null;
  let state: 'written_back' | 'partially_shipped' | 'conflict' =
    outstanding === 0 ? 'written_back' : 'partially_shipped';
  let reason: string | null = null;
  if (conflicts.length > 0) {
    state = 'conflict';
    reason = `ShipStation shipped more than Sage 300 had outstanding: ${conflicts.map((l) => `line ${l.lineNumber} ${l.item} +${l.excess}`).join(', ')} not written (shipped in Sage already?). Compare the order in both systems.`;
    await audit(run, target, 'quantity_conflict', reason, { lines: conflicts });
  } else {
    const record = await run.store.records.get(run.connection.id, 'order', target.uniquifier);
    // A void flag stays until a re-label takes the whole credit back (then the order is consistent again).
    if (record?.state === 'conflict' && !(credited && (await creditCleared(run, target.uniquifier)))) {
      state = 'conflict';
      reason = record.reason;
    }
  }
  await setOrderState(run, target, state, reason, { trackingNumbers, sageShipment });
  return { state: exported ? 'exported' : 'written', sageShipment, at: now(run) };
}

async function creditCleared(run: ShipmentsRun, uniquifier: string): Promise<boolean> {
  return (await voidCredit(run, uniquifier)).size === 0;
}

function summaryOf(request: IntentRequest): string {
  return summary({
    body: request.body,
    lines: request.lines,
    shipsQuantity: request.lines.some((l) => l.quantity > 0),
    tracking: {
      written: (request.body['ShipmentTrackingNumber'] as string | undefined) ?? null,
      all: request.trackingNumbers,
      truncated: false,
    },
    conflicts: [],
    notes: [],
  });
}

function now(run: ShipmentsRun): string {
  return new Date(run.clock.now()).toISOString();
}
