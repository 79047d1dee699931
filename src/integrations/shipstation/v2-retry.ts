import type { ConnectorError } from '../../domain/errors.js';
import { jitteredBackoff } from './backoff.js';

export const V2_MAX_ATTEMPTS = 5;

/**
 * The one V2 retry decision: milliseconds to wait before attempt `attempt + 1`, or undefined to give up.
 *
 * - Permanent errors never retry.
 * - A 429 retries for any request (refused before the work was done), waiting `Retry-After` when given;
 *   so does a refused connection.
 * - Other retryable failures retry only idempotent requests. NOT idempotent: `POST /v2/shipments` (a retry
 *   after a lost answer would meet the duplicate `external_shipment_id` error — the engine re-links with
 *   GET by external id instead), label purchase, void, fulfillments, inventory transactions
 *   (`increment` twice is twice the stock). Idempotent: GETs, PUT updates, DELETE, tag add/remove.
 * - Without an advertised wait: jittered exponential backoff from 500 ms, capped at 20 s.
 */
export function decideV2Retry(
  error: ConnectorError,
  attempt: number,
  idempotent: boolean,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= V2_MAX_ATTEMPTS || !error.retryable) return undefined;
  const notProcessed = error.code === 'rate_limited' || error.code === 'connection_refused';
  if (!idempotent && !notProcessed) return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  return jitteredBackoff(attempt, { baseMs: 500, capMs: 20_000 }, random);
}
