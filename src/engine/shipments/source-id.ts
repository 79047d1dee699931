/**
 * One id per label or fulfillment whichever API reported it. V1 and V2 are one account: a V2 id `se-<n>` is
 * the V1 record `<n>` (domain.md, Identities), so a label seen through SHIP_NOTIFY and label_created_v2, or
 * polled through either API, is one shipment event and is written to Sage once.
 */
export function shipmentSourceId(kind: 'label' | 'fulfillment', id: string | number): string {
  const text = String(id);
  const numeric = /^\d+$/.test(text) ? text : /^se-(\d+)$/.exec(text)?.[1];
  if (numeric !== undefined) return `v1:${kind === 'label' ? 'shipment' : 'fulfillment'}:${numeric}`;
  return `v2:${kind}:${text}`;
}

/** The forms a ShipStation order id takes in links (V1 `123`, V2 `se-123`). */
export function orderIdForms(ssOrderId: string): string[] {
  const n = /^(?:se-)?(\d+)$/.exec(ssOrderId)?.[1];
  return n === undefined ? [ssOrderId] : [n, `se-${n}`];
}
