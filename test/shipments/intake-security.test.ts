import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookUrl } from '../../src/domain/webhook-url.js';
import { runShipments } from '../../src/runtime/flows/shipments-flow.js';
import { startWorld, type World } from '../helpers/world.js';
import { addItems, enterOrder, sendOrders, shippedToDate, ssOrder } from './helpers.js';
import { type RunningService, startService } from './service.js';

/** A listener that counts every TCP connection made to it: nothing may ever reach it. */
async function startTrap(): Promise<{ port: number; connections: () => number; stop(): Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((_req, res) => res.end('{}'));
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/** Our own V2 signing key and key set (SHIPSTATION_JWKS_URL), so the test can sign good and bad deliveries. */
async function startKeySet(): Promise<{ url: string; key: KeyObject; kid: string; stop(): Promise<void> }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-kid';
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
  const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(jwks));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    key: privateKey,
    kid,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

describe('webhook intake security', () => {
  let w: World;
  let s: RunningService;
  let trap: Awaited<ReturnType<typeof startTrap>>;
  let keys: Awaited<ReturnType<typeof startKeySet>>;
  let token: string;
  const url = (api: 'v1' | 'v2', t = token, name = 'default') => webhookUrl(s.servers.publicUrl, api, name, t);

  beforeAll(async () => {
    trap = await startTrap();
    keys = await startKeySet();
    w = await startWorld({
      api: 'v1',
      env: { PORT: '0', SHIPMENTS_POLL_SECONDS: '600', SHIPSTATION_JWKS_URL: keys.url },
    });
    s = await startService(w, { webhooks: false });
    token = (await w.connector.runtime(w.connection)).webhookToken;
    expect(token.length).toBeGreaterThan(20);
  });
  afterAll(async () => {
    await s?.stop();
    await w?.stop();
    await trap?.stop();
    await keys?.stop();
  });

  const post = (target: string, body: string, headers: Record<string, string> = {}) =>
    fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string, at = new Date(), key = keys.key) => {
    const timestamp = at.toISOString();
    return {
      'x-shipengine-rsa-sha256-key-id': keys.kid,
      'x-shipengine-timestamp': timestamp,
      'x-shipengine-rsa-sha256-signature': sign('sha256', Buffer.from(`${timestamp}.${body}`), key).toString('base64'),
    };
  };
  const delivery = (resourceUrl: string, type = 'SHIP_NOTIFY') =>
    JSON.stringify({ resource_url: resourceUrl, resource_type: type });

  it('refuses a resource_url anywhere but the configured API: recorded, never requested, no credential sent', async () => {
    const sim = new URL(w.ss.origin);
    const p = trap.port;
    const elsewhere = [
      `http://127.0.0.1:${p}/shipments?batchId=1&includeShipmentItems=False`, // another port on 127.0.0.1
      `http://127.0.0.2:${p}/shipments?batchId=1`, // another host
      `http://localhost:${p}/shipments?batchId=1`, // another name for it
      `https://127.0.0.1:${p}/shipments?batchId=1`, // another scheme
      `http://127.0.0.1.:${p}/shipments`, // a lookalike host (trailing dot)
      `http://${sim.host}@127.0.0.1:${p}/shipments`, // userinfo that looks like the API
      `http://127.0.0.1:${p}\\@${sim.host}/shipments`, // backslash trick
      `http://127.0.0.1:${sim.port}@127.0.0.1:${p}/shipments`,
      'file:///etc/passwd',
      'not a url',
    ];
    for (const target of elsewhere) {
      const r = await post(url('v1'), delivery(target));
      expect(r.status, target).toBe(200);
    }
    const v2Wrong = [
      `${w.ss.origin}/v2evil/labels?batch_id=se-1`,
      `${w.ss.origin}/labels?batch_id=se-1`,
      `http://127.0.0.1:${p}/v2/labels`,
    ];
    for (const target of v2Wrong) {
      const body = delivery(target, 'LABEL_CREATED_V2');
      expect((await post(url('v2'), body, signed(body))).status, target).toBe(200);
    }
    const result = await runShipments(w.connector, w.connection, { forcePoll: false });
    expect(result.status).toBe('ran');
    const recent = await w.app.store.inbox.recent(w.connection.id, 100);
    expect(recent.filter((i) => i.status === 'refused')).toHaveLength(elsewhere.length + v2Wrong.length);
    expect(recent.filter((i) => i.status === 'pending')).toEqual([]);
    expect(trap.connections()).toBe(0);
  });

  it('accepts a good V1 pointer and a good, fresh, signed V2 pointer', async () => {
    const v1 = await post(url('v1'), delivery(`${w.ss.origin}/shipments?batchId=999&includeShipmentItems=False`));
    expect(v1.status).toBe(200);
    const body = delivery(`${w.ss.v2Url}/labels?batch_id=se-999`, 'LABEL_CREATED_V2');
    expect((await post(url('v2'), body, signed(body))).status).toBe(200);
    await runShipments(w.connector, w.connection, { forcePoll: false });
    const done = (await w.app.store.inbox.recent(w.connection.id, 2)).map((i) => i.status);
    expect(done).toEqual(['done', 'done']);
  });

  it('a captured V2 delivery replayed within the tolerance window is answered but stored once (issue 13)', async () => {
    const body = delivery(`${w.ss.v2Url}/labels?batch_id=se-4242`, 'LABEL_CREATED_V2');
    const headers = signed(body);
    const before = (await w.app.store.inbox.recent(w.connection.id, 100)).length;
    for (let i = 0; i < 3; i++) expect((await post(url('v2'), body, headers)).status).toBe(200);
    const after = await w.app.store.inbox.recent(w.connection.id, 100);
    expect(after.length - before).toBe(1);
    // The same pointer, signed afresh, is another delivery.
    expect((await post(url('v2'), body, signed(body, new Date(Date.now() - 1000)))).status).toBe(200);
    expect((await w.app.store.inbox.recent(w.connection.id, 100)).length - before).toBe(2);
  });

  it('a SHIP_NOTIFY pointer (includeShipmentItems=False) is read once, with its items, and written', async () => {
    addItems(w);
    const o = enterOrder(w, [
      ['SH-A', 2],
      ['SH-CASE', 1, 'CAS'],
    ]);
    await sendOrders(w);
    w.ss.admin.createLabel(ssOrder(w, o.orderKey).orderId, {});
    const label = (w.ss.admin.listShipments() as { orderId: number; batchId: number }[]).find(
      (l) => l.orderId === ssOrder(w, o.orderKey).orderId,
    )!;
    const reads = () => w.ss.admin.stats().byRoute['v1 GET /shipments']?.['200'] ?? 0;
    const before = reads();
    const pointer = `${w.ss.origin}/shipments?batchId=${label.batchId}&includeShipmentItems=False`;
    expect((await post(url('v1'), delivery(pointer))).status).toBe(200);
    await runShipments(w.connector, w.connection, { forcePoll: false });
    // One read of the pointer's URL with includeShipmentItems=True (V1's 40 a minute spent once per label).
    expect(reads() - before).toBe(1);
    expect(shippedToDate(w, o.uniquifier)).toEqual({ 32: 2, 64: 1 });
  });

  it('refuses bad V2 signatures and old timestamps', async () => {
    const body = delivery(`${w.ss.v2Url}/labels?batch_id=se-1`, 'LABEL_CREATED_V2');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await post(url('v2'), body, signed(body, new Date(), other))).status).toBe(401);
    const tampered = signed(body);
    expect((await post(url('v2'), body.replace('se-1', 'se-2'), tampered)).status).toBe(401);
    expect((await post(url('v2'), body, signed(body, new Date(Date.now() - 6 * 60_000)))).status).toBe(400);
    expect((await post(url('v2'), body, signed(body, new Date(Date.now() + 6 * 60_000)))).status).toBe(400);
    expect((await post(url('v2'), body)).status).toBe(404);
    expect((await post(url('v2'), body, { ...signed(body), 'x-shipengine-rsa-sha256-key-id': 'unknown' })).status).toBe(
      401,
    );
  });

  it('answers 404 to a wrong token or connection, 400 to malformed JSON, a body over 64 KiB, or no pointer', async () => {
    const good = delivery(`${w.ss.origin}/shipments?batchId=1`);
    expect((await post(url('v1', `${token}x`), good)).status).toBe(404);
    expect((await post(url('v1', token.slice(0, -1)), good)).status).toBe(404);
    expect((await post(url('v1', ''), good)).status).toBe(404);
    expect((await post(url('v1', token, 'nobody'), good)).status).toBe(404);
    expect((await post(url('v1'), '{"resource_url": ')).status).toBe(400);
    expect((await post(url('v1'), '')).status).toBe(400);
    expect((await post(url('v1'), '{"resource_type":"SHIP_NOTIFY"}')).status).toBe(400);
    expect((await post(url('v1'), '[1,2]')).status).toBe(400);
    const big = JSON.stringify({ resource_url: `${w.ss.origin}/shipments`, pad: 'x'.repeat(65 * 1024) });
    expect((await post(url('v1'), big)).status).toBe(400);
    const before = await w.app.store.inbox.recent(w.connection.id, 1000);
    expect(before.every((i) => i.body.length <= 64 * 1024)).toBe(true);
  });

  it('fuzz: random deliveries never crash the service and never store garbage', async () => {
    const before = (await w.app.store.inbox.recent(w.connection.id, 10_000)).length;
    const bodies = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record({
          resource_url: fc.oneof(fc.webUrl(), fc.string(), fc.constant(`${w.ss.origin}/shipments`)),
          resource_type: fc.oneof(fc.string(), fc.constant('SHIP_NOTIFY')),
        })
        .map((o) => JSON.stringify(o)),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const contentTypes = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      '',
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        bodies,
        contentTypes,
        fc.nat(9),
        fc.constantFrom<'v1' | 'v2'>('v1', 'v2'),
        async (body, type, dice, api) => {
          // Mostly the right token, and V2 bodies mostly signed, so the parsing behind the checks is fuzzed too.
          const rightToken = dice < 8;
          const headers: Record<string, string> = {
            ...(type ? { 'content-type': type } : {}),
            ...(api === 'v2' && dice < 7 ? signed(body) : {}),
          };
          const r = await fetch(url(api, rightToken ? token : `${token}!`), { method: 'POST', headers, body });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          return [200, 400, 401, 404].includes(r.status);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
    console.log('fuzz statuses', Object.fromEntries(statuses));
    expect((await fetch(`${s.servers.publicUrl}/healthz`)).status).toBe(200);
    const rows = await w.app.store.inbox.recent(w.connection.id, 10_000);
    for (const row of rows.slice(0, rows.length - before)) {
      const parsed = JSON.parse(row.body) as { resource_url?: unknown };
      expect(typeof parsed.resource_url).toBe('string');
      expect(row.resourceUrl).toBe(parsed.resource_url);
      if (row.status === 'pending' || row.status === 'done')
        expect(row.resourceUrl?.startsWith(w.ss.origin)).toBe(true);
    }
    expect(trap.connections()).toBe(0);
  });
});
