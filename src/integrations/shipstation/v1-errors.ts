import { ApiError, type ConnectorError } from '../../domain/errors.js';

/** What a classifier sees of one exchange; `path` never carries the query (filters are not for logs). */
export interface ExchangeSummary {
  status: number;
  headers: Headers;
  text: string;
  method: string;
  path: string;
}

/**
 * The one V1 classifier: response → ConnectorError (undefined when the response is a success).
 *
 * V1 is ASP.NET Web API (sheet §2): validation failures say `Message` + `ModelState`, business rules and
 * crashes say `ExceptionMessage`; 429 says `{"message": "Too Many Requests"}` (lower-case) with
 * `X-Rate-Limit-Reset` seconds. A body saying "Too Many Requests" is treated as throttling whatever its
 * status (a production client found it so, sheet §3).
 *
 * Codes: unauthorized, forbidden, not_found, method_not_allowed, validation_failed, order_locked,
 * request_rejected, rate_limited, server_error, unavailable, http_error. Retryable: 429, 5xx.
 */
export function classifyV1Response(exchange: ExchangeSummary): ConnectorError | undefined {
  const body = parseBody(exchange.text);
  const throttled = exchange.status === 429 || /too many requests/i.test(stringField(body, 'message') ?? '');
  if (!throttled && exchange.status >= 200 && exchange.status < 300) return undefined;

  const where = `${exchange.method} ${exchange.path}`;
  const context = {
    system: 'shipstation-v1' as const,
    status: exchange.status,
    method: exchange.method,
    path: exchange.path,
  };
  const detail = describeBody(body);
  const say = (text: string) => (detail ? `${text}: ${detail}` : text);

  if (throttled) {
    const wait = resetWaitMs(exchange.headers);
    return new ApiError('rate_limited', `ShipStation V1 rate limit reached (${where})`, {
      retryable: true,
      context,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  switch (exchange.status) {
    case 401:
      return new ApiError('unauthorized', `ShipStation V1 refused the API key and secret (${where})`, { context });
    case 403:
      return new ApiError('forbidden', say(`ShipStation V1 denied access (${where})`), { context });
    case 404:
      return new ApiError('not_found', say(`ShipStation V1 found nothing at ${where}`), { context });
    case 405:
      return new ApiError('method_not_allowed', `ShipStation V1 does not support ${where}`, { context });
  }
  if (exchange.status === 400) {
    if (body && typeof body === 'object' && 'ModelState' in body) {
      return new ApiError('validation_failed', say(`ShipStation V1 rejected the request (${where})`), { context });
    }
    const exception = stringField(body, 'ExceptionMessage') ?? '';
    // Updating a shipped or cancelled order: the text is the simulator's choice (the real one is UNKNOWN).
    const code = /\b(shipped|cancell?ed)\b/i.test(exception) ? 'order_locked' : 'request_rejected';
    return new ApiError(code, say(`ShipStation V1 refused ${where}`), { context });
  }
  if (exchange.status >= 500) {
    const code = exchange.status === 500 ? 'server_error' : 'unavailable';
    return new ApiError(code, say(`ShipStation V1 failed (${exchange.status}) on ${where}`), {
      retryable: true,
      context,
    });
  }
  return new ApiError('http_error', say(`ShipStation V1 answered ${exchange.status} to ${where}`), { context });
}

/**
 * The wait a 429 advertises: `X-Rate-Limit-Reset` whole seconds + 1 s for its unknown rounding (as TAP does),
 * or the simulator-only `X-Rate-Limit-Reset-Ms` + 25 ms when present (see v1-rate-budget.ts).
 */
function resetWaitMs(headers: Headers): number | undefined {
  const ms = Number(headers.get('x-rate-limit-reset-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms + 25;
  const seconds = Number(headers.get('x-rate-limit-reset') ?? Number.NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 + 1000 : undefined;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function stringField(body: unknown, key: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The server's own words, shortened: ExceptionMessage, else Message + ModelState entries, else text. */
function describeBody(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string')
    return shorten(
      body
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  const exception = stringField(body, 'ExceptionMessage');
  if (exception) return shorten(exception);
  const parts: string[] = [];
  const message = stringField(body, 'Message') ?? stringField(body, 'message');
  if (message) parts.push(message);
  const modelState = (body as Record<string, unknown>).ModelState;
  if (modelState && typeof modelState === 'object') {
    for (const [field, errors] of Object.entries(modelState)) {
      const list = Array.isArray(errors) ? errors.filter((e) => typeof e === 'string') : [];
      if (list.length > 0) parts.push(`${field}: ${list.join('; ')}`);
    }
  }
  return shorten(parts.join(' — '));
}

function shorten(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
