import { auditOrder } from '../records/order-audit.js';
import { setOrderState } from '../records/order-record.js';
import { asRecord, eventData, type TargetResult } from './event-data.js';
import { type ExportShipment, shipmentsCsv } from './export-csv.js';
import { type IntentRequest, snapshotOf } from './sage-snapshot.js';
import type { ShipmentsRun } from './shipments-run.js';
import { planTargetWrite } from './write-target.js';

export interface ExportResult {
  csv: string;
  shipments: ExportShipment[];
}

interface Pending {
  sourceId: string;
  uniquifier: string;
  orderNumber: string;
  request: IntentRequest;
  before: ReturnType<typeof snapshotOf>;
}

/**
 * Shipments queued because Sage refuses order updates, as a file a person imports by hand. `save` writes
 * the file; only after it succeeded is each shipment marked `exported` (an intent resolved `exported`), so
 * the queue never applies it again through the Web API — unless `requeueExported` says the import was not done.
 */
export async function exportQueued(
  run: ShipmentsRun,
  save: (result: ExportResult) => Promise<string>,
): Promise<ExportResult> {
  const id = run.connection.id;
  const pending: Pending[] = [];
  const shipments: ExportShipment[] = [];
  for (const event of await run.store.shipmentEvents.byState(id, ['queued'], 10_000)) {
    const d = eventData(event);
    for (const target of d.targets ?? []) {
      if (d.results?.[target.uniquifier]) continue;
      const order = await run.sage.getOrder(target.uniquifier);
      if (!order) continue;
      const o = d.observed;
      const { plan, request } = await planTargetWrite(run, order, target, o);
      pending.push({
        sourceId: event.sourceId,
        uniquifier: target.uniquifier,
        orderNumber: order.number,
        request,
        before: snapshotOf(order),
      });
      shipments.push({
        seq: shipments.length + 1,
        sourceId: event.sourceId,
        customer: order.customerNumber,
        orderNumber: order.number,
        shipDate: o.shipDate,
        shipVia: plan.write.shipViaCode ?? order.shipViaCode,
        tracking: plan.tracking.written,
        lines: plan.lines
          .filter((l) => l.quantity > 0)
          .map((l) => {
            const line = order.lines.find((x) => x.lineNumber === l.lineNumber);
            return {
              lineNumber: l.lineNumber,
              item: l.item,
              location: line?.location ?? '',
              quantity: l.quantity,
              unit: line?.unit ?? '',
            };
          }),
      });
    }
  }
  const result = { csv: shipmentsCsv(shipments), shipments };
  if (shipments.length === 0) return result;
  const file = await save(result);
  for (const p of pending) await markExported(run, p, file);
  return result;
}

async function markExported(run: ShipmentsRun, p: Pending, file: string): Promise<void> {
  const id = run.connection.id;
  const intent = await run.store.intents.open({
    connectionId: id,
    sageUniquifier: p.uniquifier,
    sourceId: p.sourceId,
    request: p.request,
    before: p.before,
  });
  if (intent === null)
    throw new Error(`another write to Sage order ${p.orderNumber} is unfinished; run the export again`);
  const at = new Date(run.clock.now()).toISOString();
  await run.store.intents.resolve(intent, 'exported', { file, at });
  const event = await run.store.shipmentEvents.get(id, p.sourceId);
  if (!event) return;
  const d = eventData(event);
  const results: Record<string, TargetResult> = {
    ...(d.results ?? {}),
    [p.uniquifier]: { state: 'exported', sageShipment: null, at, imported: false, file },
  };
  // Still `queued` (pending for the orders flow) until Sage shows the import; the queue never PATCHes it again.
  await run.store.shipmentEvents.update(id, p.sourceId, {
    reason: `exported to ${file}; waiting for its import in Sage 300 (or "ml-connector shipments requeue")`,
    data: asRecord({ ...d, results }),
  });
  const order = { uniquifier: p.uniquifier, orderNumber: p.orderNumber };
  const message = `Shipment ${p.sourceId} exported to ${file} for import in O/E Shipment Entry (Sage 300 refuses order updates through the Web API); it will not be written again unless requeued.`;
  await setOrderState(run, order, 'shipped', message, { trackingNumbers: p.request.trackingNumbers });
  await auditOrder(run, order, 'shipment_exported', message, { file, request: p.request.body });
}

/**
 * A person says a shipment is not in Sage after all: an export that was not imported (`all`: every one still
 * waiting for its import), or — named by id — a conflict they resolved by checking Sage (an undecided write
 * that did not happen, a refusal fixed in Sage). It goes back to the queue and is written once when possible.
 * An export Sage already shows imported is never requeued.
 */
export async function requeueExported(run: ShipmentsRun, sourceIds: readonly string[] | 'all'): Promise<number> {
  const id = run.connection.id;
  const candidates = await run.store.shipmentEvents.byState(id, ['queued', 'exported', 'conflict'], 10_000);
  let n = 0;
  for (const event of candidates) {
    const d = eventData(event);
    const undo = (r: TargetResult) => (r.state === 'exported' && !r.imported) || r.state === 'conflict';
    const waiting = Object.values(d.results ?? {}).some((r) => r.state === 'exported' && !r.imported);
    if (sourceIds === 'all' ? !waiting : !sourceIds.includes(event.sourceId)) continue;
    if (!waiting && event.state !== 'conflict') continue;
    const keep = Object.entries(d.results ?? {}).filter(([, r]) => !undo(r));
    for (const intent of await run.store.intents.forSource(id, event.sourceId)) {
      const result = d.results?.[intent.sageUniquifier];
      if ((intent.state === 'exported' && result && undo(result)) || intent.state === 'failed') {
        await run.store.intents.resolve(intent.id, 'not_applied', { reason: 'requeued by a person: not in Sage 300' });
      }
    }
    await run.store.shipmentEvents.update(id, event.sourceId, {
      state: 'queued',
      reason: 'requeued by a person',
      data: asRecord({ ...d, results: Object.fromEntries(keep), attempts: 0 }),
    });
    for (const t of d.targets ?? []) {
      if (keep.some(([u]) => u === t.uniquifier)) continue;
      await auditOrder(
        run,
        t,
        'export_requeued',
        `Shipment ${event.sourceId} requeued by a person (not in Sage 300): it is written once Sage 300 accepts order updates, or exported again.`,
      );
    }
    n += 1;
  }
  return n;
}
