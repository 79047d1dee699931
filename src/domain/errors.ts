/**
 * One error taxonomy for the whole connector (design rule 5, after stripe-node's error factory).
 *
 * Every failure that leaves an adapter is a ConnectorError: a stable `code`, a `retryable` verdict,
 * the `cause`, and context (which system, HTTP status, request id). Flows decide what to do from
 * `retryable` alone: retry with backoff, or park the record with its reason for a person.
 * Messages are written for people and never carry a credential.
 */
export type SystemName =
  | 'sage300'
  | 'shipstation-v1'
  | 'shipstation-v2'
  | 'store'
  | 'vault'
  | 'config'
  | 'mapping'
  | 'connector';

export interface ErrorContext {
  system?: SystemName;
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number;
  /** The remote system's request id (V2 `request_id`), for support tickets. */
  requestId?: string;
  /** HTTP method and path (never the query string with credentials, never headers). */
  method?: string;
  path?: string;
  [key: string]: unknown;
}

export interface ConnectorErrorOptions {
  retryable?: boolean;
  cause?: unknown;
  context?: ErrorContext;
  /** Server-advertised wait before a retry (Retry-After, X-Rate-Limit-Reset), in milliseconds. */
  retryAfterMs?: number;
}

export class ConnectorError extends Error {
  override readonly name: string = 'ConnectorError';
  readonly code: string;
  readonly retryable: boolean;
  readonly context: ErrorContext;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? {};
    this.retryAfterMs = options.retryAfterMs;
  }

  /** A JSON-safe summary for audit rows and logs (no stack, no cause chain with request bodies). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      context: this.context,
    };
  }
}

/** The remote API answered with an error status (or a body that says it failed). */
export class ApiError extends ConnectorError {
  override readonly name = 'ApiError';
}

/** The request never got an answer: timeout, refused, reset, DNS. Always retryable. */
export class NetworkError extends ConnectorError {
  override readonly name = 'NetworkError';
  constructor(code: string, message: string, options: Omit<ConnectorErrorOptions, 'retryable'> = {}) {
    super(code, message, { ...options, retryable: true });
  }
}

/**
 * A fault of the connection, not of a record (a redirect, a credential refused for the origin): the pass
 * fails and says so, and no order or shipment is parked because of it.
 */
export class ConnectionFaultError extends ConnectorError {
  override readonly name = 'ConnectionFaultError';
}

export function isConnectionFault(error: unknown): boolean {
  return error instanceof ConnectionFaultError;
}

/** The response arrived but did not have the shape we rely on. Permanent: retrying reads the same. */
export class ResponseShapeError extends ConnectorError {
  override readonly name = 'ResponseShapeError';
}

/** Configuration is missing or wrong; a person must change a setting. */
export class ConfigError extends ConnectorError {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(problems: readonly string[], message?: string) {
    super('config_invalid', message ?? problems.join('\n'), { context: { system: 'config' } });
    this.problems = problems;
  }
}

/** A secret cannot be decrypted: the key it was sealed with is not available. */
export class VaultKeyMissingError extends ConnectorError {
  override readonly name = 'VaultKeyMissingError';
  readonly keyId: string;
  constructor(keyId: string, message: string) {
    super('vault_key_missing', message, { context: { system: 'vault', keyId } });
    this.keyId = keyId;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/** Turns anything thrown into a ConnectorError, keeping ConnectorErrors as they are. */
export function toConnectorError(error: unknown, system: SystemName = 'connector'): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof Error) {
    return new ConnectorError('unexpected', error.message, { cause: error, context: { system } });
  }
  return new ConnectorError('unexpected', String(error), { context: { system } });
}
