import type { SageWriteBack } from '../../domain/sage-write-back.js';
import type { ShipmentEvent } from '../../domain/shipment-event.js';
import type { WriteIntent } from '../../domain/write-intent.js';
import { auditOrder } from '../records/order-audit.js';
import { setOrderState } from '../records/order-record.js';
import type { EventData, TargetResult, WriteTarget } from './event-data.js';
import { decideApplied, type IntentRequest, type SageSnapshot, snapshotOf } from './sage-snapshot.js';
import type { ShipmentsRun } from './shipments-run.js';
import { voidCredit } from './void-credit.js';
import { summary } from './write-target.js';

/**
 * Exported shipments wait for the person's import: once the Sage order shows it (the same read-back test as
 * for an unanswered write), the export is confirmed and the order's state follows.
 */
export async function confirmImports(
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
    const write = run.sage.writeOfRequest((intent.request as IntentRequest).body);
    if (decideApplied(write, intent.before as SageSnapshot, after) !== 'applied') continue;
    results[t.uniquifier] = {
      ...(results[t.uniquifier] as TargetResult),
      imported: true,
      sageShipment: after.lastShipmentNumber,
    };
    await auditOrder(
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

/** Bookkeeping once a target is in Sage: the order's state, its timeline, the event's result. */
export async function written(
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
  const write = run.sage.writeOfRequest(request.body);
  const written = write.tracking;
  if (written !== null && trackingNumbers[0] && written !== trackingNumbers[0]) {
    notes.push(`tracking cut to Sage's 36 characters (full: ${trackingNumbers[0]})`);
  }
  if (write.shipViaCode === null && d.observed.carrierCode) {
    notes.push(
      `ship-via kept: ${d.observed.carrierCode}/${d.observed.serviceCode ?? '?'} is not mapped to a Sage ship-via code`,
    );
  }
  const message = exported
    ? `Shipment ${event.sourceId} was exported for a manual Sage 300 import; not written through the Web API.`
    : `Written to Sage 300${sageShipment ? ` as shipment ${sageShipment}` : ''}: ${summaryOf(request, write)}${notes.length ? `. ${notes.join('; ')}` : ''}.`;
  await auditOrder(
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
    await auditOrder(run, target, 'quantity_conflict', reason, { lines: conflicts });
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

function summaryOf(request: IntentRequest, write: SageWriteBack): string {
  return summary({
    write,
    lines: request.lines,
    shipsQuantity: request.lines.some((l) => l.quantity > 0),
    tracking: {
      written: write.tracking,
      all: request.trackingNumbers,
      truncated: false,
    },
    conflicts: [],
    notes: [],
  });
}

export function now(run: ShipmentsRun): string {
  return new Date(run.clock.now()).toISOString();
}
