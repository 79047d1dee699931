import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvironmentConnection } from '../../src/connections/connect.js';
import type { Connection } from '../../src/domain/connection.js';
import type { FlowModule } from '../../src/runtime/flows/flow.js';
import { ordersFlow } from '../../src/runtime/flows/orders-flow.js';
import { referenceFlow } from '../../src/runtime/flows/reference-flow.js';
import { shipmentsFlow } from '../../src/runtime/flows/shipments-flow.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { simulatorEnv } from '../helpers/world.js';
import { CHROMIUM, skipBrowser, VIEWPORTS } from './browser.js';
import { type DashboardService, startDashboardService } from './dashboard-service.js';

/** A zone that is not the server's (UTC here): the charts must be drawn in the browser's own hours and days. */
const BROWSER_ZONE = 'Asia/Tokyo';

describe.skipIf(skipBrowser)('a live dashboard in a browser (issue 16 point 6)', () => {
  const PASSWORD = 'live-browser-admin-pw';
  let sage: Sage300Simulator;
  let ss: ShipStationSimulator;
  let d: DashboardService;
  let c: Connection;
  let browser: Browser;
  let page: Page;
  /** Full page loads (a navigation or reload); htmx swaps do not count. */
  let loads = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sage = await startSage300Simulator({ seed: 'demo' });
    ss = await startShipStationSimulator({ seed: 'demo', rateWindowMs: 1000 });
    d = await startDashboardService({
      env: { ADMIN_PASSWORD: PASSWORD, ...simulatorEnv(sage, ss) },
    });
    // Stored, not scheduled: only the passes the test starts run.
    c = (await applyEnvironmentConnection(d.app.store, d.app.config))!;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const context = await browser.newContext({
      timezoneId: BROWSER_ZONE,
      locale: 'en-US',
      viewport: VIEWPORTS.desktop,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('load', () => {
      loads++;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
    await Promise.all([sage?.stop(), ss?.stop()]);
  });

  const go = (path: string) => page.goto(d.url + path);

  it('signs in', async () => {
    await go('/login');
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.waitForURL(`${d.url}/`);
  });

  it('the home cards change without a reload when orders flow', async () => {
    await go('/');
    const awaiting = page.getByTestId('awaiting');
    await expect(awaiting.textContent()).resolves.toBe('0');
    await expect(page.locator('[data-testid="last-ping"]').textContent()).resolves.toBe('never');
    const before = loads;
    // The orders go out on the server while the page stays open.
    for (const flow of [referenceFlow, ordersFlow] as FlowModule[]) {
      const [request] = flow.byHand();
      expect((await d.service.runPass(c, flow, { ...request, ignorePause: true })).status).toBe('ran');
    }
    const sent = (await d.app.store.records.countByState(c.id))['sent'] ?? 0;
    expect(sent).toBeGreaterThan(0);
    await expect.poll(() => awaiting.textContent(), { timeout: 15_000 }).toBe(String(sent));
    await expect(page.locator('tr[data-connection="default"] li[data-flow="orders"]').textContent()).resolves.toContain(
      'orders: ok',
    );
    expect(loads).toBe(before);
  });

  it("draws the charts in the browser's hours and days (Tokyo), not the server's (UTC)", async () => {
    await go('/'); // a fresh load: the charts themselves refresh only every minute
    const day = page.locator(`[data-testid="chart-24h"][data-zone="${BROWSER_ZONE}"]`);
    await day.waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('chart-zone').textContent()).resolves.toContain(`Hours and days in ${BROWSER_ZONE}`);
    const tokyo = (iso: string, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-US', { timeZone: BROWSER_ZONE, hourCycle: 'h23', ...options }).format(new Date(iso));
    const ticks = async (range: string) =>
      page
        .locator(`[data-testid="chart-${range}"] svg`)
        .first()
        .locator('text[data-tick]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-tick') ?? '', e.textContent ?? '']));
    const hours = await ticks('24h');
    expect(hours.length).toBeGreaterThan(3);
    for (const [iso, label] of hours) {
      expect(iso).toMatch(/\+09:00$/);
      expect(label).toBe(`${tokyo(iso, { hour: '2-digit' }).padStart(2, '0')}:00`);
    }
    // The last bucket is the hour Tokyo is in now.
    expect(hours.at(-1)![1]).toBe(`${tokyo(new Date().toISOString(), { hour: '2-digit' }).padStart(2, '0')}:00`);
    const days = await ticks('7d');
    expect(days).toHaveLength(7);
    const tokyoDay = (iso: string) => `${tokyo(iso, { weekday: 'short' })} ${tokyo(iso, { day: 'numeric' })}`;
    for (const [iso, label] of days) expect(label).toBe(tokyoDay(iso));
    expect(days.at(-1)![1]).toBe(tokyoDay(new Date().toISOString()));
    // The orders that went out in the test before are counted (the 7 days hold the last 24 hours).
    const out = Number(await page.getByTestId('orders-out-24h').textContent());
    expect(out).toBeGreaterThan(0);
    await expect(page.getByTestId('orders-out-7d').textContent()).resolves.toBe(String(out));
  });

  it('"Last ping: never" becomes the verdict as soon as a ping ends, without a reload', async () => {
    const before = loads;
    const cell = page.getByTestId('last-ping');
    await page.getByTestId('ping').click();
    await expect.poll(() => cell.textContent(), { timeout: 30_000 }).not.toBe('never');
    await expect(cell.locator('.pill').first().textContent()).resolves.toMatch(/Pass|Warning/);
    // The ping's own result is still shown under the row after the part refreshed.
    await page.locator('[data-testid="home-live"] [data-testid="ping-result"]').waitFor();
    expect(loads).toBe(before);
  });

  it("the Flows page shows a pass's new state without a reload", async () => {
    await go('/flows');
    const before = loads;
    const did = page.locator('tr[data-flow="shipments"] td[data-label="Last run did"]');
    const last = page.locator('tr[data-flow="shipments"] td[data-label="Last run"] time');
    await expect(last.count()).resolves.toBe(0);
    expect((await d.service.runPass(c, shipmentsFlow, { ignorePause: true })).status).toBe('ran');
    await last.waitFor({ timeout: 15_000 });
    await expect(did.textContent()).resolves.not.toBe('-');
    expect(loads).toBe(before);
    expect(pageErrors).toEqual([]);
  });

  it("a held order's reason links the Mappings page; Accept shows it is working, then says the order goes out by itself", async () => {
    // A new ship-via with a close ShipStation service, read without accepting it, and an order that uses it.
    sage.admin.addShipVia({ code: 'UPSGSV', name: 'UPS Ground Saver' });
    expect((await d.service.runPass(c, referenceFlow, { ignorePause: true, autoAccept: false })).status).toBe('ran');
    const customer = [...sage.state.customers.keys()][2]!;
    const item = String([...sage.state.items.values()][0]!['ItemNumber']);
    const created = sage.admin.createOrder({
      customerNumber: customer,
      shipViaCode: 'UPSGSV',
      location: '1',
      lines: [{ item, quantity: 1 }],
    });
    const [request] = (ordersFlow as FlowModule).byHand();
    expect((await d.service.runPass(c, ordersFlow as FlowModule, { ...request, ignorePause: true })).status).toBe(
      'ran',
    );
    const number = String(created['OrderNumber']);

    await go('/attention');
    const held = page.locator('[data-kind="held"]', { hasText: number });
    const link = held.locator('a.page-link', { hasText: 'Mappings page' });
    await expect(link.getAttribute('href')).resolves.toBe('/mappings?c=default');
    await link.click();
    await page.waitForURL(/\/mappings\?c=default$/);

    // An orders pass holds the lease: saving waits for it (as it does while a real pass runs, ~17 s in the demo).
    const lease = (await d.app.store.leases.acquire(c.id, 'orders', 'test/1', 60_000))!;
    expect(lease).not.toBeNull();
    const row = page.locator('tr[data-kind="ship_via"][data-value="UPSGSV"]');
    const accept = row.getByTestId('accept');
    const saving = row.locator('[data-testid="saving"]').first();
    await expect(saving.isVisible()).resolves.toBe(false);
    await accept.click();
    await saving.waitFor({ state: 'visible' });
    await expect(saving.textContent()).resolves.toBe(
      'Saving… orders waiting for this mapping then go out by themselves.',
    );
    await expect(accept.isDisabled()).resolves.toBe(true);
    await d.app.store.leases.release(lease);
    // htmx loads the page the server names (HX-Redirect), which shows the message.
    await page.locator('.flash').first().waitFor({ timeout: 20_000 });
    await expect(page.locator('.flash').first().textContent()).resolves.toBe(
      'Accepted for UPSGSV. Orders held for it go out by themselves within seconds: no need to press Retry.',
    );
    await expect(row.getAttribute('data-status')).resolves.toBe('mapped');
    expect(pageErrors).toEqual([]);
  });
});
