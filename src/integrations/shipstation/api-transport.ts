import type { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import { type ConnectorError, ResponseShapeError, type SystemName, toConnectorError } from '../../domain/errors.js';
import type { Logger } from '../../observability/logger.js';
import { scrub } from '../../observability/scrub.js';
import { type HttpResponse, httpRequest } from '../http-request.js';
import { noteAttempts } from '../retry-note.js';
import { type ClientStats, endpointKey } from './client-stats.js';
import type { RateBudget, RequestPriority } from './rate-budget.js';
import type { ExchangeSummary } from './v1-errors.js';

/** Per-call choices every client method may pass. */
export interface CallOptions {
  /** Defaults: 'write' for pushes and write-backs, 'poll' for reads. */
  priority?: RequestPriority;
  signal?: AbortSignal;
}

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: URL;
  body?: unknown;
  priority: RequestPriority;
  idempotent: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/** What differs between V1 and V2 around one exchange; the loop itself is shared. */
export interface ApiTransport {
  system: SystemName;
  budget: RateBudget;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  stats: ClientStats;
  /** Auth headers, built per call so they live in no long-lived object that might be logged. */
  authHeaders(): Record<string, string>;
  /** Strings that must never appear in an error message (key, secret). */
  secrets(): string[];
  classify(exchange: ExchangeSummary): ConnectorError | undefined;
  retryDelay(error: ConnectorError, attempt: number, idempotent: boolean): number | undefined;
}

/**
 * One API call through the account's budget: wait for a permit, exchange, tell the budget what came back,
 * classify, and retry when the client's retry decision says so. Errors leave as ConnectorErrors whose
 * messages are scrubbed of the credentials.
 */
export async function callApi(transport: ApiTransport, call: ApiCall): Promise<HttpResponse> {
  const endpoint = endpointKey(call.method, call.url.pathname);
  const started = transport.clock.now();
  for (let attempt = 1; ; attempt++) {
    const permit = await transport.budget.acquire(call.priority, call.signal);
    let response: HttpResponse | undefined;
    let error: ConnectorError | undefined;
    try {
      response = await httpRequest({
        method: call.method,
        url: call.url.toString(),
        headers: transport.authHeaders(),
        body: call.body,
        timeoutMs: call.timeoutMs ?? transport.timeoutMs,
        system: transport.system,
        ...(call.signal ? { signal: call.signal } : {}),
      });
    } catch (thrown) {
      if (call.signal?.aborted) {
        permit.settle();
        throw thrown;
      }
      error = toConnectorError(thrown, transport.system);
    }
    permit.settle(response ? { status: response.status, headers: response.headers } : undefined);
    if (response) {
      error = transport.classify({
        status: response.status,
        headers: response.headers,
        text: response.text,
        method: call.method,
        path: call.url.pathname,
      });
    }
    transport.stats.recordRequest(endpoint, response?.status, error !== undefined);
    transport.logger.debug(
      {
        system: transport.system,
        endpoint,
        status: response?.status,
        attempt,
        ms: Math.round(response?.elapsedMs ?? 0),
      },
      'shipstation request',
    );
    if (!error) return response!;
    const delay = transport.retryDelay(error, attempt, call.idempotent);
    if (delay === undefined) {
      const failed = scrubbed(error, transport.secrets());
      if (attempt > 1) {
        // Each retry went to the log at debug; this is the one line at warn.
        const ms = transport.clock.now() - started;
        noteAttempts(failed, attempt, ms);
        transport.logger.warn(
          { system: transport.system, endpoint, attempts: attempt, seconds: Math.round(ms / 1000), code: error.code },
          `shipstation ${endpoint} failed after ${attempt} attempts over ${Math.round(ms / 1000)} s`,
        );
      }
      throw failed;
    }
    transport.stats.recordRetry(endpoint);
    transport.logger.debug(
      { system: transport.system, endpoint, attempt, code: error.code, delayMs: delay },
      'shipstation request will be retried',
    );
    await transport.clock.sleep(delay, call.signal);
  }
}

/** Validates a JSON body; a mismatch is a permanent ResponseShapeError naming the fields, not the values. */
export function parseBody<T extends z.ZodType>(
  response: HttpResponse,
  schema: T,
  system: SystemName,
  where: string,
): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch (cause) {
    throw new ResponseShapeError('bad_response', `${where} did not answer JSON`, {
      cause,
      context: { system, status: response.status },
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new ResponseShapeError('bad_response', `${where} answered an unexpected shape: ${problems}`, {
      context: { system, status: response.status },
    });
  }
  return result.data;
}

function scrubbed(error: ConnectorError, secrets: string[]): ConnectorError {
  const clean = scrub(error.message, secrets);
  if (clean !== error.message) Object.defineProperty(error, 'message', { value: clean });
  return error;
}
