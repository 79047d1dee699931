import { count } from '../tally.js';
import type { OrdersRun } from './order-context.js';
import { recordOrderState } from './order-state.js';
import type { CancelPlan, LocalPlan } from './plan.js';

const SAGE_HOLD_REASON = 'on hold in Sage 300: not sent until it is released (ShipStation V2 has no hold status)';

/**
 * Records a plan that sends nothing now. A skip whose order is in ShipStation already returns the cancel
 * to push with the others; nothing else goes to ShipStation from here.
 */
export async function recordLocalPlan(
  run: OrdersRun,
  plan: LocalPlan,
  prior: { state: string; reason: string | null } | undefined,
): Promise<CancelPlan | null> {
  switch (plan.kind) {
    case 'hold': {
      const reason = plan.problems.map((p) => `${p.message} Fix: ${p.fix}`).join('\n');
      const event = { event: 'held', message: reason, data: { problems: plan.problems } };
      await recordOrderState(run, plan.order, 'held', reason, prior, event);
      count(run, 'held');
      return null;
    }
    case 'skip': {
      const cancel: CancelPlan | null = plan.cancelLink
        ? { kind: 'cancel', order: plan.order, link: plan.cancelLink, reason: plan.reason }
        : null;
      if (!cancel) {
        const event = { event: 'skipped', message: `Not sent: ${plan.reason}.` };
        await recordOrderState(run, plan.order, 'skipped', plan.reason, prior, event);
      }
      count(run, 'skipped');
      return cancel;
    }
    case 'sage_hold': {
      const event = { event: 'held_in_sage', message: `Waiting: ${SAGE_HOLD_REASON}.` };
      await recordOrderState(run, plan.order, 'on_hold', SAGE_HOLD_REASON, prior, event);
      count(run, 'on_hold');
      return null;
    }
    case 'conflict': {
      // The hash is kept so the same conflict is not recorded again every pass (plan.ts reads it back).
      const event = {
        event: 'conflict',
        message: `Needs attention: ${plan.reason}.`,
        data: { orderKey: plan.link.orderKey },
      };
      await recordOrderState(run, plan.order, 'conflict', plan.reason, prior, event, { conflictHash: plan.hash });
      count(run, 'conflicts');
      return null;
    }
    case 'defer':
    case 'noop':
      return null;
  }
}
