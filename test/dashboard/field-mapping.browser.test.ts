import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEnvironmentConnection } from '../../src/connections/connect.js';
import { type Sage300Simulator, startSage300Simulator } from '../../src/simulators/sage300/server.js';
import {
  type ShipStationSimulator,
  startShipStationSimulator,
} from '../../src/simulators/shipstation/shipstation-simulator.js';
import { plainItems, stockUp } from '../helpers/sage-orders.js';
import { simulatorEnv } from '../helpers/world.js';
import { CHROMIUM, horizontalOverflow, screenshot, skipBrowser, VIEWPORTS } from './browser.js';
import { type DashboardService, startDashboardService } from './dashboard-service.js';

/** The field mapping page (issue 17 point 2): edit, preview on a real Sage order, save (refused, then saved). */
describe.skipIf(skipBrowser)('the field mapping page in a browser', () => {
  const PASSWORD = 'fields-browser-admin-pw';
  let sage: Sage300Simulator;
  let ss: ShipStationSimulator;
  let d: DashboardService;
  let browser: Browser;
  let page: Page;
  let orderNumber = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sage = await startSage300Simulator({ seed: 'demo' });
    ss = await startShipStationSimulator({ seed: 'demo', rateWindowMs: 1000 });
    d = await startDashboardService({ env: { ADMIN_PASSWORD: PASSWORD, ...simulatorEnv(sage, ss) } });
    await applyEnvironmentConnection(d.app.store, d.app.config);
    const item = plainItems(sage)[0]!;
    stockUp(sage, [item]);
    const customer = String([...sage.state.customers.keys()][0]);
    orderNumber = String(
      sage.admin.createOrder({
        customerNumber: customer,
        shipViaCode: 'UPSGND',
        location: '1',
        purchaseOrderNumber: 'PO-4410',
        lines: [{ item, quantity: 1 }],
      })['OrderNumber'],
    );
    sage.admin.editOrder(orderNumber, {
      header: { OrderOptionalFields: [{ OptionalField: 'GIFTMSG', Value: 'Happy birthday, Sam!' }] },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    page = await (await browser.newContext({ locale: 'en-US', viewport: VIEWPORTS.desktop })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
    await Promise.all([sage?.stop(), ss?.stop()]);
  });

  it('signs in and opens the page from Mappings, showing today’s choices', async () => {
    await page.goto(`${d.url}/login`);
    await page.getByTestId('password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.waitForURL(`${d.url}/`);
    await page.goto(`${d.url}/mappings`);
    await page.getByTestId('field-mapping-link').click();
    await page.waitForURL(/\/mappings\/fields\?c=default$/);
    await expect(page.locator('#f-customField1').inputValue()).resolves.toBe('order:PurchaseOrderNumber');
    await expect(page.locator('#f-giftMessage').inputValue()).resolves.toBe('none');
  });

  it('edits and previews on a real order: PO number → custom field 2, an optional field → gift message', async () => {
    await page.locator('#f-customField1').fill('none');
    await page.locator('#f-customField2').fill('order:PurchaseOrderNumber');
    await page.locator('#f-giftMessage').fill('order-optional:GIFTMSG');
    await page.getByTestId('preview-order').fill(orderNumber);
    await page.getByTestId('preview-button').click();
    await page.getByTestId('preview').waitFor();
    const cf2 = page.getByTestId('preview-customField2');
    await expect(cf2.textContent()).resolves.toMatch(new RegExp(`${orderNumber}.*PO-4410 \\(changed\\)`));
    await expect(page.getByTestId('preview-giftMessage').textContent()).resolves.toContain('Happy birthday, Sam!');
    await expect(page.getByTestId('preview-customField3').getAttribute('class')).resolves.toBe('');
    // The boxes keep what was typed (nothing saved yet).
    await expect(page.locator('#f-customField2').inputValue()).resolves.toBe('order:PurchaseOrderNumber');
    expect((await d.app.store.connections.getByName('default'))?.settings.fields).toBeUndefined();
    await screenshot(page, 'field-mapping-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    const o = await horizontalOverflow(page);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.viewport);
    await screenshot(page, 'field-mapping-phone');
    await page.setViewportSize(VIEWPORTS.desktop);
  });

  it('refuses a field Sage does not have, naming the nearest, then saves', async () => {
    await page.locator('#f-customField3').fill('order:PurchaseOrderNo');
    await page.getByTestId('save-fields').click();
    const errors = page.getByTestId('field-errors');
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toMatch(/PurchaseOrderNo does not exist.*nearest: PurchaseOrderNumber/);
    await page.locator('#f-customField3').fill('order:CustomerNumber');
    await page.getByTestId('save-fields').click();
    await page.waitForURL(/\/mappings\/fields\?c=default$/);
    await expect(page.locator('.flash').first().textContent()).resolves.toMatch(/Field mapping saved/);
    await expect(page.locator('#f-customField2').inputValue()).resolves.toBe('order:PurchaseOrderNumber');
    expect((await d.app.store.connections.getByName('default'))?.settings.fields).toEqual({
      customField1: null,
      customField2: { from: 'order', name: 'PurchaseOrderNumber' },
      giftMessage: { from: 'order_optional', name: 'GIFTMSG' },
    });
    expect(pageErrors).toEqual([]);
  });
});
