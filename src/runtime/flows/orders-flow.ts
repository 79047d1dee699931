import type { Connection } from '../../domain/connection.js';
import type { FlowRunResult } from '../../engine/flow-runner.js';
import { type OrdersMode, runOrdersPass } from '../../engine/orders/orders-pass.js';
import type { Connector, RunOptions } from '../connector.js';
import type { FlowModule } from './flow.js';
import { runPass } from './run-pass.js';

export interface OrdersRequest extends RunOptions {
  /** `new` orders, `edits` of open ones in the look-back window, `reconcile` every open one, or named `orders`. */
  mode: OrdersMode;
  uniquifiers?: readonly string[];
  /** A re-scan from a date (dashboard): an edits pass over the wider window. */
  from?: string;
}

/**
 * Sage orders to ShipStation: new orders every ORDERS_POLL_SECONDS (first at start, once the reference pass
 * has mapped what it found), edits every ORDERS_EDITS_POLL_SECONDS, and the nightly reconcile of every open
 * order (RECONCILE_CRON), all under the `orders` lease.
 */
export const ordersFlow: FlowModule<OrdersRequest> = {
  name: 'orders',
  run: (connector, connection, request) =>
    connector.runUnderLease(connection, 'orders', request, (ctx, rt) =>
      runOrdersPass(ctx, { sage: rt.sage, shipping: rt.shipping }, request.mode, {
        ...(request.uniquifiers ? { uniquifiers: request.uniquifiers } : {}),
        ...(request.from ? { from: request.from } : {}),
      }),
    ),
  // `sync orders` makes a new-orders pass, then an edits pass, unless --mode says one.
  byHand: (mode) =>
    mode === undefined
      ? [{ mode: 'new' }]
      : mode === 'all'
        ? [{ mode: 'new' }, { mode: 'edits' }]
        : [{ mode: mode as OrdersMode }],
  jobs: [
    {
      name: 'orders',
      timing: { every: { setting: 'ordersPollSeconds', config: 'ORDERS_POLL_SECONDS' }, cron: 'ORDERS_CRON' },
      runAtStart: true,
      after: 'reference',
      request: { mode: 'new' },
    },
    {
      name: 'orders-edits',
      timing: {
        every: { setting: 'ordersEditsPollSeconds', config: 'ORDERS_EDITS_POLL_SECONDS' },
        cron: 'ORDERS_EDITS_CRON',
      },
      request: { mode: 'edits' },
    },
    { name: 'reconcile', tag: 'reconcile', timing: { cron: 'RECONCILE_CRON' }, request: { mode: 'reconcile' } },
  ],
};

/** One orders pass (`mode`) of a connection. */
export function runOrders(
  connector: Connector,
  connection: Connection,
  mode: OrdersMode,
  options: Omit<OrdersRequest, 'mode'> = {},
): Promise<FlowRunResult> {
  return runPass(connector, connection, ordersFlow, { ...options, mode });
}
