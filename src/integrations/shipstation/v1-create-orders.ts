import type { z } from 'zod';
import { ConnectorError } from '../../domain/errors.js';
import type { v1CreateOrdersResultSchema } from './v1-schemas.js';
import type { V1CreateOrderResult, V1OrderInput } from './v1-types.js';

/** V1 accepts at most 100 orders per createorders call (sheet §6.4; 101 answers 400). */
export const V1_CREATE_ORDERS_BATCH = 100;

type Answer = z.infer<typeof v1CreateOrdersResultSchema>;

/**
 * Sends the batches one after another and returns one result per order, in input order. A batch whose call
 * fails gives each of its orders `success: false` with the error; after a retryable failure (the budget or
 * the server is in trouble) or a refused credential, the remaining batches are not sent and carry the same
 * error. createorders upserts by orderKey, so the engine may simply send the failed ones again.
 */
export async function createOrdersInBatches(
  orders: readonly V1OrderInput[],
  post: (batch: readonly V1OrderInput[]) => Promise<Answer>,
): Promise<V1CreateOrderResult[]> {
  const results: V1CreateOrderResult[] = [];
  let stop: ConnectorError | undefined;
  for (let i = 0; i < orders.length; i += V1_CREATE_ORDERS_BATCH) {
    const batch = orders.slice(i, i + V1_CREATE_ORDERS_BATCH);
    if (stop) {
      results.push(...batch.map((o) => failed(o, stop!)));
      continue;
    }
    try {
      results.push(...alignResults(batch, (await post(batch)).results));
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      results.push(...batch.map((o) => failed(o, error)));
      if (error.retryable || error.code === 'unauthorized' || error.code === 'forbidden') stop = error;
    }
  }
  return results;
}

function failed(order: V1OrderInput, error: ConnectorError): V1CreateOrderResult {
  return {
    orderKey: order.orderKey,
    orderNumber: order.orderNumber,
    success: false,
    orderId: null,
    errorMessage: error.message,
    error,
  };
}

/** One result per order sent: by position when the keys agree, else by the echoed orderKey. */
function alignResults(batch: readonly V1OrderInput[], results: Answer['results']): V1CreateOrderResult[] {
  const byKey = new Map(results.filter((r) => r.orderKey).map((r) => [r.orderKey!, r]));
  return batch.map((order, i) => {
    const atIndex = results[i];
    const r = atIndex && (atIndex.orderKey ?? order.orderKey) === order.orderKey ? atIndex : byKey.get(order.orderKey);
    if (!r) {
      const error = new ConnectorError(
        'bad_response',
        `createorders returned no result for order ${order.orderNumber}`,
        {
          context: { system: 'shipstation-v1' },
        },
      );
      return failed(order, error);
    }
    return {
      orderKey: order.orderKey,
      orderNumber: order.orderNumber,
      success: r.success,
      orderId: r.orderId ?? null,
      errorMessage: r.errorMessage ?? null,
    };
  });
}
