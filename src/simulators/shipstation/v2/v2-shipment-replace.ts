import type { OrderFields } from '../order-writes.js';
import type { OrderRecord, V2Extras } from '../records.js';
import { blankFields } from './v2-blank-fields.js';
import type { UpdateShipmentBody } from './v2-shipment-input.js';

/**
 * The base a strict-mode PUT applies its body onto (ShipEngine's reading of `PUT /v2/shipments/{id}`, a full
 * replace): every field V2 shows and the update body can set starts empty, so an omitted one is cleared.
 * Kept: identity and what V2 cannot write here (number, dates, status, bill-to, store, tags).
 */
export function replaceBase(existing: OrderFields, now: number): OrderFields {
  const blank = blankFields(now);
  return {
    ...blank,
    orderNumber: existing.orderNumber,
    orderDate: existing.orderDate,
    paymentDate: existing.paymentDate,
    // A hold is a hold date: a replace without one releases it, as applying an empty date would.
    orderStatus: existing.orderStatus === 'on_hold' ? 'awaiting_shipment' : existing.orderStatus,
    customerUsername: existing.customerUsername,
    billTo: existing.billTo,
    paymentMethod: existing.paymentMethod,
    tagIds: existing.tagIds,
    advancedOptions: {
      ...blank.advancedOptions,
      storeId: existing.advancedOptions.storeId,
      source: existing.advancedOptions.source,
      billToMyOtherAccount: existing.advancedOptions.billToMyOtherAccount,
    },
  };
}

/** The V2-only parts a replace clears unless the body sends them again. */
export function replacedExtras(existing: OrderRecord): Partial<V2Extras> {
  return {
    currency: existing.v2.currency,
    shipFrom: null,
    returnTo: null,
    isReturn: false,
    externalOrderId: null,
    packages: null,
  };
}

/** ShipEngine's update body requires `ship_to` and one of `ship_from`/`warehouse_id`: the first one missing. */
export function missingForReplace(body: UpdateShipmentBody): string | null {
  if (!body.ship_to) return 'ship_to';
  if (!body.warehouse_id && !body.ship_from) return 'warehouse_id';
  return null;
}
