import type { OutboundOrder } from '../../domain/outbound-order.js';
import { count } from '../tally.js';
import type { OrdersRun } from './order-context.js';
import type { OrderPlan } from './plan.js';

/** A dry run: the writes the plans would make, listed for a person, and counted as the real pass would. */
export function describePlans(run: OrdersRun, plans: readonly OrderPlan[]): void {
  for (const p of plans) {
    switch (p.kind) {
      case 'create':
        run.planned.push({
          system: 'shipstation',
          action: p.followUp ? 'create follow-up order' : 'create order',
          key: p.outbound.orderKey,
          summary: createSummary(p.outbound),
          body: p.outbound,
        });
        count(run, 'would_create');
        break;
      case 'update':
        run.planned.push({
          system: 'shipstation',
          action: 'update order',
          key: p.link.orderKey,
          summary: `${p.outbound.orderNumber}: Sage 300 edits`,
          body: p.outbound,
        });
        count(run, 'would_update');
        break;
      case 'cancel':
        run.planned.push({ system: 'shipstation', action: 'cancel order', key: p.link.orderKey, summary: p.reason });
        count(run, 'would_cancel');
        break;
      case 'skip':
        if (p.cancelLink)
          run.planned.push({
            system: 'shipstation',
            action: 'cancel order',
            key: p.cancelLink.orderKey,
            summary: p.reason,
          });
        count(run, 'skipped');
        break;
      case 'hold':
        count(run, 'held');
        break;
      default:
        break;
    }
  }
}

/** `ORD1: 2 × A1, 1 × B2 to Austin, TX via ups ups_ground`. */
function createSummary(o: OutboundOrder): string {
  const lines = o.items.map((i) => `${i.quantity} × ${i.sku}`).join(', ');
  return `${o.orderNumber}: ${lines} to ${o.shipTo.city}, ${o.shipTo.state} via ${o.carrierCode ?? '?'} ${o.serviceCode ?? ''}`.trim();
}
