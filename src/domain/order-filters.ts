import type { OrderState } from './records.js';

/** A named group of order states, as the dashboard's Orders filter and `ml-connector orders --state` offer. */
export interface OrderFilter {
  value: string;
  label: string;
  states: OrderState[];
}

/** One list for the dashboard and the CLI, so "held" or "open" means the same orders in both. */
export const ORDER_FILTERS: readonly OrderFilter[] = [
  { value: '', label: 'Every state', states: [] },
  {
    value: 'open',
    label: 'Open: not yet shipped and written back',
    states: ['detected', 'held', 'sent', 'on_hold', 'partially_shipped', 'failed', 'conflict'],
  },
  { value: 'attention', label: 'Needs a person (held, failed, conflict)', states: ['held', 'failed', 'conflict'] },
  { value: 'sent', label: 'Sent: in ShipStation, awaiting shipment', states: ['sent', 'on_hold'] },
  { value: 'shipped', label: 'Shipped in ShipStation', states: ['shipped', 'partially_shipped'] },
  { value: 'written_back', label: 'Written back to Sage 300', states: ['written_back'] },
  { value: 'held', label: 'Held back', states: ['held'] },
  { value: 'failed', label: 'Failed', states: ['failed'] },
  { value: 'conflict', label: 'Needs attention (conflict)', states: ['conflict'] },
  { value: 'skipped', label: 'Not sent (by rule)', states: ['skipped'] },
  { value: 'cancelled', label: 'Cancelled', states: ['cancelled'] },
  { value: 'detected', label: 'Detected, not sent yet', states: ['detected'] },
];

export function orderFilter(value: string): OrderFilter | undefined {
  return ORDER_FILTERS.find((f) => f.value === value);
}
