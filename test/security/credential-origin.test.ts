import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvironmentConnection, connectSage300, connectShipStation } from '../../src/connections/connect.js';
import { pingConnection } from '../../src/connections/ping-connection.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import * as m001 from '../../src/store/migrations/001-initial.js';
import type { Database } from '../../src/store/schema.js';
import { type DashboardService, HttpClient, signIn, startDashboardService } from '../dashboard/dashboard-service.js';
import { startTrap, type Trap } from './trap.js';

/**
 * Stored secrets go only to the origin they were entered for (issue 13, point 1): a URL moved to another
 * server without the secrets is refused in the dashboard, `connect` and the environment contract, and even
 * a URL changed behind their back reaches the trap with no credential.
 */
const PASSWORD = 'origin-admin-password';
const SECRETS = ['OPSBOT', 'TIDEWATER42', 'key-one-111', 'secret-one-222', 'key-two-333'];
const SAGE_PATH = '/Sage300WebApi/v1.0/-/SAMINC';

describe('secrets bound to their origin', () => {
  let d: DashboardService;
  let sage: Sage300Simulator;
  let ss: ShipStationSimulator;
  let trap: Trap;
  let client: HttpClient;
  let csrf: string;

  beforeAll(async () => {
    [sage, ss, trap] = await Promise.all([
      startSage300Simulator({ seed: 'empty' }),
      startShipStationSimulator({ seed: 'empty' }),
      startTrap(SECRETS),
    ]);
    d = await startDashboardService({ env: { ADMIN_PASSWORD: PASSWORD } });
    client = new HttpClient(d.url);
    csrf = await signIn(client, PASSWORD);
    const res = await client.post('/connections', {
      _csrf: csrf,
      isNew: '1',
      name: 'main',
      sage300Url: sage.baseUrl,
      sage300User: 'opsbot',
      sage300Password: 'Tidewater42',
      v1ApiKey: 'key-one-111',
      v1ApiSecret: 'secret-one-222',
      v2ApiKey: 'key-two-333',
      v1Url: ss.origin,
      v2Url: ss.v2Url,
    });
    expect(res.status).toBe(303);
  });
  afterAll(async () => {
    await d?.stop();
    await Promise.all([sage?.stop(), ss?.stop(), trap?.stop()]);
  });

  it('the form refuses a URL moved to another server with blank secrets, and says why', async () => {
    for (const [field, value, words] of [
      ['sage300Url', `${trap.origin}${SAGE_PATH}`, 'the Sage 300 user and password'],
      ['v1Url', trap.origin, 'the V1 API key and secret'],
      ['v2Url', `${trap.origin}/v2`, 'the V2 API key'],
    ] as const) {
      const form: Record<string, string> = { _csrf: csrf, name: 'main', sage300Url: sage.baseUrl };
      form[field] = value;
      if (field === 'v1Url') form['v1ApiSecret'] = 'secret-one-222'; // one V1 field typed, the key kept
      const res = await client.post('/connections', form);
      expect(res.status).toBe(400);
      const text = res.text.replace(/&#39;|&quot;/g, "'");
      expect(text).toContain(`now points at ${trap.origin}`);
      expect(text).toContain('stored secrets are only sent to the server they were entered for');
      expect(text).toContain(`give ${words} again`);
    }
    const c = (await d.app.store.connections.getByName('main'))!;
    expect(c.sage300?.url).toBe(sage.baseUrl);
    expect(c.shipstation?.v1Url).toBe(ss.origin);
    expect(c.shipstation?.v2Url).toBe(ss.v2Url);
    // The form explains it next to every stored secret.
    expect((await client.get('/connections/main')).text).toContain('only sent to the server they were entered for');
  });

  it('another company on the same Sage server keeps the stored user and password', async () => {
    const other = sage.baseUrl.replace(/SAMINC$/, 'SAMLTD');
    const res = await client.post('/connections', { _csrf: csrf, name: 'main', sage300Url: other });
    expect(res.status).toBe(303);
    const c = (await d.app.store.connections.getByName('main'))!;
    // Stored as typed (issue 14 point 5); sent upper-cased.
    expect((await d.app.store.connections.credentials(c.id))['sage300.password']).toBe('Tidewater42');
    expect(await client.post('/connections', { _csrf: csrf, name: 'main', sage300Url: sage.baseUrl })).toMatchObject({
      status: 303,
    });
  });

  it('URLs changed behind the form: Ping sends the trap no credential and says why', async () => {
    const c = (await d.app.store.connections.getByName('main'))!;
    await d.app.store.connections.upsert({
      name: 'main',
      sage300: { ...c.sage300!, url: `${trap.origin}${SAGE_PATH}` },
      shipstation: { ...c.shipstation!, v1Url: trap.origin, v2Url: `${trap.origin}/v2` },
      source: 'cli',
    });
    const res = await client.post('/connections/main/ping', { _csrf: csrf });
    expect(res.status).toBe(303);
    const page = (await client.get('/connections/main')).text;
    expect(page).toContain('Refused to send the Sage 300 credentials');
    expect(trap.withCredentials()).toBe(0);
    const ping = await pingConnection(d.app.store, (await d.app.store.connections.getByName('main'))!);
    const details = [...ping.sage300, ...ping.shipstation].map((p) => p.detail).join('\n');
    expect(details).toContain('Refused to send the ShipStation V1 credentials');
    expect(details).toContain('Refused to send the ShipStation V2 credentials');
    expect(trap.withCredentials()).toBe(0);
    await d.app.store.connections.upsert({
      name: 'main',
      sage300: c.sage300!,
      shipstation: c.shipstation!,
      source: 'cli',
    });
  });

  it('connect refuses a V1 or V2 URL on another origin without the keys; with them it binds the new origin', async () => {
    const store = d.app.store;
    await expect(
      connectShipStation(store, { name: 'main', v2Url: `${trap.origin}/v2`, source: 'cli' }),
    ).rejects.toThrow(/give --v2-api-key again/);
    await expect(connectShipStation(store, { name: 'main', v1Url: trap.origin, source: 'cli' })).rejects.toThrow(
      /give --api-key and --api-secret again/,
    );
    const c = (await store.connections.getByName('main'))!;
    expect(c.shipstation?.v2Url).toBe(ss.v2Url);
    // Sage's connect always takes the user and password, so a new URL binds them anew.
    await connectSage300(store, { name: 'other', url: sage.baseUrl, user: 'u', password: 'p', source: 'cli' });
    const other = (await store.connections.getByName('other'))!;
    expect(await store.connections.credentialOrigin(other.id, 'sage300.password')).toBe(new URL(sage.baseUrl).origin);
    await connectShipStation(store, {
      name: 'other',
      v2ApiKey: 'key-two-333',
      v2Url: `${trap.origin}/v2`,
      source: 'cli',
    });
    expect(await store.connections.credentialOrigin(other.id, 'shipstation.v2.key')).toBe(trap.origin);
    expect(await store.connections.credentialOrigin(other.id, 'webhook.token')).toBeNull();
    await store.connections.delete(other.id);
    expect(trap.withCredentials()).toBe(0);
  });

  it('the environment contract: a new V1 URL with no V1 key in the environment is refused at start', async () => {
    const config = {
      ...d.app.config,
      SAGE300_URL: undefined,
      SHIPSTATION_API_KEY: 'env-v1-key',
      SHIPSTATION_API_SECRET: 'env-v1-secret',
      SHIPSTATION_V2_API_KEY: undefined,
      SHIPSTATION_V1_URL: ss.origin,
      SHIPSTATION_V2_URL: ss.v2Url,
    };
    await applyEnvironmentConnection(d.app.store, config);
    await expect(
      applyEnvironmentConnection(d.app.store, {
        ...config,
        SHIPSTATION_API_KEY: undefined,
        SHIPSTATION_API_SECRET: undefined,
        SHIPSTATION_V2_API_KEY: 'env-v2-key',
        SHIPSTATION_V1_URL: trap.origin,
      }),
    ).rejects.toThrow(/The V1 URL now points at .* give --api-key and --api-secret again/);
    const c = (await d.app.store.connections.getByName('default'))!;
    expect(c.shipstation?.v1Url).toBe(ss.origin);
    await d.app.store.connections.delete(c.id);
  });
});

describe('migration 002 binds existing credentials to the current URLs', () => {
  it('each kind gets the origin of its URL; the webhook token none', async () => {
    const sqlite = new SQLite(join(mkdtempSync(join(tmpdir(), 'mlc-mig-')), 'db.sqlite'));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const caps = { name: 'sqlite', autoIncrementType: 'integer', concurrentWriters: false } as const;
    const first = new Migrator({
      db,
      provider: { getMigrations: async () => ({ '001-initial': { up: (x) => m001.up(x, caps) } }) },
    });
    expect((await first.migrateToLatest()).error).toBeUndefined();
    const now = new Date().toISOString();
    await db
      .insertInto('connections')
      .values({
        name: 'old',
        sage300_url: 'https://erp.example.com:8443/Sage300WebApi/v1.0/-/SAMINC',
        sage300_company: 'SAMINC',
        sage300_keep_case: 0,
        settings: '{}',
        shipstation_orders_api: null,
        shipstation_v1_url: 'https://ssapi.shipstation.com',
        shipstation_v2_url: 'https://api.shipstation.com/v2',
        source: 'cli',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const kinds = ['sage300.user', 'sage300.password', 'shipstation.v1.key', 'shipstation.v1.secret'];
    for (const kind of [...kinds, 'shipstation.v2.key', 'webhook.token'])
      await db
        .insertInto('credentials')
        .values({ connection_id: 1, kind, key_id: 'k', sealed: 'x', updated_at: now })
        .execute();
    // 002 runs first on this database (later migrations follow it; they do not touch credentials).
    expect((await migrateToLatest(db, caps))[0]).toBe('002-credential-origin');
    const rows = await db.selectFrom('credentials').select(['kind', 'origin']).orderBy('kind').execute();
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.origin]))).toEqual({
      'sage300.password': 'https://erp.example.com:8443',
      'sage300.user': 'https://erp.example.com:8443',
      'shipstation.v1.key': 'https://ssapi.shipstation.com',
      'shipstation.v1.secret': 'https://ssapi.shipstation.com',
      'shipstation.v2.key': 'https://api.shipstation.com',
      'webhook.token': null,
    });
    await db.destroy();
  });
});
