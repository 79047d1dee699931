import { ApiError, type ConnectorError, type ErrorContext } from '../../domain/errors.js';
import { scrub } from '../../observability/scrub.js';

/**
 * The one classifier from a Sage 300 Web API response to a ConnectorError (design rule 5).
 *
 * Sage answers errors with `{"error":{"code":"RecordNotFound","message":{"lang":"en-US","value":"…"}}}` and
 * says "the error code should be used for determining the nature of the issue since it is more precise than
 * the HTTP status code" (DEVREF22). So the Sage code decides where it is known, the status otherwise:
 * - retryable: `TooManyRequests` (429/503: the IIS app pool is saturated), any other 5xx (the pool recycles,
 *   a view hiccups), 408; timeouts and resets never get here (httpRequest throws NetworkError for those);
 * - permanent: 400 `InvalidPayload`/`InvalidParameters`/`RecordInvalid`/`InvalidEntityKey`/`DBLinkError`,
 *   401, 403, 404, 405, 409 `RecordDuplicate` — repeating the request cannot change the answer.
 * The error carries the Sage code, the status and the message text, scrubbed (a server or proxy may echo
 * the Authorization header or the password in its error text); never a header.
 */
export class Sage300ApiError extends ApiError {
  /** Sage's error code (`RecordNotFound`…), or undefined when the body was not Sage's envelope. */
  readonly sageCode: string | undefined;
  readonly status: number;

  constructor(
    status: number,
    sageCode: string | undefined,
    message: string,
    retryable: boolean,
    context: ErrorContext,
    retryAfterMs?: number,
  ) {
    super(sageCode ?? `http_${status}`, message, {
      retryable,
      context: { ...context, system: 'sage300', status, ...(sageCode ? { sageCode } : {}) },
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    this.sageCode = sageCode;
    this.status = status;
  }
}

const RETRYABLE_CODES = new Set(['TooManyRequests']);
const PERMANENT_CODES = new Set([
  'InvalidPayload',
  'InvalidParameters',
  'RecordInvalid',
  'InvalidEntityKey',
  'InvalidAction',
  'Unauthorized',
  'Forbidden',
  'RecordNotFound',
  'ResourceNotFound',
  'MethodNotAllowed',
  'RecordDuplicate',
  'DBLinkError',
]);

export interface SageEnvelope {
  code: string;
  message: string;
}

/** Reads Sage's error envelope; tolerates `message` as a plain string (seen in field code). */
export function parseSageEnvelope(text: string): SageEnvelope | undefined {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = body?.error?.code;
    if (typeof code !== 'string') return undefined;
    const m = body.error?.message;
    const message =
      typeof m === 'string'
        ? m
        : m && typeof m === 'object' && typeof (m as { value?: unknown }).value === 'string'
          ? (m as { value: string }).value
          : JSON.stringify(m ?? '');
    return { code, message };
  } catch {
    return undefined;
  }
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function isRetryableStatus(status: number, sageCode: string | undefined): boolean {
  if (sageCode && RETRYABLE_CODES.has(sageCode)) return true;
  if (sageCode && PERMANENT_CODES.has(sageCode)) return false;
  return status === 408 || status === 429 || status >= 500;
}

export function classifySage300Response(response: {
  status: number;
  text: string;
  headers?: Headers;
  method: string;
  path: string;
}): ConnectorError {
  const envelope = parseSageEnvelope(response.text);
  const code = envelope?.code;
  const retryable = isRetryableStatus(response.status, code);
  const what = envelope
    ? `${code}: ${envelope.message}`
    : `HTTP ${response.status}${response.text ? ` (${response.text.slice(0, 200).replace(/\s+/g, ' ')})` : ''}`;
  return new Sage300ApiError(
    response.status,
    code,
    scrub(`Sage 300 answered ${response.status} to ${response.method} ${response.path}: ${what}`),
    retryable,
    { method: response.method, path: response.path },
    retryAfter(response.headers),
  );
}
