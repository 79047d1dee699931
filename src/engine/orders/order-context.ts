import type { FlowContext, OrderSource, ShippingPlatform } from '../ports.js';
import type { Tally } from '../tally.js';

/** Everything one orders pass works with, plus its running tallies. */
export interface OrdersRun extends FlowContext, Tally {
  sage: OrderSource;
  shipping: ShippingPlatform;
}

/** Retry delay for an order that failed with a retryable error: 1, 2, 4 … minutes, capped at 30, jittered. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60_000;
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Runs `fn` with the run's store bound to one transaction (one commit for many small writes). */
export function inTransaction<T>(run: OrdersRun, fn: (tx: OrdersRun) => Promise<T>): Promise<T> {
  return run.store.transaction((store) => fn({ ...run, store }));
}
