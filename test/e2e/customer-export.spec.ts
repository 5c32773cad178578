import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient } from '../support/http-client.ts';
import { startTestServer } from '../support/kedang.ts';
import { browserAvailable, ensureWebBuilt, launchBrowser, shot, webRoot, type WebBrowser, signInThroughPage } from '../support/web.ts';

const available = browserAvailable();

describe.skipIf(!available)('customer export in the browser', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: WebBrowser;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite', { webRoot });
    const api = apiClient(server.url);
    await api.signIn();
    for (const [name, province] of [
      ['杭州云帆科技有限公司', '浙江省'],
      ['=恶意公式', '浙江省'],
      ['南京客户', '江苏省'],
    ]) expect((await api.post('/api/v1/customers', { kind: 'organization', name, province, mobile: '13800138000' })).status).toBe(201);
    browser = await launchBrowser({ baseURL: server.url });
    page = browser.page;
    await signInThroughPage(page, 'admin', 'admin-pass-1');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('exports the filtered list with the chosen columns as CSV', async () => {
    await page.goto(`/customers?province=${encodeURIComponent('浙江省')}`);
    await page.getByTestId('export-customers').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('按当前筛选条件导出 2 位客户').waitFor();
    const columns = dialog.getByTestId('export-columns');
    // keep code and name, add nothing else: untick the other defaults
    for (const label of ['客户类型', '客户阶段', '负责人', '手机', '邮箱', '省份', '城市', '行业', '标签', '创建时间']) await columns.getByLabel(label, { exact: true }).uncheck();
    await dialog.getByText('CSV', { exact: true }).click();
    await shot(page, 'export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-start').click()]);
    expect(download.suggestedFilename()).toMatch(/^客户导出-\d{8}-\d{4}\.csv$/);
    const rows = parse(fs.readFileSync((await download.path())!, 'utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['客户编号', '客户名称']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['杭州云帆科技有限公司', "'=恶意公式"]);
  });
});
