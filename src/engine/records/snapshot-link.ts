import type { Link, LinkStatus } from '../../domain/link.js';
import type { ShippingOrderSnapshot } from '../ports.js';
import { auditOrder } from './order-audit.js';
import type { OrderRef, RecordScope } from './record-scope.js';

export type LinkUpsert = Omit<Link, 'createdAt' | 'updatedAt'>;

export function snapStatus(snap: ShippingOrderSnapshot): LinkStatus {
  return snap.status === 'open' ? 'open' : snap.status;
}

/**
 * The link to a ShipStation order found there rather than created by this pass (re-linking after a lost
 * answer or a lost database). Its lines are the snapshot's; a line whose key is not a Sage line number is
 * not ours and is left out. Nothing was sent from here, so there is no sent hash.
 */
export function linkFromSnapshot(
  snap: ShippingOrderSnapshot,
  to: { connectionId: number; api: 'v1' | 'v2'; sageUniquifier: string; sageOrderNumber: string; seq: number },
): LinkUpsert {
  return {
    connectionId: to.connectionId,
    orderKey: snap.orderKey,
    sageUniquifier: to.sageUniquifier,
    sageOrderNumber: to.sageOrderNumber,
    seq: to.seq,
    ssOrderId: snap.ssOrderId,
    api: to.api,
    status: snapStatus(snap),
    lines: snap.items
      .map((i) => ({ lineNumber: Number(i.lineKey), sku: i.sku ?? '', quantity: i.quantity }))
      .filter((l) => Number.isFinite(l.lineNumber)),
    sentHash: null,
    sent: { carrierCode: snap.carrierCode, serviceCode: snap.serviceCode, warehouseId: snap.warehouseId },
  };
}

/** Records a link to a ShipStation order found there (see linkFromSnapshot), and says so in the order's trail. */
export async function relink(run: RecordScope, link: LinkUpsert, order: OrderRef, message: string): Promise<void> {
  await run.store.links.upsert(link);
  await auditOrder(run, order, 'relinked', message);
}
