import { REDACTED } from './redact.js';

/**
 * The one scrubber for free text from either system: error messages, log lines, stored ping details.
 * A server (or a proxy in front of it) may echo what it was sent — the Authorization header, the decoded
 * user:password, an API key — in a body, a header or a status text, and that text reaches a person.
 *
 * It removes every `Basic …`/`Bearer …` token, and every secret this process knows: the store registers
 * each credential when it opens it (with the Basic forms of the pairs), the service its webhook tokens and
 * ALERT_WEBHOOK_URL. Secrets are matched as entered, upper-cased and lower-cased (Sage credentials are
 * sent upper-cased).
 */
const known = new Set<string>();
let pattern: RegExp | undefined;

/** Shorter values would scrub ordinary words out of messages; no credential we accept is that short. */
const MIN_LENGTH = 4;

/** A secret as is, upper-cased and lower-cased (not any mix: a password "WebApi" must not scrub "Sage300WebApi"). */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_LENGTH || known.has(value)) return;
  for (const v of [value, value.toUpperCase(), value.toLowerCase()]) known.add(v);
  pattern = undefined;
}

/** A user and password (or key and secret) sent as HTTP Basic: the pair, its Base64, in both letter cases. */
export function registerBasicPair(user: string | undefined, password: string | undefined): void {
  if (!user) return;
  for (const [u, p] of [
    [user, password ?? ''],
    [user.toUpperCase(), (password ?? '').toUpperCase()],
  ] as const) {
    registerSecret(`${u}:${p}`);
    registerSecret(Buffer.from(`${u}:${p}`).toString('base64'));
  }
}

const AUTH_TOKEN = /\b(basic|bearer)(\s+|%20|\+)[A-Za-z0-9+/=._~%-]{4,}/gi;

function secretsPattern(): RegExp | undefined {
  if (known.size === 0) return undefined;
  // Longest first, so a Base64 pair goes before a part of it.
  pattern ??= new RegExp(
    [...known]
      .sort((a, b) => b.length - a.length)
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return pattern;
}

/** `text` without any registered secret, `extra` secret, or auth token. */
export function scrub(text: string, extra: Iterable<string> = []): string {
  let out = text.replace(AUTH_TOKEN, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`);
  const re = secretsPattern();
  if (re) out = out.replace(re, REDACTED);
  for (const s of extra) {
    if (s && s.length >= MIN_LENGTH) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** Deep copy with every string scrubbed (ping results, log objects). */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1)) as T;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubDeep(v, depth + 1);
  return out as T;
}
