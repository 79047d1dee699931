/**
 * Secret scrubbing shared by the logger, audit payloads and the dashboard.
 *
 * Keys are matched by name at any depth, so a credential nested in a request log, an error context or
 * an audit payload never leaves the process in clear. Values that look like HTTP Basic / API-Key
 * headers are scrubbed too.
 */
const SECRET_KEY =
  /^(password|passwd|pass|secret|api[-_]?secret|api[-_]?key|v[12][-_]?api[-_]?key|apikey|apisecret|authorization|proxy-authorization|cookie|set-cookie|master[-_]?key|previous[-_]?keys|x-api-key|sage300[-_]?password|shipstation[-_]?api[-_]?(key|secret)|shipstation[-_]?v2[-_]?api[-_]?key|admin[-_]?password|webhook[-_]?token|setup[-_]?token|session)$/i;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Deep copy with every secret-named key replaced; cycles and depth are bounded. */
export function redactSecrets<T>(value: T, depth = 0, seen = new WeakSet<object>()): T {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12) return '[depth]' as unknown as T;
  if (seen.has(value as object)) return '[cycle]' as unknown as T;
  seen.add(value as object);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1, seen)) as unknown as T;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretKey(k)
      ? v === undefined || v === null || v === ''
        ? v
        : REDACTED
      : redactSecrets(v, depth + 1, seen);
  }
  return out as T;
}

// Free text (error messages, log lines, ping details) is scrubbed by the one scrubber in scrub.ts.
