import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../domain/manual-clock.js';
import { parseJwks, WebhookSignatureVerifier } from './webhook-signature.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const jwk = (key: KeyObject, kid: string) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig' });

let keySet: unknown[] = [];
let jwksHits = 0;
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    jwksHits += 1;
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keySet }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const body =
  '{"resource_url":"https://api.shipstation.com/v2/labels?batch_id=se-1","resource_type":"LABEL_CREATED_V2"}';

function signed(options: { kid?: string; key?: KeyObject; at?: number; body?: string } = {}) {
  const timestamp = new Date(options.at ?? NOW).toISOString();
  const signature = sign('sha256', Buffer.from(`${timestamp}.${options.body ?? body}`), options.key ?? privateKey);
  return {
    'x-shipengine-rsa-sha256-key-id': options.kid ?? 'key-1',
    'x-shipengine-rsa-sha256-signature': signature.toString('base64'),
    'x-shipengine-timestamp': timestamp,
    'content-type': 'application/json',
  };
}

describe('WebhookSignatureVerifier', () => {
  const verifier = (clock = new ManualClock(NOW), minRefreshIntervalMs = 60_000) =>
    new WebhookSignatureVerifier({ jwksUrl, clock, minRefreshIntervalMs });

  it('accepts a delivery signed with a key of the set, from fastify-style or fetch headers', async () => {
    keySet = [jwk(ec.publicKey, 'ec-key'), jwk(publicKey, 'key-1')];
    const v = verifier();
    expect(await v.verify(signed(), body)).toMatchObject({ ok: true, keyId: 'key-1' });
    expect(await v.verify(new Headers(signed()), Buffer.from(body))).toMatchObject({ ok: true });
  });

  it.each([
    ['a body changed by one byte', () => ({ headers: signed(), raw: body.replace('se-1', 'se-2') })],
    ['a signature made with another key', () => ({ headers: signed({ key: other.privateKey }), raw: body })],
    ['a re-serialised body', () => ({ headers: signed(), raw: JSON.stringify(JSON.parse(body), null, 1) })],
    [
      'a garbage signature',
      () => ({ headers: { ...signed(), 'x-shipengine-rsa-sha256-signature': '!!!' }, raw: body }),
    ],
  ])('refuses %s with 401', async (_name, make) => {
    keySet = [jwk(publicKey, 'key-1')];
    const { headers, raw } = make();
    expect(await verifier().verify(headers, raw)).toMatchObject({ ok: false, reason: 'bad_signature', status: 401 });
  });

  it.each([
    [-5 * 60_000 - 1, false],
    [-5 * 60_000, true],
    [5 * 60_000, true],
    [5 * 60_000 + 1, false],
  ])('timestamp %i ms from now accepted: %s', async (offset, accepted) => {
    keySet = [jwk(publicKey, 'key-1')];
    const verdict = await verifier().verify(signed({ at: NOW + offset }), body);
    if (accepted) expect(verdict.ok).toBe(true);
    else expect(verdict).toMatchObject({ ok: false, reason: 'stale_timestamp', status: 400 });
  });

  it('refuses a timestamp that is not ISO 8601 and missing headers', async () => {
    const v = verifier();
    const headers = { ...signed(), 'x-shipengine-timestamp': '1764158400' };
    expect(await v.verify(headers, body)).toMatchObject({ ok: false, reason: 'bad_timestamp', status: 400 });
    const { 'x-shipengine-rsa-sha256-signature': _, ...unsigned } = signed();
    expect(await v.verify(unsigned, body)).toMatchObject({ ok: false, reason: 'missing_headers', status: 404 });
  });

  it('refuses an unknown kid, re-fetching the key set at most once per interval', async () => {
    keySet = [jwk(publicKey, 'key-1')];
    const clock = new ManualClock(NOW);
    const v = verifier(clock);
    expect((await v.verify(signed(), body)).ok).toBe(true);
    const before = jwksHits;
    const rotated = signed({ kid: 'key-2', key: other.privateKey });
    expect(await v.verify(rotated, body)).toMatchObject({ ok: false, reason: 'unknown_key', status: 401 });
    expect(jwksHits).toBe(before); // fetched moments ago: no second fetch for a bogus kid
    // The platform rotates its key; after the quiet period the new kid is learned.
    keySet = [jwk(publicKey, 'key-1'), jwk(other.publicKey, 'key-2')];
    await clock.advance(60_000);
    const later = signed({ kid: 'key-2', key: other.privateKey, at: clock.now() });
    expect(await v.verify(later, body)).toMatchObject({ ok: true, keyId: 'key-2' });
    expect(jwksHits).toBe(before + 1);
  });

  it('throws when the key set cannot be read, so the handler answers 5xx and the sender retries', async () => {
    const v = new WebhookSignatureVerifier({
      jwksUrl: jwksUrl.replace('/jwks', '/nothing'),
      clock: new ManualClock(NOW),
    });
    await expect(v.verify(signed(), body)).rejects.toMatchObject({ code: 'jwks_unavailable' });
  });

  it('parseJwks skips non-RSA and malformed entries', () => {
    const keys = parseJwks(
      JSON.stringify({
        keys: [jwk(ec.publicKey, 'ec'), { kty: 'RSA', kid: 'broken', n: 'x' }, jwk(publicKey, 'good')],
      }),
    );
    expect([...keys.keys()]).toEqual(['good']);
    expect(() => parseJwks('nope')).toThrow(/not JSON/);
    expect(() => parseJwks('{}')).toThrow(/no keys/);
  });
});
