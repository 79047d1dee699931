/**
 * The durable tie between a Sage order and one ShipStation order made from it (domain.md, Identities):
 * `orderKey` = `{COMPANY}-{OrderNumber}-{seq}` is the V1 orderKey and the V2 external_shipment_id.
 */
export type LinkStatus =
  | 'creating' // recorded before the push: after a crash, re-link by key before creating again
  | 'open' // in ShipStation, editable
  | 'on_hold'
  | 'shipped' // shipped in ShipStation (label or fulfillment)
  | 'merged' // merged in ShipStation into another order (which carries its lines until it ships)
  | 'cancelled';

export interface LinkLine {
  /** Sage LineNumber (32, 64, ...) = lineItemKey / external_order_item_id. */
  lineNumber: number;
  sku: string;
  /** Quantity sent in this ShipStation order, stocking units. */
  quantity: number;
}

/**
 * The values the connector last sent for fields that warehouse staff may change in ShipStation. An update
 * changes such a field only when Sage changed it since (otherwise ShipStation's value is kept).
 */
export interface SentSnapshot {
  carrierCode?: string | null;
  serviceCode?: string | null;
  warehouseId?: string | null;
  status?: 'awaiting_shipment' | 'on_hold' | 'cancelled';
  /** Hash of the order apart from quantities, to recognise an edit made after shipment. */
  nonQuantityHash?: string;
}

export interface Link {
  connectionId: number;
  orderKey: string;
  sageUniquifier: string;
  sageOrderNumber: string;
  seq: number;
  ssOrderId: string | null;
  api: 'v1' | 'v2';
  status: LinkStatus;
  lines: LinkLine[];
  /** Hash of the Sage-owned content last sent, so unchanged orders are not sent again. */
  sentHash: string | null;
  /** What was last sent for the fields ShipStation staff may change after creation. */
  sent: SentSnapshot;
  createdAt: string;
  updatedAt: string;
}

/** `{COMPANY}-{OrderNumber}-{seq}`, at most 50 characters (ShipStation's limit). */
export function orderKeyFor(company: string, orderNumber: string, seq: number): string {
  const key = `${company}-${orderNumber}-${seq}`;
  if (key.length > 50) throw new Error(`order key ${key} is longer than ShipStation's 50 characters`);
  return key;
}

/** ShipStation order number: Sage's, with `-BO{seq}` from the second shipment on (ShipStation itself uses -1, -2 for splits). */
export function shipStationOrderNumber(orderNumber: string, seq: number): string {
  return seq <= 1 ? orderNumber : `${orderNumber}-BO${seq}`;
}
