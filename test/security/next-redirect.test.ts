import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeNext } from '../../src/http/dashboard/auth/guard.js';
import { launchBrowser, skipBrowser } from '../dashboard/browser.js';
import {
  type DashboardService,
  fieldValue,
  HttpClient,
  startDashboardService,
} from '../dashboard/dashboard-service.js';
import { startTrap, type Trap } from './trap.js';

/**
 * `next` after sign-in (issue 13, point 2): only a same-origin absolute path is followed, anything else
 * goes to `/`, and no value causes a 500. Checked over HTTP on the GET and POST sign-in paths, then in
 * headless Chromium for where the browser really lands (a trap on another port counts any arrival).
 */
const PASSWORD = 'next-admin-password';

function table(host: string): Array<[string, string]> {
  return [
    [`/\t/${host}/x`, '/'],
    [`/\r/${host}/x`, '/'],
    [`/\n/${host}/x`, '/'],
    [`/x\r\nSet-Cookie: a=b`, '/'],
    [`//${host}/x`, '/'],
    [`/\\${host}/x`, '/'],
    [`/\\/${host}/x`, '/'],
    [`/%09/${host}/x`, '/'],
    [`/%0d%0a/${host}`, '/'],
    [`/%2F${host}/x`, '/'],
    [`/%5C${host}/x`, '/'],
    [`/%252F%252F${host}`, '/'],
    [`%2F%2F${host}/x`, '/'],
    [`https://${host}/x`, '/'],
    [`http:${host}/x`, '/'],
    ['javascript:alert(1)', '/'],
    ['/ /x', '/'],
    ['/\u00a0/x', '/'],
    ['/%E0%A4%A', '/'],
    ['/日本', '/'],
    ['', '/'],
    ['/orders?state=failed', '/orders?state=failed'],
    ['/connections/main', '/connections/main'],
    ['/flows#top', '/flows#top'],
  ];
}

describe('safeNext (table)', () => {
  it.each(table('127.0.0.1:18501'))('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('next after sign-in', () => {
  let d: DashboardService;
  let trap: Trap;
  let host: string;
  beforeAll(async () => {
    trap = await startTrap();
    host = new URL(trap.origin).host;
    d = await startDashboardService({ env: { ADMIN_PASSWORD: PASSWORD } });
  });
  afterAll(async () => {
    await d?.stop();
    await trap?.stop();
  });

  it('GET /login, signed in: never leaves the origin, never a 500', async () => {
    const client = new HttpClient(d.url);
    const login = await client.get('/login');
    expect((await client.post('/login', { _csrf: fieldValue(login.text, '_csrf'), password: PASSWORD })).status).toBe(
      303,
    );
    for (const [next, expected] of table(host)) {
      const res = await client.get(`/login?next=${encodeURIComponent(next)}`);
      expect({ next, status: res.status, location: res.location }).toEqual({ next, status: 303, location: expected });
    }
  });

  it('GET /login, signed out, and POST /login: the form carries and follows only safe paths', async () => {
    for (const [next, expected] of table(host)) {
      const client = new HttpClient(d.url);
      const login = await client.get(`/login?next=${encodeURIComponent(next)}`);
      expect(login.status).toBe(200);
      expect(fieldValue(login.text, 'next').replace(/&amp;/g, '&')).toBe(expected);
      // POST with the raw value, as a forged form would send it.
      const res = await client.post('/login', { _csrf: fieldValue(login.text, '_csrf'), password: PASSWORD, next });
      expect({ next, status: res.status, location: res.location }).toEqual({ next, status: 303, location: expected });
    }
  });

  it.skipIf(skipBrowser)(
    'in headless Chromium: lands on the dashboard origin for every value, by GET and by POST',
    async () => {
      const browser: BrowserContext = await launchBrowser();
      try {
        const origin = new URL(d.url).origin;
        const page = await browser.newPage();
        for (const [next] of table(host)) {
          await browser.clearCookies();
          // POST: the hidden field is rewritten to the raw value before the form is sent.
          await page.goto(`${d.url}/login`);
          await page.evaluate(`document.querySelector('input[name=next]').value = ${JSON.stringify(next)}`);
          await page.getByTestId('password').fill(PASSWORD);
          await Promise.all([
            page.waitForURL((u) => u.pathname !== '/login'),
            page.getByTestId('password').press('Enter'),
          ]);
          expect({ next, origin: new URL(page.url()).origin }).toEqual({ next, origin });
          // GET, signed in now.
          await page.goto(`${d.url}/login?next=${encodeURIComponent(next)}`);
          expect({ next, origin: new URL(page.url()).origin }).toEqual({ next, origin });
        }
        expect(trap.total()).toBe(0);
      } finally {
        await browser.close();
      }
    },
  );
});
