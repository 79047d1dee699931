import type { App } from '../../../app.js';
import type { Connection } from '../../../domain/connection.js';
import type { Link } from '../../../domain/link.js';
import type { RecordRow } from '../../../domain/records.js';
import { redactSecrets } from '../../../observability/redact.js';
import type { AuditEvent } from '../../../store/audit-repo.js';
import type { ShipmentEvent } from '../../../store/shipment-events-repo.js';

export interface OrderDetail {
  record: RecordRow | undefined;
  events: AuditEvent[];
  links: Link[];
  shipments: ShipmentEvent[];
  /** Every tracking number seen for the order (record and shipment events), in order of arrival. */
  tracking: string[];
}

/**
 * Everything the order page shows about one Sage order: its state, its audit timeline (payloads were
 * scrubbed of secrets when stored, and are scrubbed again here), the ShipStation orders made from it,
 * and the shipments and tracking numbers that came back.
 */
export async function orderDetail(app: App, c: Connection, key: string): Promise<OrderDetail> {
  const store = app.store;
  const [record, events, links] = await Promise.all([
    store.records.get(c.id, 'order', key),
    store.audit.forRecord(c.id, 'order', key),
    store.links.forSageOrder(c.id, key),
  ]);
  const shipments = await store.shipmentEvents.forOrderKeys(
    c.id,
    links.map((l) => l.orderKey),
  );
  const fromRecord = Array.isArray(record?.data['trackingNumbers'])
    ? (record.data['trackingNumbers'] as unknown[])
    : [];
  const tracking = [
    ...new Set(
      [...fromRecord, ...shipments.filter((s) => !s.voided).map((s) => s.tracking)].filter(
        (t): t is string => typeof t === 'string' && t !== '',
      ),
    ),
  ];
  return { record, events: events.map((e) => ({ ...e, data: redactSecrets(e.data) })), links, shipments, tracking };
}
