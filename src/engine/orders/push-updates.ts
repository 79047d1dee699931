import type { ShippingOrderSnapshot } from '../ports.js';
import { auditOrders } from '../records/order-audit.js';
import { refOf } from '../records/record-scope.js';
import { count } from '../tally.js';
import { linkSent } from './link-sent.js';
import { lockedInShipStation } from './locked-in-shipstation.js';
import { inTransaction, type OrdersRun } from './order-context.js';
import { recordOrderState } from './order-state.js';
import type { CreatePlan, UpdatePlan } from './plan.js';
import { pushCreates } from './push-creates.js';
import { failed, missingResult } from './push-failed.js';

type Editable = { plan: UpdatePlan; current: ShippingOrderSnapshot };

/** Sends Sage 300's edits to the ShipStation orders still open there, in one bulk push. */
export async function pushUpdates(run: OrdersRun, plans: UpdatePlan[]): Promise<void> {
  // A link still "creating" (the answer to its push was lost: a crash or a timeout) is pushed again as a
  // create: V1's createorders is an upsert by orderKey, and V2 refuses the duplicate key, which re-links it.
  // Either way no second order appears, and no per-key lookup is spent (V1 has no orderKey filter).
  const toCreate: CreatePlan[] = plans
    .filter((p) => !p.link.ssOrderId)
    .map((p) => ({
      kind: 'create',
      order: p.order,
      seq: p.link.seq,
      outbound: p.outbound,
      hash: p.hash,
      followUp: p.link.seq > 1,
    }));
  const toUpdate = await editable(
    run,
    plans.filter((p) => p.link.ssOrderId),
  );
  if (toCreate.length > 0) await pushCreates(run, toCreate);
  if (toUpdate.length > 0) await sendUpdates(run, toUpdate);
}

/** The linked orders as ShipStation has them now; those gone, shipped or cancelled there are recorded so. */
async function editable(run: OrdersRun, linked: UpdatePlan[]): Promise<Editable[]> {
  const foundById =
    linked.length > 0
      ? await run.shipping.getOrders(linked.map((p) => p.link.ssOrderId!))
      : new Map<string, ShippingOrderSnapshot>();
  const out: Editable[] = [];
  for (const p of linked) {
    const current = foundById.get(p.link.ssOrderId!);
    if (!current) {
      await run.store.links.setStatus(run.connection.id, p.link.orderKey, 'cancelled');
      await recordOrderState(
        run,
        p.order,
        'conflict',
        `ShipStation order ${p.link.orderKey} no longer exists (deleted in ShipStation?)`,
        undefined,
        {
          event: 'conflict',
          message: `The ShipStation order ${p.link.orderKey} was not found, so the edit could not be applied. If it was deleted on purpose, nothing needs doing; to send the order again use "retry".`,
        },
      );
      count(run, 'conflicts');
    } else if (current.status === 'shipped' || current.status === 'cancelled') {
      await lockedInShipStation(run, p.order, p.link, current.status, current.ssOrderId, current.mergedInto);
    } else {
      out.push({ plan: p, current });
    }
  }
  return out;
}

async function sendUpdates(run: OrdersRun, toUpdate: Editable[]): Promise<void> {
  await auditOrders(
    run,
    toUpdate.map(({ plan }) => ({
      order: refOf(plan.order),
      event: 'update_sent',
      message: `Edit of ${plan.outbound.orderNumber} sent to ShipStation (only the fields Sage 300 owns; carrier, weight, package and tags set in ShipStation are kept).`,
      data: { request: plan.outbound },
      payloadHash: plan.hash,
    })),
  );
  const retriesBefore = run.shipping.retryCount();
  const results = await run.shipping.updateOrders(
    toUpdate.map(({ plan, current }) => ({ order: plan.outbound, current, lastSent: plan.link.sent })),
  );
  const retried = run.shipping.retryCount() - retriesBefore;
  const resultByKey = new Map(results.map((r) => [r.orderKey, r]));
  await inTransaction(run, async (run) => {
    for (const { plan, current } of toUpdate) {
      const r = resultByKey.get(plan.outbound.orderKey);
      if (r?.ok) {
        const accepted = { orderKey: plan.link.orderKey, seq: plan.link.seq, ssOrderId: r.ssOrderId, retried };
        await linkSent(run, plan, { ...accepted, verb: 'updated' });
        count(run, 'updated');
      } else if (r && !r.ok && r.locked) {
        await lockedInShipStation(run, plan.order, plan.link, r.locked, current.ssOrderId, current.mergedInto);
      } else {
        await failed(run, plan.order, r?.ok === false ? r.error : missingResult(plan.outbound.orderKey), 'update');
      }
    }
  });
}
