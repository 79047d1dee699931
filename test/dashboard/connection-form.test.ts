import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { type DashboardService, HttpClient, signIn, startDashboardService } from './dashboard-service.js';

/**
 * The connection form over HTTP: the same validation as `ml-connector connect` (the password stored as typed), secrets
 * write-only (never in a page, kept when left blank), and the service schedules the saved connection.
 */
const PASSWORD = 'form-admin-password';

// With both keys, and with the V2 key alone (a plan without V1, issue 14): typed, stored, shown, scheduled.
describe.each([{ apis: 'v1+v2' as const }, { apis: 'v2' as const }])('connection form ($apis)', ({ apis }) => {
  const v1 = apis === 'v1+v2';
  let d: DashboardService;
  // The saved connection is scheduled at once; real simulators refuse the made-up keys fast (401), where
  // an unreachable address would keep flows retrying while the test stops the service.
  let sage: Sage300Simulator;
  let ss: ShipStationSimulator;
  let SAGE_URL: string;
  let client: HttpClient;
  let csrf: string;
  const pages: string[] = [];

  beforeAll(async () => {
    sage = await startSage300Simulator({ seed: 'empty' });
    ss = await startShipStationSimulator({ seed: 'empty' });
    SAGE_URL = sage.baseUrl;
    d = await startDashboardService({ env: { ADMIN_PASSWORD: PASSWORD } });
    client = new HttpClient(d.url);
    csrf = await signIn(client, PASSWORD);
  });
  afterAll(async () => {
    await d?.stop();
    await Promise.all([sage?.stop(), ss?.stop()]);
  });

  async function save(form: Record<string, string>) {
    const res = await client.post('/connections', { _csrf: csrf, ...form });
    pages.push(res.text);
    if (res.status === 303) pages.push((await client.get(res.location!)).text);
    return res;
  }

  it('saves both halves; Sage credentials are stored as typed and sent upper-cased unless "keep letter case"', async () => {
    const res = await save({
      isNew: '1',
      name: 'main',
      sage300Url: SAGE_URL,
      sage300User: 'opsbot',
      sage300Password: 'Tidewater42',
      ...(v1 ? { v1ApiKey: 'key-one-111', v1ApiSecret: 'secret-one-222' } : {}),
      v2ApiKey: 'key-two-333',
      v1Url: ss.origin,
      v2Url: ss.v2Url,
      ordersApi: '',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/connections/main');
    expect(pages.at(-1)).toContain('stored as typed and sent in upper case');
    expect(pages.at(-1)).toContain('tick &quot;Keep letter case&quot; and save again');
    const c = (await d.app.store.connections.getByName('main'))!;
    expect(c.source).toBe('dashboard');
    expect(c.sage300).toMatchObject({ company: 'SAMINC', keepCase: false });
    const creds = await d.app.store.connections.credentials(c.id);
    expect(creds['sage300.user']).toBe('opsbot');
    expect(creds['sage300.password']).toBe('Tidewater42');
    expect(creds['shipstation.v1.secret']).toBe(v1 ? 'secret-one-222' : undefined);
    expect(creds['shipstation.v1.key']).toBe(v1 ? 'key-one-111' : undefined);
    expect(creds['shipstation.v2.key']).toBe('key-two-333');
    expect(d.service.scheduler.list().some((j) => j.connectionId === c.id && j.flow === 'orders')).toBe(true);
    // The connections page names the ShipStation APIs the connection holds.
    const row = /<tr data-connection="main">[\s\S]*?<\/tr>/.exec((await client.get('/')).text)?.[0] ?? '';
    expect(row).toMatch(v1 ? /data-label="ShipStation">V1 \+ V2</ : /data-label="ShipStation">V2</);
  });

  it('blank secrets keep the stored ones; ticking "keep letter case" alone keeps the password as typed', async () => {
    const c = (await d.app.store.connections.getByName('main'))!;
    expect((await save({ name: 'main', sage300Url: SAGE_URL, v2ApiKey: '' })).status).toBe(303);
    let creds = await d.app.store.connections.credentials(c.id);
    expect(creds['sage300.password']).toBe('Tidewater42');
    expect(creds['shipstation.v2.key']).toBe('key-two-333');
    expect((await save({ name: 'main', sage300Url: SAGE_URL, keepCase: '1' })).status).toBe(303);
    creds = await d.app.store.connections.credentials(c.id);
    expect(creds['sage300.password']).toBe('Tidewater42');
    expect((await d.app.store.connections.getByName('main'))?.sage300?.keepCase).toBe(true);
    // V1 by nature: only the V1 key replaced, the stored secret stays with it.
    if (!v1) return;
    expect((await save({ name: 'main', v1ApiKey: 'key-one-new' })).status).toBe(303);
    creds = await d.app.store.connections.credentials(c.id);
    expect(creds['shipstation.v1.key']).toBe('key-one-new');
    expect(creds['shipstation.v1.secret']).toBe('secret-one-222');
  });

  // The form's own checks do not depend on the keys held: once, with both.
  it.runIf(v1)("says what is wrong in the form's words, keeps what was typed, and never echoes a secret", async () => {
    const missing = await save({
      isNew: '1',
      name: 'second',
      sage300Url: SAGE_URL,
      sage300User: 'u',
      sage300Password: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Enter the Sage 300 password.');
    expect(missing.text).toContain(`value="${SAGE_URL}"`);
    const v1 = await save({ isNew: '1', name: 'second', v1ApiKey: 'lonely-key-444' });
    expect(v1.status).toBe(400);
    expect(v1.text).toContain('needs both the V1 API key and the V1 API secret');
    const url = await save({
      isNew: '1',
      name: 'second',
      sage300Url: 'http://127.0.0.1:9/nothing',
      sage300User: 'u',
      sage300Password: 'p',
    });
    expect(url.status).toBe(400);
    expect(url.text).toContain('including the company');
    const taken = await save({
      isNew: '1',
      name: 'main',
      sage300Url: SAGE_URL,
      sage300User: 'x',
      sage300Password: 'y',
    });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('exists already');
    const badName = await save({ isNew: '1', name: 'no spaces', v2ApiKey: 'k-555' });
    expect(badName.status).toBe(400);
    expect(await d.app.store.connections.getByName('second')).toBeUndefined();
  });

  it('after a failed submit every typed field is kept but the secrets (issue 16 point 7: User was cleared)', async () => {
    const failed = await save({
      isNew: '1',
      name: 'third',
      sage300Url: 'http://127.0.0.1:9/nothing',
      sage300User: 'warehouse-bot',
      sage300Password: 'Kept-Nowhere-777',
      keepCase: '1',
      v1ApiKey: 'key-typed-888',
      v1ApiSecret: 'secret-typed-999',
      v2ApiKey: 'key-typed-v2-000',
      v1Url: ss.origin,
      v2Url: ss.v2Url,
      ordersApi: 'v2',
    });
    expect(failed.status).toBe(400);
    expect(failed.text).toContain('including the company');
    const field = (name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(failed.text)?.[0] ?? '';
    expect(field('name')).toContain('value="third"');
    expect(field('sage300Url')).toContain('value="http://127.0.0.1:9/nothing"');
    expect(field('sage300User')).toContain('value="warehouse-bot"');
    expect(field('keepCase')).toContain('checked');
    expect(field('v1Url')).toContain(`value="${ss.origin}"`);
    expect(field('v2Url')).toContain(`value="${ss.v2Url}"`);
    expect(failed.text).toMatch(/<option value="v2" selected>/);
    for (const secret of ['sage300Password', 'v1ApiKey', 'v1ApiSecret', 'v2ApiKey'])
      expect(field(secret), secret).toContain('value=""');
    expect(await d.app.store.connections.getByName('third')).toBeUndefined();
  });

  it('no page of the run shows a secret that was typed in', async () => {
    for (const path of ['/', '/connections/main', '/mappings', '/flows', '/orders', '/attention', '/connections/new'])
      pages.push((await client.get(path)).text);
    const secrets = [
      'Tidewater42',
      'TIDEWATER42',
      'key-one-111',
      'secret-one-222',
      'key-two-333',
      'key-one-new',
      'lonely-key-444',
      'k-555',
      'Kept-Nowhere-777',
      'key-typed-888',
      'secret-typed-999',
      'key-typed-v2-000',
      PASSWORD,
    ];
    expect(pages.length).toBeGreaterThan(v1 ? 15 : 10);
    for (const s of secrets)
      expect(
        pages.filter((p) => p.toLowerCase().includes(s.toLowerCase())),
        s,
      ).toEqual([]);
  });
});
