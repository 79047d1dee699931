import type { LinkStatus } from '../../domain/link.js';
import type { OrderState } from '../../domain/records.js';
import type { PushResult } from '../ports.js';
import { auditOrders } from '../records/order-audit.js';
import { writeOrderRecord } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import { linkFromSnapshot, relink } from '../records/snapshot-link.js';
import { count } from '../tally.js';
import { linesOf, linkSent } from './link-sent.js';
import { withoutOpenSplits } from './open-splits.js';
import { inTransaction, type OrdersRun } from './order-context.js';
import type { CreatePlan } from './plan.js';
import { failed, missingResult } from './push-failed.js';

/** A re-linked order's record state from what ShipStation has (`creating` cannot come from a snapshot). */
const RELINKED_STATE: Record<LinkStatus, OrderState> = {
  creating: 'detected',
  open: 'sent',
  on_hold: 'on_hold',
  shipped: 'shipped',
  merged: 'sent',
  cancelled: 'cancelled',
};

/** Creates the planned ShipStation orders in one bulk push, then records each answer. */
export async function pushCreates(run: OrdersRun, all: CreatePlan[]): Promise<void> {
  const plans = await withoutOpenSplits(run, all);
  if (plans.length === 0) return;
  // Recorded (and committed) before the push: after a crash the next run finds these and pushes them again
  // as upserts (V1) or duplicate-refused creates (V2): never a second order.
  await inTransaction(run, (run) => recordCreating(run, plans));
  const retriesBefore = run.shipping.retryCount();
  const results = await run.shipping.createOrders(plans.map((p) => p.outbound));
  const retried = run.shipping.retryCount() - retriesBefore;
  const byKey = new Map(results.map((r) => [r.orderKey, r]));
  const existing: CreatePlan[] = [];
  await inTransaction(run, async (run) => {
    for (const p of plans) {
      const r = byKey.get(p.outbound.orderKey);
      if (r?.ok) {
        const accepted = { orderKey: p.outbound.orderKey, seq: p.seq, ssOrderId: r.ssOrderId, retried };
        await linkSent(run, p, { ...accepted, verb: 'created' });
        count(run, p.followUp ? 'follow_ups' : 'created');
      } else if (r?.exists) {
        existing.push(p);
      } else {
        await failed(run, p.order, r?.error ?? missingResult(p.outbound.orderKey), 'create');
      }
    }
  });
  if (existing.length > 0) await relinkExisting(run, existing, byKey);
}

async function recordCreating(run: OrdersRun, plans: readonly CreatePlan[]): Promise<void> {
  for (const p of plans) {
    await run.store.links.upsert({
      connectionId: run.connection.id,
      orderKey: p.outbound.orderKey,
      sageUniquifier: p.order.uniquifier,
      sageOrderNumber: p.order.number,
      seq: p.seq,
      ssOrderId: null,
      api: run.shipping.api,
      status: 'creating',
      lines: linesOf(p.outbound),
      sentHash: null,
      sent: {},
    });
  }
  await auditOrders(
    run,
    plans.map((p) => ({
      order: refOf(p.order),
      event: 'pushed',
      message: pushedMessage(p, run.shipping.api),
      data: { request: p.outbound },
      payloadHash: p.hash,
    })),
  );
}

function pushedMessage(p: CreatePlan, api: 'v1' | 'v2'): string {
  const n = p.outbound.items.length;
  return `${p.followUp ? 'Follow-up order' : 'Order'} ${p.outbound.orderNumber} sent to ShipStation ${api.toUpperCase()} (key ${p.outbound.orderKey}, ${n} line${n === 1 ? '' : 's'}).`;
}

/**
 * The keys exist in ShipStation (answers lost in a crash, or a store restored from an old backup): re-link
 * them, all in one lookup (a scan of recent orders, then single lookups for what it did not find).
 */
async function relinkExisting(
  run: OrdersRun,
  existing: readonly CreatePlan[],
  results: ReadonlyMap<string, PushResult>,
): Promise<void> {
  const found = await run.shipping.findOrders(
    existing.map((p) => ({ orderKey: p.outbound.orderKey, orderNumber: p.outbound.orderNumber })),
    new Date(run.clock.now() - 3 * 86_400_000),
  );
  await inTransaction(run, async (run) => {
    for (const p of existing) {
      const r = results.get(p.outbound.orderKey);
      const snap = found.get(p.outbound.orderKey);
      if (snap) {
        const to = { sageUniquifier: p.order.uniquifier, sageOrderNumber: p.order.number, seq: p.seq };
        const link = linkFromSnapshot(snap, { connectionId: run.connection.id, api: run.shipping.api, ...to });
        const message = `Found ShipStation order ${snap.ssOrderId} with key ${snap.orderKey} already there: linked to it instead of creating another.`;
        await relink(run, link, refOf(p.order), message);
        // The order is in ShipStation: its record says so, as after an answered create.
        await writeOrderRecord(run, refOf(p.order), {
          customer: p.outbound.shipTo.company ?? p.outbound.shipTo.name,
          state: RELINKED_STATE[link.status],
          ssNumber: p.outbound.orderNumber,
          data: { orderDate: p.order.orderDate },
        });
        count(run, 'relinked');
      } else if (r && !r.ok) {
        await failed(run, p.order, r.error, 'create');
      }
    }
  });
}
