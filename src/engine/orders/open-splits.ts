import { shipStationOrderNumber } from '../../domain/link.js';
import { auditOrder } from '../records/order-audit.js';
import { readOrderRecord, writeOrderRecord } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import { count } from '../tally.js';
import type { OrdersRun } from './order-context.js';
import type { CreatePlan } from './plan.js';

/**
 * A follow-up is for goods Sage still has outstanding; when staff split the shipped ShipStation order, the
 * split-off part may still hold those goods (it ships later, and is written back then). Such follow-ups wait.
 */
export async function withoutOpenSplits(run: OrdersRun, plans: CreatePlan[]): Promise<CreatePlan[]> {
  const keep: CreatePlan[] = [];
  for (const p of plans) {
    if ((await openSplits(run, p)) === 0) {
      keep.push(p);
      continue;
    }
    await followUpWaits(run, p);
    count(run, 'follow_ups_waiting');
  }
  return keep;
}

async function openSplits(run: OrdersRun, p: CreatePlan): Promise<number> {
  let open = 0;
  for (const prev of p.followUp ? (p.previous ?? []) : []) {
    if (!prev.ssOrderId) continue;
    open += await run.shipping.openSplitsOf({
      ssOrderId: prev.ssOrderId,
      orderNumber: shipStationOrderNumber(prev.sageOrderNumber, prev.seq),
    });
  }
  return open;
}

/** Says why the follow-up waits, once (not again every pass while the reason stays the same). */
async function followUpWaits(run: OrdersRun, p: CreatePlan): Promise<void> {
  const reason = `part of ShipStation order ${p.previous?.at(-1)?.orderKey ?? ''} was split off and is not shipped yet: no follow-up until it ships`;
  const prior = await readOrderRecord(run, p.order.uniquifier);
  if (prior?.reason === reason) return;
  const state = prior?.state === 'partially_shipped' ? 'partially_shipped' : 'shipped';
  await writeOrderRecord(run, refOf(p.order), { state, reason });
  await auditOrder(run, refOf(p.order), 'follow_up_waits', `Waiting: ${reason}.`);
}
