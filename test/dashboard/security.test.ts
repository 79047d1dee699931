import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAdminAccess } from '../../src/http/dashboard/index.js';
import { type DashboardService, fieldValue, HttpClient, signIn, startDashboardService } from './dashboard-service.js';

/**
 * The dashboard's security model over real HTTP (no browser): every route needs a session except sign-in,
 * the setup link and the two static files; every state-changing request needs the CSRF token; sign-in is
 * throttled; cookies are HttpOnly + SameSite=Strict (+ Secure over https); secrets are write-only.
 */
const PASSWORD = 'correct-horse-battery';
const SAMPLE_PARAMS: Record<string, string> = { name: 'main', flow: 'orders', key: '12', token: 'nope' };

function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_, p: string) => SAMPLE_PARAMS[p] ?? 'x');
}

describe('dashboard security', () => {
  let d: DashboardService;

  beforeAll(async () => {
    d = await startDashboardService({
      // As behind a reverse proxy on this host: X-Forwarded-Proto (the Secure cookie test) is believed from it.
      env: { ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: '127.0.0.1' },
      dashboard: { throttle: { perAddress: 3, overall: 6, windowMs: 60_000, baseDelayMs: 20, maxDelayMs: 100 } },
    });
  });
  afterAll(async () => {
    await d?.stop();
  });

  const routes = () => d.groups.flatMap((g) => g.routes);

  it('registers the pages and actions the issue asks for, each with a known rule', () => {
    const urls = routes().map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      'GET /',
      'POST /connections',
      'POST /connections/:name/ping',
      'GET /mappings',
      'POST /mappings/:name/accept-all',
      'GET /flows',
      'POST /flows/:name/:flow/run',
      'POST /flows/:name/:flow/dry-run',
      'POST /flows/:name/:flow/pause',
      'POST /flows/:name/:flow/rescan',
      'GET /orders',
      'GET /orders/:name/:key',
      'POST /orders/:name/:key/retry',
      'GET /attention',
      'GET /runs',
      'GET /runs/:name/:id',
    ])
      expect(urls).toContain(expected);
    const open = routes()
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(open).toEqual([
      'GET /assets/dashboard.css',
      'GET /assets/htmx.min.js',
      'GET /assets/icon.svg',
      'GET /assets/local-time.js',
      'GET /favicon.ico',
      'GET /login',
      'GET /setup',
      'GET /setup/:token',
      'POST /login',
      'POST /setup',
    ]);
  });

  it('serves its icon without a session, and every page links it (no favicon 404 on each visit)', async () => {
    const anonymous = new HttpClient(d.url);
    for (const path of ['/favicon.ico', '/assets/icon.svg']) {
      const icon = await anonymous.get(path);
      expect(icon.status, path).toBe(200);
      expect(icon.headers.get('content-type'), path).toContain('image/svg+xml');
      expect(icon.text, path).toMatch(/^<svg /);
    }
    const login = await anonymous.get('/login');
    expect(login.text).toContain('<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">');
  });

  it('without a session every page redirects to sign-in and every action answers 401', async () => {
    const anonymous = new HttpClient(d.url);
    const closed = routes().filter((r) => !r.public);
    expect(closed.length).toBeGreaterThan(20);
    for (const r of closed) {
      const path = concrete(r.url);
      if (r.method === 'GET') {
        const page = await anonymous.get(path);
        expect(page.status, path).toBe(303);
        expect(page.location, path).toMatch(/^\/login(\?next=|$)/);
        const fragment = await anonymous.get(path, { 'hx-request': 'true' });
        expect(fragment.status, `htmx ${path}`).toBe(401);
        expect(fragment.headers.get('hx-redirect')).toBe('/login');
      } else {
        const res = await anonymous.post(path, { _csrf: 'x' });
        expect(res.status, `${r.method} ${path}`).toBe(401);
      }
    }
    // A forged or expired session cookie is no session.
    anonymous.cookies.set('mlc_session', 'forged-session-value');
    expect((await anonymous.get('/orders')).status).toBe(303);
  });

  it('health, metrics and webhooks need no session (on the same listener)', async () => {
    const anonymous = new HttpClient(d.publicUrl);
    expect((await anonymous.get('/healthz')).status).toBe(200);
    const metrics = await anonymous.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('mlc_flow_runs_total');
    const webhook = await anonymous.request('POST', '/webhooks/shipstation/nobody/x', {
      headers: { 'content-type': 'application/json' },
    });
    expect(webhook.status).not.toBe(303);
  });

  it("refuses a form post without the CSRF token, or with another session's token", async () => {
    const a = new HttpClient(d.url);
    const b = new HttpClient(d.url);
    const tokenA = await signIn(a, PASSWORD);
    const tokenB = await signIn(b, PASSWORD);
    expect(tokenA).not.toBe(tokenB);
    for (const r of routes().filter((x) => !x.public && x.method === 'POST')) {
      const path = concrete(r.url);
      expect((await a.post(path, {})).status, path).toBe(403);
      expect((await a.post(path, { _csrf: tokenB })).status, path).toBe(403);
    }
    // With its own token (field or htmx header) the request goes through: here, an unknown connection.
    expect((await a.post('/flows/nobody/orders/pause', { _csrf: tokenA })).status).toBe(404);
    expect((await a.post('/flows/nobody/orders/pause', {}, { 'x-csrf-token': tokenA })).status).toBe(404);
  });

  it('the sign-in form is CSRF-protected too (double-submit cookie)', async () => {
    const c = new HttpClient(d.url);
    await c.get('/login');
    const res = await c.post('/login', { password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('expired');
    expect(c.cookies.has('mlc_session')).toBe(false);
  });

  it('session cookie: HttpOnly, SameSite=Strict, Secure over https; sign-out ends the session', async () => {
    const c = new HttpClient(d.url);
    const login = await c.get('/login', { 'x-forwarded-proto': 'https' });
    expect(login.headers.getSetCookie().join('\n')).toMatch(/mlc_form=.*HttpOnly.*/);
    const res = await c.post(
      '/login',
      { _csrf: fieldValue(login.text, '_csrf'), password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('mlc_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Secure/i);
    const plain = new HttpClient(d.url);
    await signIn(plain, PASSWORD);
    const home = await plain.get('/');
    expect(home.status).toBe(200);
    const csrf = fieldValue(home.text, '_csrf');
    const sessionCookie = plain.cookies.get('mlc_session')!;
    expect(await d.app.store.sessions.get(sessionCookie)).toBeUndefined(); // only its hash is stored
    await plain.post('/logout', { _csrf: csrf });
    plain.cookies.set('mlc_session', sessionCookie); // the old cookie, replayed
    expect((await plain.get('/')).status).toBe(303);
  });

  it('pages carry headers against framing, sniffing and caching', async () => {
    const c = new HttpClient(d.url);
    await signIn(c, PASSWORD);
    const home = await c.get('/');
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    expect(home.headers.get('cache-control')).toBe('no-store');
  });

  it('after sign-in only same-site paths are followed', async () => {
    const c = new HttpClient(d.url);
    const login = await c.get('/login?next=//evil.example/x');
    expect(login.text).not.toContain('evil.example');
    const res = await c.post('/login', {
      _csrf: fieldValue(login.text, '_csrf'),
      password: PASSWORD,
      next: '//evil.example/x',
    });
    expect(res.location).toBe('/');
    const c2 = new HttpClient(d.url);
    const l2 = await c2.get('/login');
    const r2 = await c2.post('/login', {
      _csrf: fieldValue(l2.text, '_csrf'),
      password: PASSWORD,
      next: '/orders?q=1',
    });
    expect(r2.location).toBe('/orders?q=1');
  });

  it('slows sign-in down instead of locking out: the right password still gets in', async () => {
    const attempt = async (address: string, password: string) => {
      const c = new HttpClient(d.url);
      const login = await c.get('/login');
      return c.post('/login', { _csrf: fieldValue(login.text, '_csrf'), password }, { 'x-forwarded-for': address });
    };
    for (let i = 0; i < 4; i++) expect((await attempt(`203.0.113.${i}`, 'wrong')).status).toBe(401);
    expect((await attempt('203.0.113.9', PASSWORD)).status).toBe(303);
  });
});

describe('dashboard: first run through the one-time setup link', () => {
  let d: DashboardService;
  beforeAll(async () => {
    d = await startDashboardService();
  });
  afterAll(async () => {
    await d?.stop();
  });

  it('only the printed link sets the password, once', async () => {
    const c = new HttpClient(d.url);
    const login = await c.get('/login');
    expect(login.text).toContain('setup link');
    expect(login.text).not.toContain('name="password"');
    // Whoever reaches the page first cannot claim it: no token, no form.
    expect((await c.get('/setup')).status).toBe(404);
    expect((await c.post('/setup', { password: 'attacker-pass', confirm: 'attacker-pass' })).status).toBe(404);
    expect((await c.get('/setup/guessed-token')).status).toBe(404);

    const first = await prepareAdminAccess(d.app);
    const { setupUrlPath } = await prepareAdminAccess(d.app); // a restart prints a new link
    expect((await c.get(first.setupUrlPath!)).status).toBe(404); // the old one stopped working
    const open = await c.get(setupUrlPath!);
    expect(open.status).toBe(303);
    expect(open.location).toBe('/setup');
    const form = await c.get('/setup');
    expect(form.status).toBe(200);
    expect(form.text).not.toContain(setupUrlPath!.split('/')[2]!); // the token is not in the page
    const csrf = fieldValue(form.text, '_csrf');
    expect((await c.post('/setup', { _csrf: csrf, password: 'short', confirm: 'short' })).status).toBe(400);
    expect((await c.post('/setup', { _csrf: csrf, password: 'new-admin-pass', confirm: 'other-pass' })).status).toBe(
      400,
    );
    const done = await c.post('/setup', { _csrf: csrf, password: 'new-admin-pass', confirm: 'new-admin-pass' });
    expect(done.status).toBe(303);
    expect((await c.get('/')).status).toBe(200); // signed in by the setup
    expect((await new HttpClient(d.url).get(setupUrlPath!)).status).toBe(404);
    expect(await prepareAdminAccess(d.app)).toEqual({});
    const stored = await d.app.store.kv.get('dashboard.admin_password');
    expect(stored).toMatch(/^scrypt\$/);
    await signIn(new HttpClient(d.url), 'new-admin-pass');
  });
});

describe('dashboard on its own listener (ADMIN_HOST/ADMIN_PORT)', () => {
  let d: DashboardService;
  beforeAll(async () => {
    d = await startDashboardService({ env: { ADMIN_PASSWORD: PASSWORD, ADMIN_HOST: '127.0.0.2', ADMIN_PORT: '0' } });
  });
  afterAll(async () => {
    await d?.stop();
  });

  it('serves the dashboard only there; the public listener keeps health, metrics and webhooks', async () => {
    expect(d.url).not.toBe(d.publicUrl);
    expect(d.url).toContain('127.0.0.2');
    const pub = new HttpClient(d.publicUrl);
    expect((await pub.get('/login')).status).toBe(404);
    expect((await pub.get('/')).status).toBe(404);
    expect((await pub.get('/healthz')).status).toBe(200);
    const admin = new HttpClient(d.url);
    expect((await admin.get('/login')).status).toBe(200);
    expect((await admin.get('/healthz')).status).toBe(404);
    await signIn(admin, PASSWORD);
    expect((await admin.get('/flows')).status).toBe(200);
  });
});
