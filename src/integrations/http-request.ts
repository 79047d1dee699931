import { ConnectionFaultError, NetworkError, type SystemName } from '../domain/errors.js';
import { scrub } from '../observability/scrub.js';
import { assertCredentialOrigin } from './credential-origins.js';

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
 * Status handling is the caller's (each API has its own classifier), with two exceptions made here, the
 * one place requests are built, so no client can forget them:
 * - a header carrying a stored secret is sent only to the origin the secret was entered for;
 * - redirects are never followed (undici would forward `API-Key` to the other host, and that host's answer
 *   would pass for the API's): a 3xx is a ConnectionFaultError naming the status and the Location.
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
  assertCredentialOrigin(request.url, headers, request.system);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      body: body ?? null,
      signal,
      redirect: 'manual',
    });
    text = await response.text();
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
  if (response.status >= 300 && response.status < 400 && response.status !== 304) {
    throw redirected(request, response, where.path);
  }
  return { status: response.status, headers: response.headers, text, elapsedMs: performance.now() - started };
}

const SETTING: Record<SystemName, string> = {
  sage300: "SAGE300_URL (or the connection's Sage 300 URL)",
  'shipstation-v1': "SHIPSTATION_V1_URL (or the connection's V1 URL)",
  'shipstation-v2': "SHIPSTATION_V2_URL (or the connection's V2 URL)",
  store: 'the URL',
  vault: 'the URL',
  config: 'the URL',
  mapping: 'the URL',
  connector: 'the URL',
};

const SYSTEM_WORDS: Record<SystemName, string> = {
  sage300: 'Sage 300',
  'shipstation-v1': 'ShipStation V1',
  'shipstation-v2': 'ShipStation V2',
  store: 'The server',
  vault: 'The server',
  config: 'The server',
  mapping: 'The server',
  connector: 'The server',
};

/** The Location is shown without its query (it may carry tokens); the host and path say where to point. */
function redirected(request: HttpRequest, response: Response, path: string): ConnectionFaultError {
  const raw = response.headers.get('location');
  let location = 'no Location';
  if (raw) {
    try {
      const u = new URL(raw, request.url);
      location = `${u.origin}${u.pathname}`;
    } catch {
      location = 'an invalid Location';
    }
  }
  return new ConnectionFaultError(
    'redirected',
    `${SYSTEM_WORDS[request.system]} answered ${response.status} to ${scrub(location)}: redirects are not followed (credentials would travel with them); point ${SETTING[request.system]} at the final address.`,
    { context: { system: request.system, status: response.status, method: request.method, path } },
  );
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
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })?.cause;
  // fetch refuses some ports itself ("bad port", e.g. 9); several addresses tried give an AggregateError.
  if (cause?.message === 'bad port') return 'connection_refused';
  switch (cause?.code ?? cause?.errors?.find((e) => e.code)?.code) {
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
