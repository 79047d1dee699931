/** One item of a label or fulfillment, as ShipStation reports it (stocking units). */
export interface ShippedItem {
  /** V1 `lineItemKey` / V2 `external_order_item_id`: the Sage LineNumber the orders flow sent. */
  lineKey: string | null;
  sku: string | null;
  quantity: number;
}
