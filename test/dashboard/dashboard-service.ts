import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, openApp } from '../../src/app.js';
import { startService } from '../../src/compose.js';
import type { Clock } from '../../src/domain/clock.js';
import type { DashboardOptions, DashboardRouteGroup } from '../../src/http/dashboard/index.js';
import { silentLogger } from '../../src/observability/logger.js';
import type { Service } from '../../src/runtime/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';

export interface DashboardService {
  app: App;
  service: Service;
  /** Where the dashboard listens (the admin listener, or the main one). */
  url: string;
  publicUrl: string;
  groups: DashboardRouteGroup[];
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The service as `start` builds it (webhooks, the flows' jobs, the dashboard and its alerts), on a fresh
 * database and port 0. No connection is configured: tests add them through the dashboard or the store.
 */
export async function startDashboardService(
  options: {
    env?: Record<string, string>;
    db?: 'sqlite' | 'postgres';
    clock?: Clock;
    dashboard?: DashboardOptions;
  } = {},
): Promise<DashboardService> {
  const database = await createTestDatabase(options.db ?? 'sqlite');
  const env: Record<string, string> = {
    ML_CONNECTOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'mlc-dash-')),
    DATABASE_URL: database.url,
    ML_CONNECTOR_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    DEMO: 'off',
    ...options.env,
  };
  const app = await openApp({
    env,
    logger: silentLogger(),
    notice: () => {},
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // Every flow's jobs but the reference extras, as these tests have always run.
  const running = await startService(app, {
    skipJobs: ['reference-extras'],
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
  });
  const { service, servers } = running;
  return {
    app,
    service,
    url: servers.adminUrl,
    publicUrl: servers.publicUrl,
    groups: running.dashboard,
    database,
    async stop() {
      await running.stop();
      await app.close();
      await database.drop();
    },
  };
}

/** A tiny browser-less client: keeps cookies, never follows redirects (tests look at them). */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(
    method: string,
    path: string,
    options: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; location: string | null; text: string; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(this.base + path, { method, headers, body: body ?? null, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
      headers: response.headers,
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, headers ? { headers } : {});
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>) {
    return this.request('POST', path, { form, ...(headers ? { headers } : {}) });
  }
}

/** The value of a hidden form field in a page (the CSRF token). */
export function fieldValue(page: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no field ${name} in the page`);
  return m[1]!;
}

/** Signs in with the password; returns the session's CSRF token. */
export async function signIn(client: HttpClient, password: string): Promise<string> {
  const login = await client.get('/login');
  const res = await client.post('/login', { _csrf: fieldValue(login.text, '_csrf'), password });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${res.text.slice(0, 300)}`);
  const home = await client.get('/');
  return fieldValue(home.text, '_csrf');
}
