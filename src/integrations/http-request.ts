import { NetworkError, type SystemName } from '../domain/errors.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded with `Content-Type: application/json`. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  system: SystemName;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Milliseconds from sending to the end of the body. */
  elapsedMs: number;
}

/**
 * One HTTP exchange over Node's fetch (undici keeps connections alive). Network failures and timeouts
 * become retryable NetworkErrors whose message names the host and path but never headers or query
 * strings (a query can carry a resource filter; headers carry credentials).
 * Status handling is the caller's: each API has its own classifier.
 */
export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    if (typeof request.body === 'string') {
      body = request.body;
    } else {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const started = performance.now();
  const where = describe(request.url);
  try {
    const response = await fetch(request.url, { method: request.method, headers, body: body ?? null, signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, elapsedMs: performance.now() - started };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason ?? error;
    const context = { system: request.system, method: request.method, path: where.path };
    if (timeout.aborted) {
      throw new NetworkError('timeout', `${request.method} ${where.display} timed out after ${request.timeoutMs} ms`, {
        cause: error,
        context,
      });
    }
    const code = networkCode(error);
    throw new NetworkError(code, `${request.method} ${where.display} failed: ${code.replace(/_/g, ' ')}`, {
      cause: error,
      context,
    });
  }
}

function describe(url: string): { display: string; path: string } {
  try {
    const u = new URL(url);
    return { display: `${u.host}${u.pathname}`, path: u.pathname };
  } catch {
    return { display: 'an invalid URL', path: '' };
  }
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection_refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection_reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host_not_found';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'network_error';
  }
}
