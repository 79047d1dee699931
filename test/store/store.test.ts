import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../../src/domain/lease-lost-error.js';
import { ManualClock } from '../../src/domain/manual-clock.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Keyring } from '../../src/vault/keyring.js';
import { Vault } from '../../src/vault/vault.js';
import { createTestDatabase, DATABASE_KINDS, postgresReachable, type TestDatabase } from '../helpers/databases.js';

const pgOk = await postgresReachable();

function vaultWith(key: Buffer, previous: Buffer[] = []): Vault {
  return new Vault(
    new Keyring({
      masterKey: key.toString('base64'),
      previousKeys: previous.map((k) => k.toString('base64')).join(','),
      file: join(mkdtempSync(join(tmpdir(), 'mlc-k-')), 'keyring.json'),
    }),
  );
}

describe.each(DATABASE_KINDS)('store on %s', (kind) => {
  const skip = kind === 'postgres' && !pgOk;
  let database: TestDatabase;
  let store: Store;
  const clock = new ManualClock();
  const keyA = randomBytes(32);
  /**
   * Time passes for the leases: the ManualClock on SQLite (the process clock judges there); on PostgreSQL the
   * database's clock judges expiry (`DbTime`), so the stored expiry times are moved back by as much instead.
   */
  const passTime = async (ms: number) => {
    await clock.advance(ms);
    if (kind !== 'postgres') return;
    await sql`update leases set expires_at = to_char((expires_at::timestamptz - ${ms} * interval '1 millisecond') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.execute(
      store.db,
    );
  };

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase(kind);
    // Visible in CI output: the store suite really ran on this database.
    console.info(
      `[store suite] running on ${kind === 'postgres' ? `PostgreSQL (${new URL(database.url).pathname.slice(1)})` : 'SQLite'}`,
    );
    store = await openStore({ url: database.url, dataDir: '/nonexistent', vault: vaultWith(keyA), clock });
  });
  afterAll(async () => {
    if (skip) return;
    await store.close();
    await database.drop();
  });

  it.skipIf(skip)('runs migrations once; a second open applies nothing', async () => {
    expect(store.capabilities.name).toBe(kind);
    const again = await openStore({ url: database.url, dataDir: '/nonexistent', vault: vaultWith(keyA), clock });
    await again.close();
    const tables = await store.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const t of [
      'connections',
      'credentials',
      'cursors',
      'links',
      'record_hashes',
      'webhook_inbox',
      'write_intents',
      'audit_events',
      'mappings',
      'leases',
      'flow_runs',
    ]) {
      expect(names).toContain(t);
    }
  });

  it.skipIf(skip)('fills the two halves of a connection by name and keeps credentials sealed', async () => {
    const c1 = await store.connections.upsert({
      name: 'acme',
      sage300: { url: 'https://erp/Sage300WebApi/v1.0/-/SAMINC', company: 'SAMINC', keepCase: false },
      source: 'cli',
    });
    const c2 = await store.connections.upsert({
      name: 'acme',
      shipstation: { v1Url: 'https://ssapi.shipstation.com', v2Url: 'https://api.shipstation.com/v2', ordersApi: null },
      source: 'cli',
    });
    expect(c2.id).toBe(c1.id);
    expect(c2.sage300?.company).toBe('SAMINC');
    expect(c2.shipstation?.v1Url).toBe('https://ssapi.shipstation.com');
    await store.connections.setCredential(c1.id, 'sage300.password', 'PLAINTEXT-PASSWORD-123');
    expect(await store.connections.getCredential(c1.id, 'sage300.password')).toBe('PLAINTEXT-PASSWORD-123');
    const raw = await store.db.selectFrom('credentials').selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain('PLAINTEXT');
    expect(raw[0]?.key_id).toMatch(/^[0-9a-f]{8}$/);
  });

  it.skipIf(skip)('re-seals every credential under a new key; the old key alone then cannot read them', async () => {
    const c = await store.connections.upsert({ name: 'rotate-me', source: 'cli' });
    await store.connections.setCredential(c.id, 'shipstation.v2.key', 'v2-key-value');
    const keyB = randomBytes(32);
    const rotated = await openStore({ url: database.url, dataDir: '/x', vault: vaultWith(keyB, [keyA]), clock });
    const n = await rotated.connections.resealAll();
    expect(n).toBeGreaterThanOrEqual(2);
    expect(await rotated.connections.getCredential(c.id, 'shipstation.v2.key')).toBe('v2-key-value');
    expect([...(await rotated.connections.keyIdsInUse())]).toHaveLength(1);
    await rotated.close();
    const stale = await openStore({ url: database.url, dataDir: '/x', vault: vaultWith(keyA), clock });
    await expect(stale.connections.getCredential(c.id, 'shipstation.v2.key')).rejects.toThrow(
      /which this process does not have/,
    );
    const status = await stale.connections.credentialStatus(c.id);
    expect(status.every((s) => !s.readable)).toBe(true);
    await stale.close();
    // Put key A back for the rest of the suite.
    const back = await openStore({ url: database.url, dataDir: '/x', vault: vaultWith(keyA, [keyB]), clock });
    await back.connections.resealAll();
    await back.close();
  });

  it.skipIf(skip)('gives a flow lease to one holder at a time and fences stale writers', async () => {
    const a = await store.leases.acquire(1, 'orders', 'proc-a', 30_000);
    expect(a?.token).toBeGreaterThan(0);
    expect(await store.leases.acquire(1, 'orders', 'proc-b', 30_000)).toBeNull();
    // Not even its own holder re-takes a live lease (that would fence off the live pass).
    expect(await store.leases.acquire(1, 'orders', 'proc-a', 30_000)).toBeNull();
    expect(await store.leases.isCurrent(a!)).toBe(true);
    await store.cursors.save(1, 'orders', 'hwm', '10', a!);
    await passTime(31_000);
    const b = await store.leases.acquire(1, 'orders', 'proc-b', 30_000);
    expect(b?.token).toBe(a!.token + 1);
    await expect(store.cursors.save(1, 'orders', 'hwm', '99', a!)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await store.cursors.get(1, 'orders', 'hwm')).toBe('10');
    expect(await store.leases.renew(a!, 30_000)).toBe(false);
    expect(await store.leases.renew(b!, 30_000)).toBe(true);
    await store.cursors.save(1, 'orders', 'hwm', '20', b!);
    expect(await store.cursors.get(1, 'orders', 'hwm')).toBe('20');
    await store.leases.release(b!);
    const c = await store.leases.acquire(1, 'orders', 'proc-c', 30_000);
    expect(c?.token).toBe(b!.token + 1);
  });

  it.skipIf(skip)('lets exactly one of many racing processes acquire a free lease', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.leases.acquire(7, 'shipments', `racer-${i}`, 30_000)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it.skipIf(skip)('keeps an append-only audit trail, scrubbed of secrets, searchable by order number', async () => {
    await store.audit.append([
      {
        connectionId: 1,
        recordKind: 'order',
        recordKey: '101',
        display: 'ORD000101',
        event: 'detected',
        message: 'found',
      },
      {
        connectionId: 1,
        recordKind: 'order',
        recordKey: '101',
        display: 'ORD000101',
        event: 'pushed',
        message: 'sent',
        data: { request: { headers: { authorization: 'Basic c2VjcmV0' } }, apiSecret: 'xyz' },
        payloadHash: 'abc',
      },
    ]);
    const events = await store.audit.forRecord(1, 'order', '101');
    expect(events.map((e) => e.event)).toEqual(['detected', 'pushed']);
    expect(JSON.stringify(events)).not.toContain('c2VjcmV0');
    expect(JSON.stringify(events)).not.toContain('xyz');
    expect((await store.audit.forDisplay('ORD000101')).length).toBe(2);
    const counts = await store.audit.minuteCounts(1, ['pushed'], '2000-01-01T00:00:00.000Z');
    expect(counts).toEqual([{ minute: new Date(clock.now()).toISOString().slice(0, 16), event: 'pushed', count: 1 }]);
  });

  it.skipIf(skip)('stores mappings and the reference snapshot they are built from', async () => {
    await store.mappings.set(1, 'location', '1', 'mapped', { warehouseId: '11', name: 'Seattle Warehouse' }, 'user');
    await store.mappings.set(1, 'ship_via', 'WILLCL', 'skip', null, 'user');
    await store.mappings.set(1, 'ship_via', 'WILLCL', 'skip', null, 'auto');
    const list = await store.mappings.list(1);
    expect(list).toHaveLength(2);
    expect((await store.mappings.get(1, 'ship_via', 'WILLCL'))?.source).toBe('auto');
    await store.mappings.replaceReference(1, 'sage300', 'location', [
      { system: 'sage300', kind: 'location', value: '1', label: 'Seattle', data: {} },
    ]);
    await store.mappings.replaceReference(1, 'sage300', 'location', [
      { system: 'sage300', kind: 'location', value: '2', label: 'Chicago', data: { a: 1 } },
    ]);
    const ref = await store.mappings.reference(1, 'sage300', 'location');
    expect(ref).toEqual([{ system: 'sage300', kind: 'location', value: '2', label: 'Chicago', data: { a: 1 } }]);
  });

  it.skipIf(skip)('tracks record states, hashes and links', async () => {
    await store.records.upsert({
      connectionId: 1,
      kind: 'order',
      key: '5',
      display: 'ORD5',
      customer: 'ACME Supply',
      state: 'held',
      reason: 'no address',
    });
    await store.records.upsert({
      connectionId: 1,
      kind: 'order',
      key: '5',
      display: 'ORD5',
      state: 'sent',
      ssNumber: 'ORD5',
    });
    const r = await store.records.get(1, 'order', '5');
    expect(r).toMatchObject({ state: 'sent', reason: null, customer: 'ACME Supply', ssNumber: 'ORD5' });
    expect((await store.records.search({ connectionId: 1, text: 'acme' })).map((x) => x.key)).toEqual(['5']);
    expect(await store.records.countByState(1)).toMatchObject({ sent: 1 });
    await store.hashes.setMany(1, 'order', [
      ['5', 'h1'],
      ['6', 'h2'],
    ]);
    await store.hashes.setMany(1, 'order', [['5', 'h3']]);
    expect(Object.fromEntries(await store.hashes.getMany(1, 'order', ['5', '6', '7']))).toEqual({
      '5': 'h3',
      '6': 'h2',
    });
    await store.links.upsert({
      connectionId: 1,
      orderKey: 'SAMINC-ORD5-1',
      sageUniquifier: '5',
      sageOrderNumber: 'ORD5',
      seq: 1,
      ssOrderId: '900',
      api: 'v1',
      status: 'open',
      lines: [{ lineNumber: 32, sku: 'A1-105/0', quantity: 2 }],
      sentHash: 'h3',
      sent: { carrierCode: 'ups', serviceCode: 'ups_ground', status: 'awaiting_shipment' },
    });
    expect((await store.links.bySsOrderId(1, '900'))?.lines[0]?.lineNumber).toBe(32);
    expect((await store.links.get(1, 'SAMINC-ORD5-1'))?.sent.serviceCode).toBe('ups_ground');
    expect((await store.links.forSageOrders(1, ['5'])).get('5')?.length).toBe(1);
  });

  it.skipIf(skip)('pages links by status in order-key order', async () => {
    const link = (orderKey: string, sageUniquifier: string, status: 'open' | 'on_hold' | 'shipped') => ({
      connectionId: 1,
      orderKey,
      sageUniquifier,
      sageOrderNumber: orderKey.split('-')[1] ?? '',
      seq: Number(orderKey.split('-')[2]),
      ssOrderId: null,
      api: 'v1' as const,
      status,
      lines: [],
      sentHash: null,
      sent: { carrierCode: null, serviceCode: null, status: 'awaiting_shipment' as const },
    });
    await store.links.upsert(link('SAMINC-ORD7-1', '7', 'open'));
    await store.links.upsert(link('SAMINC-ORD6-2', '6', 'shipped'));
    await store.links.upsert(link('SAMINC-ORD6-1', '6', 'on_hold'));
    const first = await store.links.byStatus(1, ['open', 'on_hold'], 2);
    expect(first.map((l) => l.orderKey)).toEqual(['SAMINC-ORD5-1', 'SAMINC-ORD6-1']);
    const next = await store.links.byStatus(1, ['open', 'on_hold'], 2, first[1]?.orderKey);
    expect(next.map((l) => l.orderKey)).toEqual(['SAMINC-ORD7-1']);
  });

  it.skipIf(skip)('keeps one open write intent per Sage order', async () => {
    const first = await store.intents.open({
      connectionId: 1,
      sageUniquifier: '5',
      sourceId: 'v1:shipment:1',
      request: {},
      before: {},
    });
    expect(first).not.toBeNull();
    const second = await store.intents.open({
      connectionId: 1,
      sageUniquifier: '5',
      sourceId: 'v1:shipment:2',
      request: {},
      before: {},
    });
    expect(second).toBeNull();
    await store.intents.resolve(first!, 'applied', { shipment: 'SH1' });
    const third = await store.intents.open({
      connectionId: 1,
      sageUniquifier: '5',
      sourceId: 'v1:shipment:2',
      request: {},
      before: {},
    });
    expect(third).not.toBeNull();
    expect((await store.intents.openFor(1, '5'))?.sourceId).toBe('v1:shipment:2');
    // Every intent of the order, oldest first, and one by id (the shipments flow's void credit and recovery).
    const all = await store.intents.forSageOrder(1, '5');
    expect(all.map((i) => [i.sourceId, i.state])).toEqual([
      ['v1:shipment:1', 'applied'],
      ['v1:shipment:2', 'open'],
    ]);
    expect((await store.intents.get(first!))?.result).toEqual({ shipment: 'SH1' });
    expect(await store.intents.get(999_999)).toBeUndefined();
    expect(await store.intents.forSageOrder(1, 'nope')).toEqual([]);
  });

  it.skipIf(skip)('records webhook deliveries and deduplicates shipment events by id', async () => {
    const id = await store.inbox.add({
      connectionId: 1,
      api: 'v1',
      resourceType: 'SHIP_NOTIFY',
      resourceUrl: 'https://x/shipments',
      body: '{}',
    });
    expect((await store.inbox.pending(1)).map((i) => i.id)).toEqual([id]);
    await store.inbox.finish(id, 'done');
    expect(await store.inbox.pending(1)).toEqual([]);
    const e = {
      connectionId: 1,
      sourceId: 'v1:shipment:77',
      orderKey: 'SAMINC-ORD5-1',
      kind: 'label' as const,
      voided: false,
      tracking: '1Z',
      state: 'new' as const,
      reason: null,
      data: {},
    };
    expect(await store.shipmentEvents.insertIfNew(e)).toBe(true);
    expect(await store.shipmentEvents.insertIfNew(e)).toBe(false);
    await store.shipmentEvents.update(1, 'v1:shipment:77', { state: 'written' });
    expect((await store.shipmentEvents.get(1, 'v1:shipment:77'))?.state).toBe('written');
  });

  it.skipIf(skip)(
    'reports a "running" pass whose lease is gone as failed, with what happened and what comes next',
    async () => {
      // A live pass: its lease is current, so it stays "running".
      const lease = await store.leases.acquire(4242, 'shipments-x', 'worker-a/pass-1', 60_000);
      expect(lease).not.toBeNull();
      await store.flows.started(4242, 'shipments-x');
      expect((await store.flows.get(4242, 'shipments-x')).lastStatus).toBe('running');
      // A pass recorded as started with no lease row at all: failed too.
      await store.flows.started(4242, 'inventory');
      // The process is killed: nothing records an end, and the lease runs out.
      await passTime(61_000);
      const shipments = await store.flows.get(4242, 'shipments-x');
      expect(shipments.lastStatus).toBe('failed');
      expect(shipments.lastError).toContain('did not finish');
      expect(shipments.lastError).toContain('(worker-a/pass-1)');
      expect(shipments.lastError).toContain('the next pass takes over');
      const listed = new Map((await store.flows.list(4242)).map((f) => [f.flow, f]));
      expect(listed.get('shipments-x')?.lastStatus).toBe('failed');
      expect(listed.get('inventory')?.lastStatus).toBe('failed');
      expect(listed.get('inventory')?.lastError).toMatch(/the process running it stopped/);
      // The next pass records its own start (under a new lease) and end.
      const next = await store.leases.acquire(4242, 'shipments-x', 'worker-b/pass-2', 60_000);
      expect(next?.token).toBe((lease?.token ?? 0) + 1);
      await store.flows.started(4242, 'shipments-x');
      expect((await store.flows.get(4242, 'shipments-x')).lastStatus).toBe('running');
      await store.flows.finished(4242, 'shipments-x', { ok: true, counts: { written: 1 } });
      expect(await store.flows.get(4242, 'shipments-x')).toMatchObject({ lastStatus: 'ok', lastError: null });
    },
  );

  it.skipIf(skip)(
    'keeps a row per pass in flow_runs: newest first, by flow and result, a dead pass as failed, old ones pruned',
    async () => {
      const id = 5151;
      const pass = async (flow: string, holder: string) => {
        const lease = await store.leases.acquire(id, flow, holder, 60_000);
        expect(lease).not.toBeNull();
        const run = await store.flowRuns.start({ connectionId: id, flow, holder, leaseToken: lease!.token });
        return { lease: lease!, run };
      };
      const first = await pass('orders', 'w1/1');
      await clock.advance(1000);
      await store.flowRuns.finish(first.run, { result: 'ok', counts: { sent: 2, held: 1 } });
      await store.leases.release(first.lease);
      const second = await pass('orders', 'w1/2');
      await clock.advance(1000);
      await store.flowRuns.finish(second.run, { result: 'failed', counts: {}, error: 'Sage 300 refused' });
      await store.leases.release(second.lease);
      const running = await pass('shipments', 'w1/3');
      const all = await store.flowRuns.list({ connectionId: id });
      expect(all.map((r) => [r.flow, r.result])).toEqual([
        ['shipments', 'running'],
        ['orders', 'failed'],
        ['orders', 'ok'],
      ]);
      expect(all[2]).toMatchObject({
        holder: 'w1/1',
        leaseToken: first.lease.token,
        counts: { sent: 2, held: 1 },
        error: null,
        startedAt: new Date(clock.now() - 2000).toISOString(),
        finishedAt: new Date(clock.now() - 1000).toISOString(),
      });
      expect(all[1]?.error).toBe('Sage 300 refused');
      expect((await store.flowRuns.list({ connectionId: id, flow: 'orders' })).map((r) => r.id)).toEqual([
        second.run,
        first.run,
      ]);
      expect((await store.flowRuns.list({ connectionId: id, result: 'ok' })).map((r) => r.id)).toEqual([first.run]);
      expect((await store.flowRuns.list({ connectionId: id, result: 'running' })).map((r) => r.id)).toEqual([
        running.run,
      ]);
      expect(await store.flowRuns.list({ connectionId: id + 1 })).toEqual([]);
      expect(await store.flowRuns.get(id + 1, first.run)).toBeUndefined();
      // The process running the shipments pass dies: its lease runs out and nothing records an end.
      await passTime(61_000);
      const dead = await store.flowRuns.get(id, running.run);
      expect(dead).toMatchObject({ result: 'failed', finishedAt: null });
      expect(dead?.error).toMatch(/did not finish/);
      expect((await store.flowRuns.list({ connectionId: id, result: 'running' })).length).toBe(0);
      expect((await store.flowRuns.list({ connectionId: id, result: 'failed' })).map((r) => r.id)).toEqual([
        running.run,
        second.run,
      ]);
      // Retention: passes that started before the cut-off go, later ones stay.
      expect(await store.flowRuns.prune(Date.parse(all[1]!.startedAt))).toBe(1);
      expect((await store.flowRuns.list({ connectionId: id })).map((r) => r.id)).toEqual([running.run, second.run]);
    },
  );

  it.skipIf(skip)('keeps flow state, key-values and sessions', async () => {
    await store.flows.started(1, 'orders');
    await store.flows.finished(1, 'orders', { ok: true, counts: { sent: 3 } });
    await store.flows.setPaused(1, 'orders', true);
    const s = await store.flows.get(1, 'orders');
    expect(s).toMatchObject({ paused: true, lastStatus: 'ok', lastCounts: { sent: 3 } });
    await store.kv.set('a', '1');
    await store.kv.set('a', '2');
    expect(await store.kv.get('a')).toBe('2');
    await store.sessions.create('h', 'csrf', 1000);
    expect(await store.sessions.get('h')).toEqual({ csrf: 'csrf' });
    await clock.advance(2000);
    expect(await store.sessions.get('h')).toBeUndefined();
  });
});
