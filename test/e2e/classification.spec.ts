import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from '../support/http-client.ts';
import { startTestServer } from '../support/kedang.ts';
import { browserAvailable, ensureWebBuilt, launchBrowser, shot, webRoot, type WebBrowser, signInThroughPage } from '../support/web.ts';

/*
 * The classification screens in Chromium: install a preset, prove it (and see an overlapping rule
 * refused with the customers it catches), publish, read the distribution, then follow one customer
 * whose new purchase moves it from 高盈利 to 微盈利 — badge, "why" and timeline. Data goes in through the API.
 */

const available = browserAvailable();
const see = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible' });

describe.skipIf(!available)('classification in the browser', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: WebBrowser;
  let page: Page;
  let api: ReturnType<typeof apiClient>;
  const ids: Record<string, number> = {};

  const buyer = async (name: string, amountFen: number, costFen: number) => {
    const c = await api.post('/api/v1/customers', { kind: 'organization', name, stage: 'active' });
    expect(c.status).toBe(201);
    ids[name] = c.body.id;
    expect((await api.post(`/api/v1/customers/${c.body.id}/purchases`, { orderNo: `SO-${name}`, orderedOn: '2026-10-01', amountFen, costFen })).status).toBe(201);
  };
  /** The tree node of a category, by its code. */
  const node = (code: string) => page.getByTestId(`category-${code}`);

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite', { webRoot, env: { KEDANG_CLASSIFY_CRON: 'off' } });
    api = apiClient(server.url);
    await api.signIn();
    await buyer('甲贸易公司', 100_000, 60_000); // margin 40 %: 高盈利
    await buyer('乙贸易公司', 100_000, 80_000); // 20 %: 合理盈利
    await buyer('丙贸易公司', 100_000, 95_000); // 5 %: 微盈利
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await signInThroughPage(page, 'admin', 'admin-pass-1');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('installs the profit preset from the scheme list and shows its category tree with codes and rules', async () => {
    await page.getByRole('menuitem', { name: '客户分类' }).click();
    await page.waitForURL(/\/classification$/);
    await see(page, '发布前证明全覆盖、无重叠');
    await page.getByTestId('add-preset').click();
    await page.getByRole('menuitem', { name: /盈利能力/ }).click();
    await page.waitForURL(/\/classification\/profit$/);
    await see(page, /已添加方案“盈利能力”/);
    await node('01').waitFor();
    expect(await node('01').textContent()).toMatch(/01高盈利毛利率 ≥ 30%/);
    expect(await node('03').textContent()).toMatch(/微盈利毛利率 ≥ 0% 且 < 15%/);
    await see(page, '草稿 v1（未发布）');
    // nothing is live yet, so publishing waits for a passing validation
    expect(await page.getByTestId('scheme-publish').isDisabled()).toBe(true);
    await shot(page, 'c01-scheme-tree');
  });

  it('validates the draft: everyone covered once, the empty loss class reported as redundant', async () => {
    await page.getByTestId('scheme-validate').click();
    const report = page.getByTestId('validation-report');
    await report.waitFor();
    await see(page, '校验通过：每位客户都恰好落入一个末级分类，可以发布');
    expect(await page.getByTestId('report-redundant').textContent()).toContain('亏损');
    expect(await page.getByTestId('report-coverage').textContent()).toContain('没有问题');
    expect(await page.getByTestId('scheme-publish').isDisabled()).toBe(false);
    await shot(page, 'c02-validation-ok');
  });

  it('refuses an overlapping rule: the report names the customer both siblings catch and publishing stays disabled', async () => {
    await node('02').click();
    const editor = page.getByTestId('rule-editor');
    await editor.waitFor();
    await editor.getByRole('spinbutton').first().fill('3');
    await page.getByTestId('rule-save').click();
    await see(page, '规则已保存到草稿');
    await see(page, '合理盈利毛利率 ≥ 3% 且 < 30%');
    expect(await page.getByTestId('scheme-publish').isDisabled()).toBe(true);

    await page.getByTestId('scheme-validate').click();
    await see(page, /校验未通过/);
    const overlap = page.getByTestId('report-overlap');
    expect(await overlap.textContent()).toContain('丙贸易公司');
    expect(await overlap.textContent()).toMatch(/合理盈利.*微盈利|微盈利.*合理盈利/);
    expect(await page.getByTestId('scheme-publish').isDisabled()).toBe(true);
    await shot(page, 'c03-validation-overlap');

    await editor.getByRole('spinbutton').first().fill('15');
    await page.getByTestId('rule-save').click();
    await see(page, '合理盈利毛利率 ≥ 15% 且 < 30%');
  });

  it('publishes after a passing validation and draws the distribution', async () => {
    await page.getByTestId('scheme-validate').click();
    await see(page, '校验通过：每位客户都恰好落入一个末级分类，可以发布');
    await page.getByTestId('scheme-preview').click();
    const preview = page.getByTestId('preview-table');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/3 位客户.*生效版本 无 → 草稿 v1/);
    // nothing is live yet: every category is new, 0 before and its customers after
    expect(await preview.locator('.ant-table-row', { hasText: '高盈利' }).textContent()).toMatch(/^01高盈利01.*新增$/);
    await shot(page, 'c04a-preview');
    await page.getByTestId('scheme-publish').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /发\s*布/ }).click();
    await see(page, /已发布 v1：3 位客户已分类/);
    await see(page, '生效 v1');
    await page.getByTestId('distribution-bar').locator('canvas').waitFor();
    await see(page, '生效版本 v1，共 3 位客户（你可查看的范围内）');
    expect(await node('01').textContent()).toMatch(/1$/);
    await shot(page, 'c04-published-distribution');
    await page.getByRole('button', { name: '版本历史' }).click();
    await page.getByTestId('version-entry').first().waitFor();
    expect(await page.getByTestId('version-entry').first().textContent()).toMatch(/^v1 已发布创建于/);
    await shot(page, 'c04b-versions');
    await page.keyboard.press('Escape');
  });

  it('shows the class badge with its why, and explains the move after a new purchase in the timeline', async () => {
    // a big, thin-margin order: 甲's margin falls from 40 % to 4.55 %
    expect((await api.post(`/api/v1/customers/${ids['甲贸易公司']}/purchases`, { orderNo: 'SO-甲-2', orderedOn: '2026-11-20', amountFen: 1_000_000, costFen: 990_000 })).status).toBe(201);
    await page.goto('/classification');
    await page.getByTestId('run-incremental').click();
    await see(page, /分类运行 #\d+ 已开始/);
    await page.getByTestId('run-progress').locator('.ant-progress-status-success').waitFor();
    await shot(page, 'c05-run-done');

    await page.goto(`/customers/${ids['甲贸易公司']}`);
    const badge = page.getByTestId('class-badge-profit');
    await badge.waitFor();
    expect(await badge.textContent()).toContain('微盈利');
    await badge.hover();
    const why = page.getByTestId('class-why');
    await why.waitFor();
    expect(await why.textContent()).toMatch(/毛利率: 4\.55%.*毛利率 ≥ 0% 且 < 15%/);
    await shot(page, 'c06-badge-why');

    await page.getByRole('tab', { name: '分类历史' }).click();
    const latest = page.getByTestId('class-change').first();
    await latest.waitFor();
    expect(await latest.textContent()).toMatch(/高盈利 → 微盈利：毛利率 40% → 4\.55%，方案 v1/);
    await shot(page, 'c07-class-history');
  });

  it('places the customer by hand with a reason, shown on the badge and in the timeline', async () => {
    await page.getByTestId('class-override').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('当前按规则归入“微盈利”').waitFor();
    await dialog.getByTestId('override-category').click();
    await page.locator('.ant-select-tree-node-content-wrapper[title="02 合理盈利"]').click();
    await dialog.getByLabel('调整原因').fill('年度框架协议，毛利按合同价计');
    await shot(page, 'c07b-override');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await see(page, '分类已调整');
    const badge = page.getByTestId('class-badge-profit');
    await page.waitForFunction(() => document.querySelector('[data-testid="class-badge-profit"]')?.textContent?.includes('合理盈利'));
    await badge.hover();
    await see(page, '原因：年度框架协议，毛利按合同价计');
    const latest = page.getByTestId('class-change').first();
    await page.waitForFunction(() => document.querySelector('[data-testid="class-change"]')?.textContent?.includes('手工调整'));
    expect(await latest.textContent()).toMatch(/微盈利 → 合理盈利/);
  });

  it('answers who moved out of 高盈利, and where to', async () => {
    await page.goto('/classification/profit');
    await page.getByRole('tab', { name: '分类变动' }).click();
    const panel = page.getByTestId('moves-panel');
    await panel.waitFor();
    await panel.locator('.ant-select').first().click();
    await page.locator('.ant-select-tree-node-content-wrapper[title="01 高盈利"]').filter({ visible: true }).click();
    // the manual move 微盈利 → 合理盈利 leaves the list once the filter applies
    await panel.locator('.ant-table-row', { hasText: '手工调整' }).waitFor({ state: 'detached' });
    const row = panel.locator('.ant-table-row', { hasText: '甲贸易公司' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/高盈利 → 微盈利：毛利率 40% → 4\.55%/);
    expect(await panel.locator('.ant-table-row').count()).toBe(1);
    await shot(page, 'c07c-moves');
  });

  it('filters the customer list by a category', async () => {
    await page.goto('/customers?category=profit:03');
    await see(page, '共 1 条');
    await see(page, '丙贸易公司');
    expect(await page.getByText('甲贸易公司').count()).toBe(0);
    await see(page, '盈利能力 · 03 微盈利');
    await shot(page, 'c08-list-filter');
  });

  it('asks where customers go when a used category is deleted, reports the gap it leaves, and discards the draft', async () => {
    await page.goto('/classification/profit');
    await node('02').click();
    await page.getByTestId('category-delete').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/当前有 2 位客户在此分类/).waitFor();
    await dialog.getByRole('button', { name: /删\s*除/ }).click();
    await see(page, '请选择客户转入的末级分类');
    await dialog.getByTestId('reassign-target').click();
    await page.locator('.ant-select-tree-node-content-wrapper[title="03 微盈利"]').filter({ visible: true }).click();
    await shot(page, 'c08b-delete-reassign');
    await dialog.getByRole('button', { name: /删\s*除/ }).click();
    await see(page, '已删除分类“合理盈利”');
    await see(page, '草稿 v2（未发布）');
    expect(await node('02').count()).toBe(0);

    await page.getByTestId('scheme-validate').click();
    await see(page, /校验未通过/);
    expect(await page.getByTestId('report-coverage').textContent()).toContain('乙贸易公司');
    await shot(page, 'c08c-gap');

    await page.getByRole('button', { name: /放弃草稿/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /放弃草稿/ }).click();
    await see(page, '草稿已放弃');
    await node('02').waitFor();
    expect(await page.getByTestId('scheme-publish').isDisabled()).toBe(true);
  });

  it('builds a blank scheme by hand: a hand-filled category and a catch-all pass validation', async () => {
    await page.goto('/classification');
    await page.getByTestId('new-scheme').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('方案标识').fill('key-accounts');
    await dialog.getByLabel('中文名称').fill('重点客户名单');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/classification\/key-accounts$/);
    for (const name of ['重点客户', '其他客户']) {
      await page.getByRole('button', { name: /新增顶级分类/ }).click();
      await dialog.getByLabel('中文名称').fill(name);
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await see(page, `已新增分类“${name}”`);
      await dialog.waitFor({ state: 'hidden' });
    }
    expect(await node('01').textContent()).toMatch(/重点客户手工归类/);
    // the second one is selected after adding: make it the catch-all
    await page.getByTestId('rule-editor').locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="其余（兜底）"]').click();
    await page.getByTestId('rule-save').click();
    await see(page, '规则已保存到草稿');
    await page.getByTestId('scheme-validate').click();
    await see(page, '校验通过：每位客户都恰好落入一个末级分类，可以发布');
    await shot(page, 'c08d-blank-scheme');
  });

  it('reads the same screens in English', async () => {
    await page.getByTestId('language-switch').click();
    await page.goto('/classification/profit');
    await see(page, 'Live v1');
    await node('01').click();
    await see(page, 'Numeric range');
    await shot(page, 'c09-english');
    await page.getByTestId('language-switch').click();
  });
});
