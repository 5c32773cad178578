import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from '../support/http-client.ts';
import { startTestServer } from '../support/kedang.ts';
import { browserAvailable, ensureWebBuilt, launchBrowser, shot, signInThroughPage, webRoot, type WebBrowser } from '../support/web.ts';

/** Throws under CI=true when Chromium is missing, so the suite fails instead of skipping. */
const available = browserAvailable();

const see = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible' });
const password = 'access-pass-1';

/** Signs in through the page; the previous user's cookies go first, as on a shared office PC. */
async function signIn(b: WebBrowser, username: string, pass = password) {
  await b.context.clearCookies();
  await signInThroughPage(b.page, username, pass);
}

/** The names in the customer table, in page order. */
const listedNames = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row a[href^="/customers/"]').allInnerTexts();

/**
 * Scopes, masking and partner sharing as users meet them: each role sees only its customers, sensitive
 * numbers masked; an admin shares chosen fields with a partner, the partner's link shows exactly those,
 * and stops working the moment the share is revoked.
 */
describe.skipIf(!available)('access control and sharing in the browser', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: WebBrowser;
  let page: Page;
  let admin: ReturnType<typeof apiClient>;
  const customer: Record<string, number> = {};

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite', { webRoot, fastPasswords: true });
    admin = apiClient(server.url);
    await admin.signIn();
    const dept = async (name: string, parentId?: number) => (await admin.post('/api/v1/departments', { name, parentId })).body.id as number;
    const east = await dept('华东大区');
    const hangzhou = await dept('杭州分部', east);
    const south = await dept('华南大区');
    const user: Record<string, number> = {};
    for (const [username, displayName, role, departmentId] of [
      ['xiaoli', '李晓', 'sales', hangzhou],
      ['xiaowang', '王芳', 'sales', hangzhou],
      ['zhangjl', '张经理', 'manager', east],
      ['chen', '陈南', 'sales', south],
    ] as const) {
      const r = await admin.post('/api/v1/users', { username, displayName, password, role, departmentId });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      user[username] = r.body.id;
    }
    const make = async (key: string, name: string, owner: string, departmentId: number, extra: Record<string, unknown> = {}) => {
      const r = await admin.post('/api/v1/customers', { kind: 'individual', name, ownerId: user[owner], departmentId, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      customer[key] = r.body.id;
    };
    await make('li1', '周建国', 'xiaoli', hangzhou, { idCardNo: '11010519491231002X', mobile: '13800138000', email: 'zhoujg@example.com', province: '浙江省', city: '杭州市' });
    await make('li2', '吴秀英', 'xiaoli', hangzhou, { mobile: '13900139000', email: 'wuxy@example.com', province: '浙江省', city: '宁波市' });
    await make('wang1', '郑海涛', 'xiaowang', hangzhou, { mobile: '13700137000' });
    await make('east1', '孙丽华', 'zhangjl', east);
    await make('south1', '冯志强', 'chen', south, { mobile: '13600136000' });
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a sales user only their own customers, the ID card masked, and another customer as not found', async () => {
    await signIn(browser, 'xiaoli');
    await see(page, '共 2 条');
    expect((await listedNames(page)).sort()).toEqual(['吴秀英', '周建国']);
    await shot(page, 'access-01-sales-list');

    await page.getByRole('link', { name: '周建国' }).click();
    await page.waitForURL(new RegExp(`/customers/${customer.li1}$`));
    await see(page, '110***********002X');
    expect(await page.getByText('11010519491231002X').count()).toBe(0);
    await shot(page, 'access-02-sales-masked');

    await page.goto(`/customers/${customer.wang1}`);
    await see(page, '客户不存在或已被删除');
    expect(await page.getByText('郑海涛').count()).toBe(0);
    await shot(page, 'access-03-sales-not-found');
  });

  it('shows a manager the customers of their department and those below it, not another region', async () => {
    await signIn(browser, 'zhangjl');
    await see(page, '共 4 条');
    expect((await listedNames(page)).sort()).toEqual(['吴秀英', '周建国', '孙丽华', '郑海涛'].sort());
    expect(await page.getByText('冯志强').count()).toBe(0);
    await shot(page, 'access-04-manager-list');
    await page.goto(`/customers/${customer.south1}`);
    await see(page, '客户不存在或已被删除');
  });

  it('lets a sales user share a customer with a colleague, shows the share on the page, and the colleague finds it', async () => {
    await signIn(browser, 'xiaoli');
    await page.goto(`/customers/${customer.li1}`);
    await page.getByTestId('share-button').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('combobox', { name: '同事' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '王芳 (xiaowang)' }).click();
    await drawer.getByLabel('备注').fill('协助跟进续约');
    await drawer.getByRole('button', { name: /共\s*享/ }).click();
    await see(page, /已共享 · 王芳/);
    await drawer.getByTestId('share-row').filter({ hasText: '王芳' }).waitFor();
    await shot(page, 'access-05a-internal-share');
    await page.keyboard.press('Escape');
    await page.getByTestId('share-button').filter({ hasText: '共享（1）' }).waitFor();

    await signIn(browser, 'xiaowang');
    await see(page, '共 2 条');
    expect((await listedNames(page)).sort()).toEqual(['周建国', '郑海涛'].sort());
  });

  it('lets an admin save a custom role copied from a built-in one', async () => {
    await signIn(browser, 'admin', 'admin-pass-1');
    await page.getByRole('menuitem', { name: '角色与权限' }).click();
    await page.waitForURL(/\/admin\/roles$/);
    const sales = page.locator('.ant-table-row', { hasText: 'sales' }).first();
    await sales.getByRole('button', { name: '复制为自定义角色' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('角色标识').fill('sales_east');
    await drawer.getByLabel('中文名称').fill('华东销售');
    await shot(page, 'access-05-role-editor');
    await page.getByTestId('role-form-submit').click();
    await see(page, '角色“华东销售”已创建');
    await page.locator('.ant-table-row', { hasText: 'sales_east' }).waitFor();
    type Grants = { records: Record<string, string>; system: string[]; fields: Record<string, string> };
    const roles = (await admin.get('/api/v1/roles')).body as { key: string; grants: Grants }[];
    // the editor writes every action out, 'none' included; what it grants is the built-in role's
    const granted = (g: Grants | undefined) => g && { ...g, records: Object.fromEntries(Object.entries(g.records).filter(([, s]) => s !== 'none')) };
    expect(granted(roles.find((r) => r.key === 'sales_east')?.grants)).toEqual(granted(roles.find((r) => r.key === 'sales')?.grants));
  });

  it('shares chosen fields with a partner, shows them on the portal, logs the visit, and ends the link at revocation', async () => {
    // a partner, added in the page
    await page.getByRole('menuitem', { name: '合作伙伴共享' }).click();
    await page.waitForURL(/\/sharing\/partners$/);
    await page.getByTestId('partner-add').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('顺丰速运（杭州）');
    await dialog.getByLabel('联系人').fill('刘主管');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await see(page, '合作伙伴“顺丰速运（杭州）”已添加');

    // two customers picked on the list
    await page.getByRole('menuitem', { name: '客户档案' }).click();
    await page.waitForURL(/\/customers$/);
    for (const name of ['周建国', '吴秀英']) await page.locator('.ant-table-row', { hasText: name }).locator('.ant-checkbox-input').check();
    await see(page, '已选 2 位客户');
    await page.getByTestId('share-selection').click();
    const wizard = page.getByRole('dialog');
    await wizard.getByLabel('合作伙伴').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '顺丰速运（杭州）' }).click();
    await wizard.getByLabel('标题').fill('年度礼品寄送名单');
    await wizard.getByLabel('用途').fill('委托顺丰为以下客户寄送年度礼品，仅用于本次寄送');
    await page.getByTestId('wizard-next').click();
    await see(page, '周建国（');
    await see(page, '吴秀英（');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('field-mobile').check(); // sensitive: masked when ticked
    await page.getByTestId('field-kind').uncheck();
    expect(await page.getByTestId('mask-mobile').getAttribute('aria-checked')).toBe('true');
    await see(page, /将向“顺丰速运（杭州）”共享 2 位客户，共 5 个字段/);
    await shot(page, 'access-06-share-fields');
    await page.getByTestId('wizard-create').click();

    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/portal/kps_`));
    await see(page, '此链接只显示这一次');
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    await page.getByTestId('share-link').hover(); // waits until the dialog stops moving
    await shot(page, 'access-07-share-link');
    await page.getByTestId('share-link-done').click();
    expect(await page.getByTestId('selection-bar').count()).toBe(0); // shared: the selection is done with

    // the partner opens it in a browser that never signed in
    const partner = await launchBrowser({ baseURL: server.url });
    try {
      await partner.page.goto(link);
      await partner.page.getByTestId('portal-table').waitFor();
      await see(partner.page, '顺丰速运（杭州）');
      await see(partner.page, '共 2 位客户');
      const headers = await partner.page.locator('[data-testid="portal-table"] thead th').allInnerTexts();
      expect(headers.map((h) => h.trim())).toEqual(['客户编码', '名称', '省份', '城市', '手机号']);
      const body = await partner.page.locator('[data-testid="portal-table"] tbody').innerText();
      expect(body).toContain('周建国');
      expect(body).toContain('138****8000');
      expect(body).not.toContain('13800138000');
      expect(body).not.toContain('zhoujg@example.com'); // e-mail was not shared
      expect(body).not.toContain('个人'); // nor the kind
      expect(await partner.page.getByTestId('portal-download').count()).toBe(0); // download not allowed
      expect(await partner.page.getByTestId('account-menu').count()).toBe(0); // no app frame
      await shot(partner.page, 'access-08-portal');

      // back in the app: the visit is logged, then the share is revoked
      await page.getByRole('menuitem', { name: '合作伙伴共享' }).click();
      const row = page.locator('.ant-table-row', { hasText: '年度礼品寄送名单' });
      await row.getByText('生效中').waitFor();
      await row.getByRole('button', { name: /访问记录/ }).click();
      const log = page.getByTestId('access-log');
      await log.locator('.ant-table-row', { hasText: '查看' }).waitFor();
      expect(await log.innerText()).toContain('Chrome · Linux');
      await log.locator('.ant-table-row').first().hover(); // waits until the drawer stops moving
      await shot(page, 'access-09-access-log');
      await page.keyboard.press('Escape');
      await row.getByRole('button', { name: /撤\s*销/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s*销/ }).click();
      await see(page, '共享已撤销，链接已失效');
      await row.getByText('已撤销').waitFor();
      await shot(page, 'access-10-revoked');

      await partner.page.reload();
      await partner.page.getByTestId('portal-invalid').waitFor();
      await see(partner.page, '链接无效或已失效');
      expect(await partner.page.getByText('周建国').count()).toBe(0);
      await shot(partner.page, 'access-11-portal-revoked');
    } finally {
      await partner.close();
    }
  });
  it('shares a saved filter with a partner: the portal shows whoever matches it', async () => {
    await page.goto('/customers?q=%E5%90%B4'); // 吴
    await see(page, '共 1 条');
    await page.getByTestId('save-filter').click();
    await page.getByRole('dialog').getByLabel('筛选名称').fill('吴姓客户');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await see(page, '筛选“吴姓客户”已保存');

    await page.goto('/sharing/partners');
    await page.getByTestId('partner-share-new').click();
    const wizard = page.getByRole('dialog');
    await wizard.getByLabel('合作伙伴').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '顺丰速运（杭州）' }).click();
    await wizard.getByLabel('标题').fill('吴姓客户回访');
    await wizard.getByLabel('用途').fill('电话回访满意度');
    await page.getByTestId('wizard-next').click();
    await wizard.getByText('使用保存的筛选').click();
    await wizard.getByRole('combobox', { name: '使用保存的筛选' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '吴姓客户' }).click();
    await page.getByTestId('wizard-next').click();
    await see(page, /共享 筛选：吴姓客户，共 5 个字段/);
    await page.getByTestId('wizard-create').click();
    const link = await page.getByTestId('share-link').inputValue();
    await page.getByTestId('share-link-done').click();
    await page.locator('.ant-table-row', { hasText: '吴姓客户回访' }).getByText('筛选：吴姓客户').waitFor();

    const portal = await fetch(`${server.url}/api/portal/${link.split('/portal/')[1]}`);
    const body = (await portal.json()) as { items: { name: string }[] };
    expect(body.items.map((c) => c.name)).toEqual(['吴秀英']);
  });

  it('shows a partner the portal in English with a download when allowed, and an unknown link as invalid', async () => {
    const partnerId = (await admin.post('/api/v1/partners', { name: 'Hangzhou Gifts Ltd' })).body.id;
    const expiresOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const share = await admin.post('/api/v1/partner-shares', {
      partnerId, title: 'Spring mailing', purpose: 'Send the spring catalogue', customerIds: [customer.li1], fields: ['name', 'idCardNo', 'email'], maskedFields: ['idCardNo'], allowDownload: true, expiresOn,
    });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    const partner = await launchBrowser({ baseURL: server.url });
    try {
      await partner.page.goto(share.body.portalPath);
      await partner.page.getByTestId('portal-table').waitFor();
      await partner.page.getByTestId('language-switch').click(); // the app starts in Chinese
      await see(partner.page, 'Shared with');
      const headers = await partner.page.locator('[data-testid="portal-table"] thead th').allInnerTexts();
      expect(headers.map((h) => h.trim())).toEqual(['Name', 'ID card number', 'E-mail']);
      const body = await partner.page.locator('[data-testid="portal-table"] tbody').innerText();
      expect(body).toContain('110***********002X');
      expect(body).toContain('zhoujg@example.com'); // shared in full, as chosen
      const download = partner.page.getByTestId('portal-download');
      expect(await download.innerText()).toContain('Download CSV');
      const csv = await fetch(new URL((await download.getAttribute('href')) ?? '', server.url));
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(await csv.text()).toContain('110***********002X');
      await shot(partner.page, 'access-12-portal-english');

      await partner.page.goto('/portal/kps_not-a-real-link');
      await partner.page.getByTestId('portal-invalid').waitFor();
      await see(partner.page, 'This link is invalid or no longer works');
      expect(await partner.page.getByTestId('account-menu').count()).toBe(0);
    } finally {
      await partner.close();
    }
  });
});
