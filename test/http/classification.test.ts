import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';

/*
 * A margin scheme over HTTP: the proof before publishing, bad edits refused with field paths in both
 * languages, a refused overlapping draft that names the customers, a run in the background after a new
 * purchase, a timeline that explains the move, manual placement and the customer list filter.
 */

const C = '/api/v1/classification';
const asOf = '2026-11-30';
const margin = (min: number | null, max: number | null) => ({ kind: 'range', criterion: 'grossMarginPct', min, max, minInclusive: true, maxInclusive: false });
const definition = {
  levels: [{ codeLength: 2, criterion: 'grossMarginPct' }],
  categories: [
    { key: 'high', parentKey: null, code: '01', nameZh: '高盈利', nameEn: 'High margin', rule: margin(30, null) },
    { key: 'fair', parentKey: null, code: '02', nameZh: '合理盈利', nameEn: 'Fair margin', rule: margin(10, 30) },
    { key: 'thin', parentKey: null, code: '03', nameZh: '微盈利', nameEn: 'Thin margin', rule: margin(0, 10) },
    { key: 'loss', parentKey: null, code: '04', nameZh: '亏损', nameEn: 'Loss', rule: margin(null, 0) },
    { key: 'none', parentKey: null, code: '98', nameZh: '无成本数据', nameEn: 'No cost data', rule: { kind: 'missing', criterion: 'grossMarginPct' } },
  ],
};

describe.each(testEngines())('classification over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  const ids: Record<string, number> = {};
  const codes: Record<string, string> = {};

  const buyer = async (name: string, amountFen: number, costFen: number | null) => {
    const c = await api.post('/api/v1/customers', { kind: 'organization', name, stage: 'active' });
    expect(c.status).toBe(201);
    ids[name] = c.body.id;
    codes[name] = c.body.code;
    if (costFen !== null) {
      const p = await api.post(`/api/v1/customers/${c.body.id}/purchases`, { orderNo: `SO-${name}`, orderedOn: '2026-10-01', amountFen, costFen });
      expect(p.status).toBe(201);
    }
  };
  const waitForRun = async (runId: number) => {
    for (;;) {
      const r = await api.get(`${C}/runs/${runId}`);
      expect(r.status).toBe(200);
      if (r.body.status !== 'running') return r.body;
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  const classOf = async (name: string) => (await api.get(`/api/v1/customers/${ids[name]}/classes`)).body.find((c: { scheme: { key: string } }) => c.scheme.key === 'margin');

  beforeAll(async () => {
    server = await startTestServer(engine, { fastPasswords: true, env: { KEDANG_CLASSIFY_CRON: 'off' } });
    api = apiClient(server.url);
    await api.signIn();
    await buyer('甲公司', 100_000, 60_000); // 40 %
    await buyer('乙公司', 100_000, 80_000); // 20 %
    await buyer('丙公司', 100_000, 95_000); // 5 %
    await buyer('丁公司', 0, null); // no purchases
  });
  afterAll(() => server?.close());

  it('proves a draft, publishes it and shows each customer its class and why', async () => {
    const created = await api.post(`${C}/schemes`, { key: 'margin', nameZh: '盈利能力', nameEn: 'Profitability', definition });
    expect(created.status).toBe(201);
    expect(created.body.draft.codingRule).toBe('2');

    const report = await api.post(`${C}/schemes/margin/draft/validate`, { asOf });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ publishable: true, data: { customers: 4, uncovered: { count: 0 }, overlapping: { count: 0 } } });
    // nobody makes a loss: a redundant class, reported but not blocking
    expect(report.body.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'empty_category', message: expect.stringContaining('亏损') })]);

    const published = await api.post(`${C}/schemes/margin/draft/publish`, { asOf, note: 'first' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, customers: 4 });

    const dist = await api.get(`${C}/schemes/margin/distribution`);
    expect(Object.fromEntries(dist.body.categories.map((c: { key: string; count: number }) => [c.key, c.count]))).toEqual({ high: 1, fair: 1, thin: 1, loss: 0, none: 1 });

    const a = await classOf('甲公司');
    expect(a).toMatchObject({ category: { key: 'high', code: '01', nameZh: '高盈利' }, source: 'rule', scheme: { version: 1 } });
    expect(a.why).toEqual([expect.objectContaining({ criterion: 'grossMarginPct', value: 40, displayZh: '40%', ruleZh: '毛利率 ≥ 30%' })]);

    const listed = await api.get(`/api/v1/customers?category=margin:01`);
    expect(listed.body.items.map((c: { name: string }) => c.name)).toEqual(['甲公司']);
    const bad = await api.get(`/api/v1/customers?category=margin`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toEqual(['category']);
  });

  it('refuses bad edits with the field and a message in Chinese and English, leaving the draft as it was', async () => {
    const edit = (body: unknown) => api.post(`${C}/schemes/margin/draft/edits`, body);
    expect((await edit({ op: 'addLevel', codeLength: 2, criterion: 'kind' })).status).toBe(200);
    const child = await edit({ op: 'addCategory', parentKey: 'high', key: 'high-org', nameZh: '高盈利组织', rule: { kind: 'values', criterion: 'kind', values: ['organization'] } });
    expect(child.status).toBe(200);
    expect(child.body.definition.categories.find((c: { key: string }) => c.key === 'high-org').code).toBe('0101');

    const cases: [unknown, number, (string | number)[], string, RegExp, RegExp][] = [
      [{ op: 'moveCategory', key: 'high', parentKey: 'high-org' }, 400, ['parentKey'], 'category_cycle', /循环/, /cycle/],
      [{ op: 'setRule', key: 'fair', rule: { kind: 'range', criterion: 'recencyDays', min: 0, max: 30 } }, 400, ['categories', 'fair', 'rule'], 'rule_off_level_criterion', /每一级只能用一个分类依据/, /each level uses one criterion/],
      [{ op: 'setRule', key: 'fair', rule: { kind: 'range', criterion: 'noSuchMetric', min: 0, max: 30 } }, 400, ['categories', 'fair', 'rule'], 'unknown_criterion', /noSuchMetric/, /does not exist/],
      [{ op: 'recodeCategory', key: 'fair', code: '123' }, 400, ['categories', 'fair', 'code'], 'bad_category_code', /编码方案 2-2/, /coding rule 2-2/],
      [{ op: 'deleteCategory', key: 'fair' }, 400, ['reassignTo'], 'category_in_use', /1 位客户/, /1 customer/],
    ];
    for (const [body, status, path, code, zh, en] of cases) {
      api.useLanguage('zh-CN');
      const r = await edit(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.issues[0]).toMatchObject({ path, code });
      expect(r.body.error.issues[0].message).toMatch(zh);
      api.useLanguage('en');
      expect((await edit(body)).body.error.issues[0].message).toMatch(en);
    }
    api.useLanguage('zh-CN');
    const draft = (await api.get(`${C}/schemes/margin`)).body.draft.definition;
    expect(draft.categories.find((c: { key: string }) => c.key === 'fair')).toMatchObject({ code: '02', rule: margin(10, 30) });

    // deleting with a place for its customers is fine (they move on publish); then the draft is thrown away
    expect((await edit({ op: 'deleteCategory', key: 'fair', reassignTo: 'thin' })).status).toBe(200);
    expect((await api.delete(`${C}/schemes/margin/draft`)).status).toBe(204);
  });

  it('refuses to publish an overlapping draft, naming the customers both siblings match, and changes nothing', async () => {
    expect((await api.post(`${C}/schemes/margin/draft/edits`, { op: 'setRule', key: 'fair', rule: margin(5, 30) })).status).toBe(200);
    const report = await api.post(`${C}/schemes/margin/draft/validate`, { asOf });
    expect(report.body.publishable).toBe(false);
    expect(report.body.issues.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['class_overlap', 'customers_overlap', 'customer_overlap']));
    expect(report.body.data.overlapping.examples).toEqual([expect.objectContaining({ code: codes['丙公司'], name: '丙公司' })]);

    const preview = await api.post(`${C}/schemes/margin/draft/preview`, { asOf });
    expect(preview.body).toMatchObject({ liveVersion: 1, version: 2, publishable: false });

    const refused = await api.post(`${C}/schemes/margin/draft/publish`, { asOf });
    expect(refused.status).toBe(409);
    const overlapIssue = refused.body.error.issues.find((i: { code: string }) => i.code === 'customer_overlap');
    expect(overlapIssue.message).toContain(`${codes['丙公司']} 丙公司 同时符合“合理盈利”和“微盈利”`);
    const scheme = (await api.get(`${C}/schemes/margin`)).body;
    expect(scheme.scheme.publishedVersion).toBe(1);
    expect((await classOf('丙公司')).category.key).toBe('thin');
    const runs = (await api.get(`${C}/runs`)).body.items;
    expect(runs[0]).toMatchObject({ kind: 'publish', status: 'failed' });
    expect((await api.delete(`${C}/schemes/margin/draft`)).status).toBe(204);
  });

  it('moves a customer after a new purchase in a background run and explains it in the timeline', async () => {
    const p = await api.post(`/api/v1/customers/${ids['甲公司']}/purchases`, { orderNo: 'SO-big', orderedOn: '2026-11-20', amountFen: 1_000_000, costFen: 990_000 });
    expect(p.status).toBe(201);
    const started = await api.post(`${C}/runs`, { mode: 'incremental', asOf });
    expect(started.status).toBe(202);
    const run = await waitForRun(started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', kind: 'incremental' });
    expect((await classOf('甲公司')).category.key).toBe('thin');

    const timeline = await api.get(`/api/v1/customers/${ids['甲公司']}/class-changes`);
    expect(timeline.body.items[0]).toMatchObject({ fromKey: 'high', toKey: 'thin', cause: 'rule', schemeVersion: 1, schemeKey: 'margin' });
    expect(timeline.body.items[0].summaryZh).toMatch(/高盈利 → 微盈利：毛利率 40% → 4\.55%，方案 v1$/);
    expect(timeline.body.items[0].summaryEn).toMatch(/高盈利 → 微盈利: gross margin 40% → 4\.55%, scheme v1$/);

    const moves = await api.get(`${C}/changes?scheme=margin&from=high&to=thin&since=2026-01-01`);
    expect(moves.body.items.map((m: { customer: { name: string } }) => m.customer.name)).toEqual(['甲公司']);
  });

  it('places a customer by hand with a reason, and hands it back to the rules', async () => {
    const noReason = await api.put(`/api/v1/customers/${ids['乙公司']}/classes/margin`, { categoryKey: 'high' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toEqual(['reason']);
    const put = await api.put(`/api/v1/customers/${ids['乙公司']}/classes/margin`, { categoryKey: 'high', reason: '战略客户，按高盈利管理' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ source: 'manual', reason: '战略客户，按高盈利管理', category: { key: 'high' } });

    // a run keeps the manual placement
    await waitForRun((await api.post(`${C}/runs`, { asOf })).body.runId);
    expect((await classOf('乙公司')).source).toBe('manual');

    const cleared = await api.raw('DELETE', `/api/v1/customers/${ids['乙公司']}/classes/margin`);
    expect(cleared.body.cleared).toBe(true);
    await waitForRun(cleared.body.runId);
    expect(await classOf('乙公司')).toMatchObject({ source: 'rule', category: { key: 'fair' } });
    const history = (await api.get(`/api/v1/customers/${ids['乙公司']}/class-changes`)).body.items.map((i: { cause: string }) => i.cause);
    expect(history).toEqual(['override_expired', 'manual']);
  });

  it('lets salespeople read classes but not edit schemes, publish, run or place customers; audits what managers did', async () => {
    expect((await api.post('/api/v1/users', { username: 'wangfang', displayName: '王芳', password: 'sales-pass-123', role: 'sales' })).status).toBe(201);
    const sales = apiClient(server.url);
    await sales.signIn('wangfang', 'sales-pass-123');
    expect((await sales.get(`${C}/schemes`)).status).toBe(200);
    expect((await sales.get(`${C}/criteria`)).status).toBe(200);
    expect((await sales.post(`${C}/schemes/margin/draft/edits`, { op: 'setRule', key: 'fair', rule: margin(5, 30) })).status).toBe(403);
    expect((await sales.post(`${C}/schemes/margin/draft/publish`, { asOf })).status).toBe(403);
    expect((await sales.post(`${C}/runs`, { asOf })).status).toBe(403);
    expect((await sales.put(`/api/v1/customers/${ids['丙公司']}/classes/margin`, { categoryKey: 'high', reason: '试试' })).status).toBe(403);
    // a customer outside a salesperson's own records does not exist for them, nor do its classes
    expect((await sales.get(`/api/v1/customers/${ids['丙公司']}/classes`)).status).toBe(404);
    expect((await sales.get(`${C}/schemes/margin/distribution`)).body.total).toBe(0);

    const actions = async (action: string) => (await api.get(`/api/v1/audit?action=${action}`)).body.total;
    expect(await actions('classification.scheme_created')).toBe(1);
    expect(await actions('classification.draft_edited')).toBeGreaterThanOrEqual(3);
    expect(await actions('classification.published')).toBe(1);
    expect(await actions('classification.override_set')).toBe(1);
    expect(await actions('classification.override_cleared')).toBe(1);
    expect(await actions('classification.run_completed')).toBeGreaterThanOrEqual(3);
  });
});
