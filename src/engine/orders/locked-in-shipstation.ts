import type { Link } from '../../domain/link.js';
import type { SageOrder } from '../../domain/sage.js';
import { auditOrder } from '../records/order-audit.js';
import { writeOrderRecord } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import { count } from '../tally.js';
import type { OrdersRun } from './order-context.js';

/** ShipStation shipped or cancelled the order before our change arrived: record it, never force it. */
export async function lockedInShipStation(
  run: OrdersRun,
  order: SageOrder,
  link: Link,
  status: 'shipped' | 'cancelled',
  ssOrderId: string,
  mergedInto: string | null = null,
): Promise<void> {
  const ref = refOf(order);
  if (status === 'cancelled' && mergedInto) {
    // Staff merged it into another ShipStation order: that order carries these lines and, when it ships,
    // the shipments flow writes them back to this Sage order. Nothing is re-sent meanwhile.
    await run.store.links.setStatus(run.connection.id, link.orderKey, 'merged', ssOrderId);
    const message = `ShipStation order ${link.orderKey} was merged in ShipStation into order ${mergedInto}; the Sage 300 change was not applied, and the shipment is written back when that order ships.`;
    await auditOrder(run, ref, 'merged', message);
    count(run, 'found_merged');
    return;
  }
  await run.store.links.setStatus(run.connection.id, link.orderKey, status, ssOrderId);
  const message =
    status === 'shipped'
      ? `ShipStation order ${link.orderKey} is already shipped, so the Sage 300 change was not applied to it; the shipments flow writes the shipment back and any quantity still to ship goes out as a follow-up order.`
      : `ShipStation order ${link.orderKey} was cancelled in ShipStation; the Sage 300 change was not applied, and it is not sent again unless a person asks (retry).`;
  await auditOrder(run, ref, `found_${status}`, message);
  if (status === 'cancelled') {
    // Cancelled by someone in ShipStation while Sage still has it open: a person decides (cancel it in
    // Sage, or "retry" to send it again); it is never re-sent behind their back.
    await writeOrderRecord(run, ref, {
      state: 'conflict',
      reason: `ShipStation order ${link.orderKey} was cancelled in ShipStation while order ${order.number} is still open in Sage 300: cancel it in Sage too, or use "retry" to send it to ShipStation again`,
    });
  }
  count(run, `found_${status}`);
}
