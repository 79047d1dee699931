import { isConnectorError } from '../domain/errors.js';

/**
 * What was tried, on the error itself (context.attempts, context.triedMs): the command that reports the
 * failure says "tried 4 times over 14 s" without reading the log.
 */
export function noteAttempts(error: unknown, attempts: number, ms: number): void {
  if (isConnectorError(error)) Object.assign(error.context, { attempts, triedMs: Math.round(ms) });
}
