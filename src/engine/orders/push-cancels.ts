import type { Link } from '../../domain/link.js';
import type { ShippingOrderSnapshot } from '../ports.js';
import { auditOrder } from '../records/order-audit.js';
import { writeOrderRecord } from '../records/order-record.js';
import { count } from '../tally.js';
import { lockedInShipStation } from './locked-in-shipstation.js';
import type { OrdersRun } from './order-context.js';
import type { CancelPlan } from './plan.js';
import { failed, missingResult } from './push-failed.js';

/** Cancels in ShipStation the orders Sage 300 deleted, closed or zeroed; gone or shipped ones are recorded so. */
export async function pushCancels(run: OrdersRun, plans: CancelPlan[]): Promise<void> {
  const ids = plans.map((p) => p.link.ssOrderId).filter((x): x is string => !!x);
  const current = ids.length > 0 ? await run.shipping.getOrders(ids) : new Map<string, ShippingOrderSnapshot>();
  const toCancel: { plan: CancelPlan; snap: ShippingOrderSnapshot }[] = [];
  for (const p of plans) {
    const snap = p.link.ssOrderId ? current.get(p.link.ssOrderId) : undefined;
    if (!snap || snap.status === 'cancelled') {
      await cancelledByUs(run, p.link);
      await cancelledState(run, p, p.order ? `cancelled: ${p.reason}` : 'cancelled: deleted in Sage 300');
      continue;
    }
    if (snap.status === 'shipped') {
      if (p.order) await lockedInShipStation(run, p.order, p.link, 'shipped', snap.ssOrderId);
      continue;
    }
    toCancel.push({ plan: p, snap });
  }
  if (toCancel.length === 0) return;
  const results = await run.shipping.cancelOrders(toCancel.map((c) => c.snap));
  const byKey = new Map(results.map((r) => [r.orderKey, r]));
  for (const { plan, snap } of toCancel) {
    const r = byKey.get(snap.orderKey);
    if (r?.ok) {
      await cancelledByUs(run, plan.link);
      await cancelledState(run, plan, `cancelled in ShipStation because ${plan.reason}`);
      count(run, 'cancelled');
    } else if (r && !r.ok && r.locked) {
      if (plan.order) await lockedInShipStation(run, plan.order, plan.link, r.locked, snap.ssOrderId, snap.mergedInto);
    } else if (plan.order) {
      await failed(run, plan.order, r?.ok === false ? r.error : missingResult(snap.orderKey), 'cancel');
    }
  }
}

/**
 * The connector cancelled it (Sage deleted or zeroed the order): if Sage ships quantity on it again later,
 * a new ShipStation order is right. A cancel made in ShipStation by staff is different (see plan.ts).
 */
async function cancelledByUs(run: OrdersRun, link: Link): Promise<void> {
  await run.store.links.upsert({ ...link, status: 'cancelled', sent: { ...link.sent, status: 'cancelled' } });
}

/** A deleted Sage order has no order to name the record by: the link's Sage identity names it. */
async function cancelledState(run: OrdersRun, plan: CancelPlan, reason: string): Promise<void> {
  const ref = {
    uniquifier: plan.order?.uniquifier ?? plan.link.sageUniquifier,
    orderNumber: plan.order?.number ?? plan.link.sageOrderNumber,
  };
  await writeOrderRecord(run, ref, { state: 'cancelled', reason });
  await auditOrder(run, ref, 'cancelled', `ShipStation order ${plan.link.orderKey} ${reason}.`);
}
