import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const CI = process.env.CI === 'true';

/**
 * Browser tests drive Debian's chromium. Without it they skip with a message, except under CI=true, where
 * they run (and fail at launch): CI installs chromium, so a missing one there is a broken build.
 */
export const browserAvailable = existsSync(CHROMIUM);
export const skipBrowser = !browserAvailable && !CI;
if (skipBrowser) {
  process.stderr.write(
    `\n[skip] ${CHROMIUM} is not installed, so the dashboard browser tests are skipped (apt-get install chromium to run them; under CI=true they are required).\n`,
  );
}

/** Headless chromium with the developers' launch flags and a fresh profile directory. */
export async function launchBrowser(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mlc-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 800 },
  });
}

export const SCREENSHOT_DIR = resolve('docs/screenshots');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** Whether the page scrolls sideways (the acceptance bar: it must not, at either size). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  // A string, evaluated in the page: the project compiles without the DOM library.
  return page.evaluate(
    '({ scrollWidth: (document.scrollingElement || document.documentElement).scrollWidth, viewport: window.innerWidth })',
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
