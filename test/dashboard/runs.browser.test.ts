import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvironmentConnection } from '../../src/connections/connect.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { simulatorEnv } from '../helpers/world.js';
import { CHROMIUM, horizontalOverflow, screenshot, skipBrowser, VIEWPORTS } from './browser.js';
import { type DashboardService, startDashboardService } from './dashboard-service.js';

/** A zone that is not the server's (UTC here): the page must show the browser's own time. */
const BROWSER_ZONE = 'Asia/Tokyo';

describe.skipIf(skipBrowser)('the Runs page in a browser (issue 16 point 6)', () => {
  const PASSWORD = 'runs-browser-admin-pw';
  let sage: Sage300Simulator;
  let ss: ShipStationSimulator;
  let d: DashboardService;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sage = await startSage300Simulator({ seed: 'demo' });
    ss = await startShipStationSimulator({ seed: 'demo', rateWindowMs: 1000 });
    d = await startDashboardService({
      env: { ADMIN_PASSWORD: PASSWORD, ...simulatorEnv(sage, ss) },
    });
    // Stored, not scheduled: only the passes the test starts from the Flows page run.
    await applyEnvironmentConnection(d.app.store, d.app.config);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const context = await browser.newContext({
      timezoneId: BROWSER_ZONE,
      locale: 'en-US',
      viewport: VIEWPORTS.desktop,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
    await Promise.all([sage?.stop(), ss?.stop()]);
  });

  const go = (path: string) => page.goto(d.url + path);

  it('signs in and runs the reference and orders flows from the Flows page', async () => {
    await go('/login');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.waitForURL(`${d.url}/`);
    await go('/flows');
    for (const flow of ['reference', 'orders']) {
      await page.getByTestId(`${flow}-run`).click();
      await page.waitForURL(/\/flows\?c=default$/);
      await expect(page.locator('.flash').first().getAttribute('class')).resolves.toContain('flash-ok');
    }
  });

  it("opens the orders flow's runs from its row, in the browser's time zone", async () => {
    await page.getByTestId('orders-runs').click();
    await page.waitForURL(/\/runs\?c=default&flow=orders$/);
    await expect(page.locator('nav a.active').textContent()).resolves.toBe('Runs');
    const rows = page.locator('[data-testid="runs"] tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute('data-result')).resolves.toBe('ok');
    const started = rows.first().locator('time[data-local]');
    const iso = (await started.getAttribute('datetime'))!;
    // The script rewrote the UTC text in Tokyo time (GMT+9), and it is the same instant.
    // (Polled from here: the page's CSP refuses evaluated strings.)
    await expect.poll(() => started.textContent()).not.toMatch(/UTC$/);
    const shown = (await started.textContent())!.replace(/\s/g, ' ');
    expect(shown).toContain('GMT+9');
    const part = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-US', { timeZone: BROWSER_ZONE, ...options }).format(new Date(iso));
    const hour = part({ hour: 'numeric', hour12: true }).split(/\s/)[0];
    const minute = part({ minute: '2-digit' }).padStart(2, '0');
    expect(shown).toContain(part({ dateStyle: 'medium' }));
    expect(shown).toContain(`${hour}:${minute}`);
    await expect(started.getAttribute('title')).resolves.toBe(iso);
  });

  it('shows a new pass without a reload (the list refreshes itself), its time localised too', async () => {
    const c = (await d.app.store.connections.getByName('default'))!;
    const id = await d.app.store.flowRuns.start({ connectionId: c.id, flow: 'orders', holder: 'w/7', leaseToken: 7 });
    await d.app.store.flowRuns.finish(id, { result: 'ok', counts: { sent: 1 } });
    const row = page.locator(`tr[data-run="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => row.locator('time[data-local]').textContent()).toContain('GMT+9');
    await expect(page.locator('[data-testid="runs"] tbody tr').count()).resolves.toBe(2);
  });

  it('filters by result with the form, and opens a pass with the orders it touched', async () => {
    await page.getByTestId('runs-flow').selectOption('');
    await page.getByTestId('runs-result').selectOption('failed');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/result=failed/);
    await page.getByTestId('no-runs').waitFor();
    await page.getByTestId('runs-result').selectOption('ok');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/result=ok/);
    const flows = await page
      .locator('[data-testid="runs"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-flow')));
    expect(flows).toEqual(['orders', 'orders', 'reference']);
    await page.locator('tr[data-flow="orders"] [data-testid="run-link"]').last().click();
    await page.waitForURL(/\/runs\/default\/\d+$/);
    await expect(page.getByTestId('run-result').textContent()).resolves.toBe('OK');
    await page.getByTestId('run-counts').waitFor();
    const order = page.locator('[data-testid="run-orders"] a').first();
    const number = (await order.textContent())!;
    await order.click();
    await page.waitForURL(/\/orders\/default\//);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Order ${number}`);
  });

  it('fits a phone screen without scrolling sideways (screenshots of the page at both sizes)', async () => {
    await go('/runs?c=default');
    await screenshot(page, 'runs-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await go('/runs?c=default');
    const { scrollWidth, viewport } = await horizontalOverflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(viewport);
    await screenshot(page, 'runs-phone');
    expect(pageErrors).toEqual([]);
  });
});
