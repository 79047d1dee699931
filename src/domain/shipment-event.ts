/** Where a shipment seen from ShipStation stands in its write-back to Sage 300. */
export type ShipmentEventState =
  | 'new' // seen, not yet written to Sage
  | 'written' // written to Sage (exactly once)
  | 'queued' // waiting: Sage refuses updates (405) or the order is busy
  | 'exported' // exported to a file for a manual Sage import
  | 'void_flagged' // label voided after write-back: flagged for a person
  | 'ignored' // not ours (no link), or a void before write-back
  | 'conflict'; // needs a person (quantity mismatch, unknown lines)

/** A shipment, label or fulfillment seen from ShipStation, deduplicated by its id (webhooks and polls alike). */
export interface ShipmentEvent {
  connectionId: number;
  /** `v1:shipment:<shipmentId>`, `v1:fulfillment:<id>`, `v2:label:<label_id>`, `v2:fulfillment:<id>` */
  sourceId: string;
  orderKey: string | null;
  kind: 'label' | 'fulfillment';
  voided: boolean;
  tracking: string | null;
  state: ShipmentEventState;
  reason: string | null;
  data: Record<string, unknown>;
  firstSeenAt: string;
  updatedAt: string;
}
