import { ConnectorError, isConnectionFault } from '../../domain/errors.js';
import type { SageOrder } from '../../domain/sage.js';
import { auditOrder } from '../records/order-audit.js';
import { readOrderRecord, writeOrderRecord } from '../records/order-record.js';
import { refOf } from '../records/record-scope.js';
import { count } from '../tally.js';
import { type OrdersRun, retryDelayMs } from './order-context.js';
import { sageOrderHash } from './raw-hash.js';

/**
 * Records a push ShipStation did not take. A retryable error is tried again after a growing delay; a
 * permanent one is parked with the Sage content it failed on, so it is not repeated until that changes.
 */
export async function failed(run: OrdersRun, order: SageOrder, error: ConnectorError, action: string): Promise<void> {
  // A redirect or a refused credential is the connection's fault: fail the pass, park nothing.
  if (isConnectionFault(error)) throw error;
  const prior = await readOrderRecord(run, order.uniquifier);
  const attempts = (prior?.attempts ?? 0) + 1;
  const next = error.retryable ? new Date(run.clock.now() + retryDelayMs(attempts)).toISOString() : null;
  const reason = failureReason(error, action, attempts);
  await writeOrderRecord(run, refOf(order), {
    state: 'failed',
    reason,
    attempt: true,
    nextAttemptAt: next,
    data: { failedHash: sageOrderHash(order, run.settings.fields), retryable: error.retryable },
  });
  await auditOrder(run, refOf(order), error.retryable ? 'retry' : 'failed', reason, { error: error.toJSON() });
  count(run, error.retryable ? 'retries' : 'failed');
}

/** What people read about a failed push: what happened and what happens next (or what to do). */
export function failureReason(
  error: { message: string; retryable: boolean },
  action: string,
  attempts: number,
): string {
  return error.retryable
    ? `ShipStation did not take the ${action} (${error.message}); retrying automatically (attempt ${attempts}).`
    : `ShipStation refused the ${action}: ${error.message}. Fix the order in Sage 300 and it is sent again, or use "retry".`;
}

/** ShipStation's answer to a bulk push left out an order: treated as a retryable failure. */
export function missingResult(orderKey: string): ConnectorError {
  return new ConnectorError('no_result', `ShipStation's answer did not mention ${orderKey}`, { retryable: true });
}
