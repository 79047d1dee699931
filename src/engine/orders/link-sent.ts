import type { LinkLine } from '../../domain/link.js';
import { auditOrder } from '../records/order-audit.js';
import { writeOrderRecord } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import type { OrdersRun } from './order-context.js';
import { type CreatePlan, nonQuantityHash, type UpdatePlan } from './plan.js';

/** What ShipStation answered to a create or an update it accepted. */
export interface Accepted {
  orderKey: string;
  seq: number;
  ssOrderId: string;
  verb: 'created' | 'updated';
  /** Requests the push needed retried (429, 5xx, timeouts), told in the audit trail. */
  retried: number;
}

/** Records an accepted push: the link with what was sent, the record as sent (or on hold), the audit event. */
export async function linkSent(run: OrdersRun, plan: CreatePlan | UpdatePlan, a: Accepted): Promise<void> {
  const { order, outbound } = plan;
  const onHold = outbound.status === 'on_hold';
  await run.store.links.upsert({
    connectionId: run.connection.id,
    orderKey: a.orderKey,
    sageUniquifier: order.uniquifier,
    sageOrderNumber: order.number,
    seq: a.seq,
    ssOrderId: a.ssOrderId,
    api: run.shipping.api,
    status: onHold ? 'on_hold' : 'open',
    lines: linesOf(outbound),
    sentHash: plan.hash,
    sent: {
      carrierCode: outbound.carrierCode,
      serviceCode: outbound.serviceCode,
      warehouseId: outbound.warehouseId,
      status: outbound.status,
      nonQuantityHash: plan.identity ?? nonQuantityHash(outbound),
    },
  });
  await writeOrderRecord(run, refOf(order), {
    customer: outbound.shipTo.company ?? outbound.shipTo.name,
    state: onHold ? 'on_hold' : 'sent',
    ssNumber: outbound.orderNumber,
    data: { orderDate: order.orderDate, lastPushHash: plan.hash },
  });
  const data = {
    ssOrderId: a.ssOrderId,
    orderKey: a.orderKey,
    ...(a.retried > 0 ? { retriedRequests: a.retried } : {}),
  };
  await auditOrder(
    run,
    refOf(order),
    a.verb === 'created' ? 'acknowledged' : 'updated',
    acceptedMessage(outbound.orderNumber, onHold, a),
    data,
  );
}

/** The audit message of an accepted push, saying when it needed retries (a person wonders why it was slow). */
export function acceptedMessage(
  orderNumber: string,
  onHold: boolean,
  a: Pick<Accepted, 'ssOrderId' | 'verb' | 'retried'>,
): string {
  const done =
    a.verb === 'created'
      ? `ShipStation accepted ${orderNumber} as order ${a.ssOrderId}${onHold ? ' (on hold, as in Sage 300)' : ''}.`
      : `ShipStation order ${a.ssOrderId} updated${onHold ? ' and on hold, as in Sage 300' : ''}.`;
  const retries =
    a.retried > 0
      ? ` The request went through after ${a.retried} retr${a.retried === 1 ? 'y' : 'ies'} (ShipStation was busy or failing, and the connector waited and tried again).`
      : '';
  return done + retries;
}

/** The lines of an outbound order as its link keeps them (Sage line numbers are the line keys). */
export function linesOf(o: { items: { lineKey: string; sku: string; quantity: number }[] }): LinkLine[] {
  return o.items.map((i) => ({ lineNumber: Number(i.lineKey), sku: i.sku, quantity: i.quantity }));
}
