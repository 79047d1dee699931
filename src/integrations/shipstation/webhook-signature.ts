import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { type Clock, systemClock } from '../../domain/clock.js';
import { ResponseShapeError } from '../../domain/errors.js';
import { httpRequest } from '../http-request.js';

/**
 * V2 webhook signatures (V2 sheet §6.4): RSA-SHA256 (PKCS#1 v1.5) over `{x-shipengine-timestamp}.{raw body}`,
 * base64 in `x-shipengine-rsa-sha256-signature`, the key named by `x-shipengine-rsa-sha256-key-id` in a
 * JWKS document. The real key set is ShipEngine's (`https://api.shipengine.com/jwks`); its URL is a setting
 * so the simulator's `/jwks` works the same way.
 *
 * The docs' receiver advice gives the statuses: missing headers → 404 (look like nothing is there),
 * timestamp more than 5 minutes from now, either way (clock skew happens) → 400; we answer 401 for a
 * signature that does not verify or a key we cannot find.
 */
export const DEFAULT_JWKS_URL = 'https://api.shipengine.com/jwks';

const KEY_ID = 'x-shipengine-rsa-sha256-key-id';
const SIGNATURE = 'x-shipengine-rsa-sha256-signature';
const TIMESTAMP = 'x-shipengine-timestamp';
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export type SignatureVerdict =
  | { ok: true; keyId: string; timestamp: Date }
  | {
      ok: false;
      reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'unknown_key' | 'bad_signature';
      /** The status to answer the sender with. */
      status: 400 | 401 | 404;
      message: string;
    };

export interface SignatureVerifierOptions {
  jwksUrl?: string;
  /** ± tolerance between the signed timestamp and now. */
  toleranceMs?: number;
  /** Unknown key ids trigger a re-fetch of the key set at most this often (a flood of bogus kids costs nothing). */
  minRefreshIntervalMs?: number;
  timeoutMs?: number;
  clock?: Clock;
}

/** Headers as fastify gives them (lower-case names) or a fetch Headers object. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export class WebhookSignatureVerifier {
  private readonly jwksUrl: string;
  private readonly toleranceMs: number;
  private readonly minRefreshIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | undefined;
  private inflight: Promise<void> | undefined;

  constructor(options: SignatureVerifierOptions = {}) {
    this.jwksUrl = options.jwksUrl ?? DEFAULT_JWKS_URL;
    this.toleranceMs = options.toleranceMs ?? 5 * 60_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
  }

  /** Verifies one delivery; `rawBody` must be the bytes as received (not re-serialised JSON). */
  async verify(headers: HeaderSource, rawBody: string | Buffer): Promise<SignatureVerdict> {
    const keyId = header(headers, KEY_ID);
    const signature = header(headers, SIGNATURE);
    const timestamp = header(headers, TIMESTAMP);
    if (!keyId || !signature || !timestamp) {
      return { ok: false, reason: 'missing_headers', status: 404, message: 'Signature headers are missing' };
    }
    const signedAt = ISO_8601.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(signedAt)) {
      return { ok: false, reason: 'bad_timestamp', status: 400, message: 'The signature timestamp is not ISO 8601' };
    }
    if (Math.abs(this.clock.now() - signedAt) > this.toleranceMs) {
      return {
        ok: false,
        reason: 'stale_timestamp',
        status: 400,
        message: 'The signature timestamp is more than 5 minutes from now',
      };
    }
    const key = await this.key(keyId);
    if (!key) {
      return { ok: false, reason: 'unknown_key', status: 401, message: 'The signing key is not in the key set' };
    }
    const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
    const signed = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
    let valid = false;
    try {
      valid = verify('sha256', signed, key, Buffer.from(signature, 'base64'));
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad_signature', status: 401, message: 'The signature does not verify' };
    return { ok: true, keyId, timestamp: new Date(signedAt) };
  }

  /** The key for a kid, re-fetching the set once (rate-limited) when the kid is new: keys rotate. */
  private async key(keyId: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(keyId);
    if (known) return known;
    const now = this.clock.now();
    if (this.fetchedAt === undefined || now - this.fetchedAt >= this.minRefreshIntervalMs) {
      this.inflight ??= this.refresh().finally(() => {
        this.inflight = undefined;
      });
      await this.inflight;
    }
    return this.keys.get(keyId);
  }

  /** Throws (NetworkError, ResponseShapeError) when the key set cannot be read: answer 5xx so the sender retries. */
  private async refresh(): Promise<void> {
    const response = await httpRequest({
      method: 'GET',
      url: this.jwksUrl,
      timeoutMs: this.timeoutMs,
      system: 'shipstation-v2',
    });
    if (response.status !== 200) {
      throw new ResponseShapeError('jwks_unavailable', `The webhook key set answered ${response.status}`, {
        retryable: response.status >= 500 || response.status === 429,
        context: { system: 'shipstation-v2', status: response.status },
      });
    }
    this.keys = parseJwks(response.text);
    // Only a successful read starts the quiet period; a failed one may be retried by the next delivery.
    this.fetchedAt = this.clock.now();
  }
}

/** RSA keys of a JWKS document by kid; other key types (the real set also holds an EC key) are skipped. */
export function parseJwks(text: string): Map<string, KeyObject> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new ResponseShapeError('jwks_invalid', 'The webhook key set is not JSON', {
      cause,
      context: { system: 'shipstation-v2' },
    });
  }
  const list = (document as { keys?: unknown })?.keys;
  if (!Array.isArray(list)) {
    throw new ResponseShapeError('jwks_invalid', 'The webhook key set has no keys array', {
      context: { system: 'shipstation-v2' },
    });
  }
  const keys = new Map<string, KeyObject>();
  for (const jwk of list) {
    if (!jwk || typeof jwk !== 'object') continue;
    const { kid, kty } = jwk as { kid?: unknown; kty?: unknown };
    if (typeof kid !== 'string' || kty !== 'RSA') continue;
    try {
      keys.set(kid, createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }));
    } catch {
      // A malformed entry must not hide the good ones.
    }
  }
  return keys;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[Object.keys(headers).find((k) => k.toLowerCase() === name) ?? ''];
  return Array.isArray(value) ? value[0] : value;
}
