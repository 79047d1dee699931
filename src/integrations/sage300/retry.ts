import type { Clock } from '../../domain/clock.js';
import { isConnectorError } from '../../domain/errors.js';
import { noteAttempts } from '../retry-note.js';

/**
 * The one retry decision of the Sage 300 client (design rule 6).
 *
 * - Only idempotent requests retry automatically: GETs and `$metadata`. A POST that creates an order or a
 *   PATCH that ships quantity is never repeated here: the caller (the engine's write-intent logic) reads
 *   the order back and decides, because the first attempt may have been applied before the answer was lost.
 * - What retries: errors the classifier marks retryable (TooManyRequests, 5xx, timeouts, resets).
 * - How long: a server-advertised wait (Retry-After) wins; otherwise exponential backoff from `baseDelayMs`,
 *   capped at `maxDelayMs`, with "equal jitter" (half fixed, half random) so callers that failed together
 *   do not retry together against an app pool that is already saturated.
 * IIS cold starts are handled by a longer timeout on the first request after idleness (client.ts), not by
 * retrying: a retry during a cold start only queues more work on the starting pool.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Milliseconds to wait before attempt `attempt + 1`, or undefined to give up and throw. */
export function retryDelay(
  error: unknown,
  attempt: number,
  idempotent: boolean,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!idempotent || attempt >= policy.maxAttempts) return undefined;
  if (!isConnectorError(error) || !error.retryable) return undefined;
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, 5 * 60_000);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export async function withRetry<T>(
  run: (attempt: number) => Promise<T>,
  options: {
    idempotent: boolean;
    policy: RetryPolicy;
    clock: Clock;
    random?: () => number;
    signal?: AbortSignal;
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
    /** Called once when retries did not help: `attempts` in all over `ms`. */
    onGiveUp?: (error: unknown, attempts: number, ms: number) => void;
  },
): Promise<T> {
  const started = options.clock.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      const delay = retryDelay(error, attempt, options.idempotent, options.policy, options.random);
      if (delay === undefined) {
        if (attempt > 1) {
          const ms = options.clock.now() - started;
          noteAttempts(error, attempt, ms);
          options.onGiveUp?.(error, attempt, ms);
        }
        throw error;
      }
      options.onRetry?.(error, attempt, delay);
      await options.clock.sleep(delay, options.signal);
    }
  }
}
