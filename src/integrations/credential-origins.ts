import { ConnectionFaultError, type SystemName } from '../domain/errors.js';

/**
 * Stored secrets travel only to the origin (scheme, host, port) they were entered for. The store binds
 * each secret to its origin when it opens it; httpRequest, the one place requests are built, refuses to
 * send a header carrying a bound secret anywhere else. Checking where the request leaves (rather than in
 * each client) is what keeps a future code path from forgetting.
 *
 * The one widening is domain.md's: secrets entered for the real default V1 base may also go to its
 * `ssapiN.shipstation.com` shards, where ShipStation's own resource URLs point.
 */
const DEFAULT_V1_ORIGIN = 'https://ssapi.shipstation.com';
const V1_SHARD_ORIGIN = /^https:\/\/ssapi\d+\.shipstation\.com$/;

/** Upper-cased secret → origins it was entered for (upper case: Sage credentials are sent in either case). */
const bound = new Map<string, Set<string>>();

/** The origin of a URL, or null when it is not one. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Whether a secret entered for `entered` may be sent to `target`. */
export function originAccepts(entered: string, target: string): boolean {
  return target === entered || (entered === DEFAULT_V1_ORIGIN && V1_SHARD_ORIGIN.test(target));
}

/** Records that `secret` may be sent to `origin` (null: to nowhere, e.g. bound before any URL was set). */
export function bindCredential(secret: string, origin: string | null): void {
  if (!secret) return;
  const key = secret.toUpperCase();
  let origins = bound.get(key);
  if (!origins) {
    origins = new Set();
    bound.set(key, origins);
  }
  if (origin) origins.add(origin);
}

/** Every form a header can carry a secret in: as is, a Bearer token, a Basic token and its user and password. */
function candidates(value: string): string[] {
  const out = [value];
  const scheme = /^(basic|bearer)\s+(\S+)\s*$/i.exec(value);
  if (scheme?.[1] && scheme[2]) {
    out.push(scheme[2]);
    if (scheme[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      out.push(decoded);
      if (colon >= 0) out.push(decoded.slice(0, colon), decoded.slice(colon + 1));
    }
  }
  return out;
}

/**
 * Throws a permanent `credential_origin_refused` error, before anything is sent, when a header carries a
 * bound secret and the URL's origin is not one it was entered for.
 */
export function assertCredentialOrigin(url: string, headers: Record<string, string>, system: SystemName): void {
  if (bound.size === 0) return;
  const target = originOf(url);
  for (const value of Object.values(headers)) {
    for (const candidate of candidates(value)) {
      const origins = bound.get(candidate.toUpperCase());
      if (!origins) continue;
      if (target && [...origins].some((o) => originAccepts(o, target))) continue;
      const entered = origins.size > 0 ? [...origins].join(', ') : 'no address';
      throw new ConnectionFaultError(
        'credential_origin_refused',
        `Refused to send the ${systemWords(system)} credentials to ${target ?? 'an invalid URL'}: they were entered for ${entered}. ` +
          'Stored secrets go only to the server they were entered for; enter them again for the new URL.',
        { context: { system } },
      );
    }
  }
}

function systemWords(system: SystemName): string {
  return system === 'sage300' ? 'Sage 300' : system === 'shipstation-v1' ? 'ShipStation V1' : 'ShipStation V2';
}
