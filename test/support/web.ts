import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webRoot = path.join(repoRoot, 'dist/web');
export const chromiumPath = '/usr/bin/chromium';
export const shotsDir = '/tmp/kedang-shots';

/**
 * Whether the browser suite can run here. Under CI=true a missing Chromium is a failure with a clear
 * message (never a silent skip); on a developer machine the suite is skipped with a warning.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(chromiumPath)) return true;
  const why = `${chromiumPath} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests`;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${why}`);
  console.warn(`Skipping browser tests: ${why}`);
  return false;
}

export type WebBrowser = { context: BrowserContext; page: Page; close: () => Promise<void> };

/** Headless Chromium with a fresh profile, so no cookie or localStorage leaks between runs. */
export async function launchBrowser(opts: { baseURL: string; locale?: string }): Promise<WebBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL: opts.baseURL,
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  // generous: in CI the browser shares two cores with the server and the PostgreSQL suites running beside it
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page as a person would and waits for the customer list. */
export async function signInThroughPage(page: Page, username: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/customers$/);
}

/** Saves a full-page screenshot to /tmp/kedang-shots/<name>.png for a person to look at (not in CI unless KEDANG_SHOTS=1). */
export async function shot(page: Page, name: string) {
  if (process.env.CI === 'true' && process.env.KEDANG_SHOTS !== '1') return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** Builds dist/web when the web or domain sources are newer (scripts/build-web.js is plain JS, hence the cast). */
export async function ensureWebBuilt(opts: { force?: boolean } = {}): Promise<boolean> {
  const href = new URL('../../scripts/build-web.js', import.meta.url).href;
  const mod = (await import(href)) as { ensureWebBuilt: (o?: { force?: boolean }) => Promise<boolean> };
  return mod.ensureWebBuilt(opts);
}
