/** Audit events counted as "an order went out": ShipStation accepted it (not the attempt before the push). */
export const ORDERS_OUT_EVENTS = ['acknowledged'];
/** Audit events counted as "a shipment came back": the shipments flow wrote it to Sage 300 (or confirmed it did). */
export const SHIPMENTS_BACK_EVENTS = ['shipment_written', 'write_confirmed'];
