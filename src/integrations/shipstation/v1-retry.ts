import type { ConnectorError } from '../../domain/errors.js';
import { jitteredBackoff } from './backoff.js';

export const V1_MAX_ATTEMPTS = 5;

/**
 * The one V1 retry decision: milliseconds to wait before attempt `attempt + 1`, or undefined to give up.
 *
 * - Permanent errors (4xx other than 429, shape errors, refused URLs) never retry.
 * - A 429 retries for ANY request, idempotent or not: the server refused it before doing the work.
 *   Same for a refused connection (nothing was sent).
 * - Other retryable failures (5xx, timeouts, resets) retry only idempotent requests: GETs, PUT product,
 *   and `createorder`/`createorders`, which upsert by orderKey. Labels and mark-as-shipped are not:
 *   a timeout there may have bought a label.
 * - The server's advertised wait wins (`X-Rate-Limit-Reset` on a 429, margin included by the classifier);
 *   otherwise jittered exponential backoff from 1 s, capped at 30 s.
 */
export function decideV1Retry(
  error: ConnectorError,
  attempt: number,
  idempotent: boolean,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= V1_MAX_ATTEMPTS || !error.retryable) return undefined;
  const notProcessed = error.code === 'rate_limited' || error.code === 'connection_refused';
  if (!idempotent && !notProcessed) return undefined;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  return jitteredBackoff(attempt, { baseMs: 1000, capMs: 30_000 }, random);
}
