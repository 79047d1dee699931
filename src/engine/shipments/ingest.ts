import { auditOrder } from '../records/order-audit.js';
import { setOrderState } from '../records/order-record.js';
import { count } from '../tally.js';
import { asRecord, eventData } from './event-data.js';
import type { ObservedShipment } from './ports.js';
import type { ShipmentsRun } from './shipments-run.js';

/**
 * Records what ShipStation reported (webhooks and polls feed this one path): a new label or fulfillment
 * becomes a `new` shipment event, deduplicated by its id; one seen again may bring what the first sighting
 * lacked (items, every package's tracking number) or a void.
 */
export async function recordObserved(run: ShipmentsRun, list: readonly ObservedShipment[]): Promise<void> {
  // One at a time with the webhook lane's event processing (the same event may be in both).
  for (const o of list) await run.serial.run(() => recordOne(run, o));
}

async function recordOne(run: ShipmentsRun, o: ObservedShipment): Promise<void> {
  const id = run.connection.id;
  const existing = await run.store.shipmentEvents.get(id, o.sourceId);
  if (run.dryRun) {
    if (!existing && !o.voided && !run.dryObserved.some((x) => x.sourceId === o.sourceId)) run.dryObserved.push(o);
    return;
  }
  if (!existing) {
    const inserted = await run.store.shipmentEvents.insertIfNew({
      connectionId: id,
      sourceId: o.sourceId,
      orderKey: o.orderKey,
      kind: o.kind,
      voided: o.voided,
      tracking: o.trackingNumbers[0] ?? null,
      state: o.voided ? 'ignored' : 'new',
      reason: o.voided ? 'voided before it was written to Sage 300' : null,
      data: asRecord({ observed: o }),
    });
    if (inserted) count(run, o.voided ? 'ignored' : 'detected');
    return;
  }
  count(run, 'seen_again');
  const d = eventData(existing);
  const was = d.observed;
  const richer = (was.items === null && o.items !== null) || o.trackingNumbers.length > was.trackingNumbers.length;
  if (richer) {
    const observed = {
      ...was,
      items: was.items ?? o.items,
      trackingNumbers: o.trackingNumbers.length > was.trackingNumbers.length ? o.trackingNumbers : was.trackingNumbers,
    };
    await run.store.shipmentEvents.update(id, o.sourceId, { data: asRecord({ ...d, observed }) });
  }
  if (o.voided && !existing.voided) await applyVoid(run, o.sourceId);
}

/**
 * A label voided in ShipStation (no webhook says so: polls and re-reads find it). Before its write-back it
 * is simply not written; after, the Sage order is flagged for a person and nothing is reversed — Sage
 * quantities are never taken back automatically. A re-label of the same goods consumes the shipped
 * quantity as a credit (void-credit.ts) and writes only the new tracking number.
 */
export async function applyVoid(run: ShipmentsRun, sourceId: string): Promise<void> {
  const id = run.connection.id;
  const event = await run.store.shipmentEvents.get(id, sourceId);
  if (!event || event.voided) return;
  const d = eventData(event);
  const written = (await run.store.intents.forSource(id, sourceId)).filter(
    (i) => i.state === 'applied' || i.state === 'exported',
  );
  const tracking = d.observed.trackingNumbers[0] ?? d.observed.sourceId;
  if (written.length === 0) {
    await run.store.shipmentEvents.update(id, sourceId, {
      voided: true,
      state: 'ignored',
      reason: 'voided before it was written to Sage 300',
    });
    for (const t of d.targets ?? []) {
      await auditOrder(
        run,
        t,
        'label_voided',
        `ShipStation label ${tracking} was voided before it was written to Sage 300: nothing to undo.`,
      );
    }
    count(run, 'voided_before_write');
    return;
  }
  await run.store.shipmentEvents.update(id, sourceId, {
    voided: true,
    state: 'void_flagged',
    reason: 'voided in ShipStation after it was written to Sage 300',
  });
  for (const intent of written) {
    const target = d.targets?.find((t) => t.uniquifier === intent.sageUniquifier);
    const order = { uniquifier: intent.sageUniquifier, orderNumber: target?.orderNumber ?? intent.sageUniquifier };
    const shipment = (intent.result as { lastShipmentNumber?: string } | null)?.lastShipmentNumber ?? 'its shipment';
    const reason = `ShipStation label ${tracking} was voided after it was written to Sage 300 (${shipment}); the shipped quantities were not reversed. A re-label of the same goods writes only its tracking number; if the goods will not ship, correct the order in Sage 300.`;
    await setOrderState(run, order, 'conflict', reason);
    await auditOrder(run, order, 'label_voided', reason, { sourceId, tracking: d.observed.trackingNumbers });
  }
  count(run, 'voided_after_write');
}
