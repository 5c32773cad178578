import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { totpCodeAt } from '../../src/services/auth/totp-code.ts';
import { startTestServer } from '../support/kedang.ts';
import { browserAvailable, ensureWebBuilt, launchBrowser, shot, webRoot, type WebBrowser } from '../support/web.ts';

const available = browserAvailable();
const see = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible' });

/**
 * The web app and the API docs under the real CSP (no violation reported by Chromium), and the
 * browser side of CSRF tokens, two-step verification and the session list.
 */
describe.skipIf(!available)('security in the browser', { timeout: 45_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: WebBrowser;
  let page: Page;
  let offset = 0;
  const violations: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite', { webRoot, fastPasswords: true });
    server.deps.clock = () => new Date(Date.now() + offset);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the API docs under the CSP', async () => {
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .opblock').first().waitFor({ state: 'visible' });
    await see(page, '/api/v1/customers');
    await shot(page, 'security-01-api-docs');
    expect(violations).toEqual([]);
  });

  it('signs an admin in, warns until two-step verification is on, and enrols with the key', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('admin-pass-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/customers$/);
    await see(page, '管理员账号尚未开启两步验证');
    // a write from the page carries the CSRF token (the cookie is readable, the header is sent)
    const cookies = await browser.context.cookies();
    expect(cookies.find((c) => c.name === 'kedang_session')?.httpOnly).toBe(true);
    expect(cookies.find((c) => c.name === 'kedang_csrf')?.httpOnly).toBe(false);

    await page.getByRole('button', { name: '立即开启' }).click();
    await page.waitForURL(/\/account$/);
    await see(page, '当前设备');
    await page.getByRole('button', { name: '开启两步验证' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.locator('[data-testid="totp-card"] canvas').waitFor({ state: 'visible' });
    await shot(page, 'security-02-totp-setup');
    await page.getByLabel('输入 App 显示的 6 位验证码以确认').fill(totpCodeAt(secret, new Date(Date.now() + offset)));
    await page.getByRole('button', { name: '确认开启' }).click();
    await see(page, '两步验证已开启');
    await page.getByTestId('totp-banner').waitFor({ state: 'hidden' });
    await see(page, /已开启：登录时需要输入/);

    // sign out, then in with password and code
    await page.getByTestId('account-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('admin-pass-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await see(page, '此账号已开启两步验证');
    offset += 30_000; // the enrolment code is spent; the app shows the next one
    await page.getByLabel('动态验证码').fill('000000');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await see(page, '动态验证码不正确或已使用过');
    await page.getByLabel('动态验证码').fill(totpCodeAt(secret, new Date(Date.now() + offset)));
    await shot(page, 'security-03-totp-sign-in');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL(/\/customers$/);
    await see(page, '集中管理个人与企业客户的完整档案');
    expect(await page.getByTestId('totp-banner').count()).toBe(0);
    expect(violations).toEqual([]);
  });

  it('lists the sessions and signs another device out', async () => {
    // a second device: the same account signed in through the API
    const other = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1' },
      body: JSON.stringify({ username: 'admin', password: 'admin-pass-1' }),
    });
    const { challenge } = (await other.json()) as { challenge: string };
    offset += 30_000;
    const second = await fetch(`${server.url}/api/v1/auth/sign-in/totp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/17.5 Mobile/15E148 Safari/604.1' },
      body: JSON.stringify({ challenge, code: totpCodeAt((await server.deps.secrets.open((await server.deps.db.users.findByUsername('admin'))!.totpSecret!)), new Date(Date.now() + offset)) }),
    });
    expect(second.status).toBe(200);
    await page.goto('/account');
    await see(page, 'Safari · iOS');
    await shot(page, 'security-04-sessions');
    const row = page.locator('tr', { hasText: 'Safari · iOS' });
    await row.getByRole('button', { name: /下\s*线/ }).click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await see(page, '该设备已退出登录');
    await page.locator('tr', { hasText: 'Safari · iOS' }).waitFor({ state: 'detached' });
    expect(violations).toEqual([]);
  });
});
