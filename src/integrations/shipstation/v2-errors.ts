import { ApiError, type ConnectorError } from '../../domain/errors.js';
import type { ExchangeSummary } from './v1-errors.js';
import { retryAfterMs } from './v2-rate-budget.js';

/**
 * The one V2 classifier: response → ConnectorError (undefined on success).
 *
 * V2 errors are `{request_id, errors: [{error_source, error_type, error_code, message, field_name?}]}`
 * (sheet §1.2), but 500s and some 404s come with an EMPTY body, so the status decides first and the
 * envelope only adds words and the request id. The docs say not to code against `message`, so only
 * `error_code` refines the verdict.
 *
 * Codes: unauthorized, forbidden, not_found, validation_failed, conflict, webhook_event_taken,
 * rate_limited, server_error, unavailable, http_error. Retryable: 429, 5xx.
 * `webhook_event_taken`: a 409 on creating a webhook — V2 allows one URL per event per account, and
 * another app holds it; the engine says so and relies on polling (domain: never delete theirs).
 */
export function classifyV2Response(exchange: ExchangeSummary, now = Date.now()): ConnectorError | undefined {
  if (exchange.status >= 200 && exchange.status < 300) return undefined;
  const envelope = parseEnvelope(exchange.text);
  const where = `${exchange.method} ${exchange.path}`;
  const first = envelope.errors[0];
  const context = {
    system: 'shipstation-v2' as const,
    status: exchange.status,
    method: exchange.method,
    path: exchange.path,
    ...(envelope.requestId ? { requestId: envelope.requestId } : {}),
    ...(first?.error_code ? { errorCode: first.error_code } : {}),
    ...(first?.field_name ? { fieldName: first.field_name } : {}),
  };
  const detail = envelope.errors
    .map((e) => e.message ?? e.error_code)
    .filter(Boolean)
    .join('; ');
  const say = (text: string) => (detail ? `${text}: ${shorten(detail)}` : text);

  switch (exchange.status) {
    case 401:
      return new ApiError('unauthorized', `ShipStation V2 refused the API key (${where})`, { context });
    case 403:
      return new ApiError('forbidden', say(`ShipStation V2 denied access (${where})`), { context });
    case 404:
      return new ApiError('not_found', say(`ShipStation V2 found nothing at ${where}`), { context });
    case 409: {
      const webhook = exchange.method === 'POST' && /\/environment\/webhooks\/?$/.test(exchange.path);
      const code = webhook || first?.error_code === 'webhook_event_type_conflict' ? 'webhook_event_taken' : 'conflict';
      return new ApiError(code, say(`ShipStation V2 reports a conflict (${where})`), { context });
    }
    case 429: {
      const wait = retryAfterMs(exchange.headers, now);
      return new ApiError('rate_limited', `ShipStation V2 rate limit reached (${where})`, {
        retryable: true,
        context,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      });
    }
  }
  if (exchange.status === 400 || exchange.status === 422) {
    return new ApiError('validation_failed', say(`ShipStation V2 rejected the request (${where})`), { context });
  }
  if (exchange.status >= 500) {
    const code = exchange.status === 500 ? 'server_error' : 'unavailable';
    return new ApiError(code, say(`ShipStation V2 failed (${exchange.status}) on ${where}`), {
      retryable: true,
      context,
    });
  }
  return new ApiError('http_error', say(`ShipStation V2 answered ${exchange.status} to ${where}`), { context });
}

export interface V2ErrorItem {
  error_source?: string;
  error_type?: string;
  error_code?: string;
  message?: string;
  field_name?: string;
}

/** Tolerant reading of the error envelope: anything missing is simply absent. */
export function parseEnvelope(text: string): { requestId: string | undefined; errors: V2ErrorItem[] } {
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return { requestId: undefined, errors: [] };
  }
  if (!body || typeof body !== 'object') return { requestId: undefined, errors: [] };
  const record = body as Record<string, unknown>;
  const requestId = typeof record.request_id === 'string' ? record.request_id : undefined;
  const errors = Array.isArray(record.errors)
    ? record.errors.filter((e): e is V2ErrorItem => !!e && typeof e === 'object')
    : [];
  return { requestId, errors };
}

function shorten(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
