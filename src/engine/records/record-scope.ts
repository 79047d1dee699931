import type { EngineStore } from '../ports.js';

/** What writing an order's record and audit trail needs (both flows' runs have it). */
export interface RecordScope {
  connection: { id: number };
  store: Pick<EngineStore, 'records' | 'audit' | 'links'>;
}

/** A Sage order as its record and audit trail name it: its key (OrderUniquifier) and its number. */
export interface OrderRef {
  uniquifier: string;
  orderNumber: string;
}

export function refOf(order: { uniquifier: string; number: string }): OrderRef {
  return { uniquifier: order.uniquifier, orderNumber: order.number };
}
