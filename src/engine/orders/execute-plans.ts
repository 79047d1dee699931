import { describePlans } from './describe-plans.js';
import { recordLocalPlan } from './local-plans.js';
import { inTransaction, type OrdersRun } from './order-context.js';
import type { CancelPlan, CreatePlan, OrderPlan, UpdatePlan } from './plan.js';
import { pushCancels } from './push-cancels.js';
import { pushCreates } from './push-creates.js';
import { pushUpdates } from './push-updates.js';

/** The records the plans were made from (state and reason), by Sage uniquifier. */
export type PriorRecords = ReadonlyMap<string, { state: string; reason: string | null }>;

/**
 * Carries out a batch of plans. Pushes go to ShipStation in bulk; every outcome is recorded (link, record
 * state, audit) before the caller moves the cursor past the batch. A dry run lists the writes instead.
 */
export async function executePlans(run: OrdersRun, plans: readonly OrderPlan[], records: PriorRecords): Promise<void> {
  if (run.dryRun) {
    describePlans(run, plans);
    return;
  }
  const creates: CreatePlan[] = [];
  const updates: UpdatePlan[] = [];
  const cancels: CancelPlan[] = [];
  // What sends nothing is recorded first, in one transaction; the pushes follow, grouped by kind.
  await inTransaction(run, async (run) => {
    for (const plan of plans) {
      if (plan.kind === 'create') creates.push(plan);
      else if (plan.kind === 'update') updates.push(plan);
      else if (plan.kind === 'cancel') cancels.push(plan);
      else {
        const cancel = await recordLocalPlan(run, plan, records.get(plan.order.uniquifier));
        if (cancel) cancels.push(cancel);
      }
    }
  });
  if (creates.length > 0) await pushCreates(run, creates);
  if (updates.length > 0) await pushUpdates(run, updates);
  if (cancels.length > 0) await pushCancels(run, cancels);
}
