import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app.js';
import { startService } from '../../src/compose.js';
import { createLogger } from '../../src/observability/logger.js';
import { fieldValue, HttpClient } from '../dashboard/dashboard-service.js';
import { runCli } from '../helpers/cli.js';

/**
 * Servers that echo what they were sent (issue 13, point 4): a Sage and a ShipStation stand-in that put
 * the Authorization value, the decoded user:password and the API key in their error bodies, a header and
 * the status text. No secret may then appear in the CLI output, the rendered pages, the logs, or the
 * database bytes (WAL included).
 */
const ADMIN = 'echo-admin-password';
const USER = 'opsbot';
const PASSWORD = 'Tidewater42';
const V1_KEY = 'v1keyAAAA1111';
const V1_SECRET = 'v1secretBBBB2222';
const V2_KEY = 'v2keyCCCC3333';
const ALERT_TOKEN = 'T0KEN-alert-path-4444';

function echoServer(): Promise<{ origin: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    const auth = req.headers.authorization ?? '';
    const key = String(req.headers['api-key'] ?? '');
    const basic = /^Basic (.+)$/.exec(auth)?.[1];
    const decoded = basic ? Buffer.from(basic, 'base64').toString() : '';
    const echo = `you sent ${auth} (${decoded}) key ${key} and ${decoded.toLowerCase()}`;
    req.resume();
    res.writeHead(400, `Bad ${auth} ${key}`.replace(/[^\x20-\x7e]/g, ''), {
      'content-type': 'application/json',
      'x-echo': `${auth} ${key}`,
    });
    res.end(
      JSON.stringify({
        error: { code: 'InvalidParameters', message: { lang: 'en-US', value: echo } },
        Message: echo,
        ExceptionMessage: echo,
        request_id: 'r-1',
        errors: [{ error_source: 'shipstation', error_type: 'validation', error_code: 'invalid', message: echo }],
      }),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits, server }),
    ),
  );
}

function secretForms(webhookToken: string): string[] {
  const pairs = [
    [USER, PASSWORD],
    [USER.toUpperCase(), PASSWORD.toUpperCase()],
    [V1_KEY, V1_SECRET],
  ];
  return [
    PASSWORD,
    PASSWORD.toUpperCase(),
    PASSWORD.toLowerCase(),
    V1_KEY,
    V1_SECRET,
    V2_KEY,
    ALERT_TOKEN,
    webhookToken,
    ...pairs.flatMap(([u, p]) => [`${u}:${p}`, Buffer.from(`${u}:${p}`).toString('base64')]),
  ];
}

describe('echoing servers: no secret anywhere a person or a disk sees', () => {
  let echo: Awaited<ReturnType<typeof echoServer>>;
  let app: App;
  let stop: () => Promise<void>;
  let env: Record<string, string>;
  let dir: string;
  const logs: string[] = [];
  let client: HttpClient;

  beforeAll(async () => {
    echo = await echoServer();
    dir = mkdtempSync(join(tmpdir(), 'mlc-echo-'));
    env = {
      ML_CONNECTOR_DATA_DIR: dir,
      ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'debug',
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO: 'off',
      ADMIN_PASSWORD: ADMIN,
      ALERT_WEBHOOK_URL: `${echo.origin}/hooks/${ALERT_TOKEN}`,
    };
    const destination = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    app = await openApp({ env, logger: createLogger({ level: 'debug', destination }), notice: () => {} });
    const running = await startService(app, { skipJobs: ['reference-extras'] });
    stop = async () => {
      await running.stop();
      await app.close();
    };
    client = new HttpClient(running.servers.adminUrl);
    const login = await client.get('/login');
    await client.post('/login', { _csrf: fieldValue(login.text, '_csrf'), password: ADMIN });
  });
  afterAll(async () => {
    await stop?.();
    await new Promise((r) => echo?.server.close(r));
  });

  it('ping, pages, flows, CLI and the database carry none of them', async () => {
    const csrf = fieldValue((await client.get('/')).text, '_csrf');
    const saved = await client.post('/connections', {
      _csrf: csrf,
      isNew: '1',
      name: 'main',
      sage300Url: `${echo.origin}/Sage300WebApi/v1.0/-/SAMINC`,
      sage300User: USER,
      sage300Password: PASSWORD,
      keepCase: '1',
      v1ApiKey: V1_KEY,
      v1ApiSecret: V1_SECRET,
      v2ApiKey: V2_KEY,
      v1Url: echo.origin,
      v2Url: `${echo.origin}/v2`,
    });
    expect(saved.status).toBe(303);
    expect((await client.post('/connections/main/ping', { _csrf: csrf })).status).toBe(303);
    const connection = (await app.store.connections.getByName('main'))!;
    // Saving ran the flows at once; wait until the orders pass has failed against the echo server.
    for (let i = 0; i < 200; i++) {
      const flow = await app.store.flows.get(connection.id, 'orders');
      if (flow.lastError) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await app.store.flows.get(connection.id, 'orders')).lastError).toBeTruthy();
    const pages = await Promise.all(['/', '/connections/main', '/flows', '/attention'].map((p) => client.get(p)));
    const cli = await runCli(['ping', '--connection', 'main'], { env: { ...env, LOG_LEVEL: 'debug' } });
    const webhookToken = (await app.store.connections.getCredential(connection.id, 'webhook.token'))!;
    const db = readdirSync(dir)
      .filter((f) => f.startsWith('ml-connector.db'))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'));
    expect(readdirSync(dir)).toContain('ml-connector.db-wal');
    await stop();
    stop = async () => {};
    const places: Record<string, string> = {
      cli: cli.stdout + cli.stderr,
      pages: pages.map((p) => p.text).join('\n'),
      logs: logs.join(''),
      database: db.join('\n'),
    };
    // The echo server was reached and its texts did arrive, scrubbed.
    expect(echo.hits()).toBeGreaterThan(3);
    expect(places['pages']).toContain('you sent Basic [redacted]');
    expect(places['cli']).toContain('[redacted]');
    for (const [where, text] of Object.entries(places)) {
      for (const secret of secretForms(webhookToken))
        expect({ where, found: text.includes(secret) ? secret : null }).toEqual({ where, found: null });
    }
  });
});
