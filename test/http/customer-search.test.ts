import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { expectApiError, hasChinese } from '../support/api-assertions.ts';

describe.each(testEngines())('customer search over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((c) => c.name);

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = apiClient(server.url);
    await api.signIn();
    for (const c of [
      { kind: 'individual', name: '李明朗', mobile: '13800138000' },
      { kind: 'individual', name: '曾明', mobile: '13900139000' },
      { kind: 'organization', name: '杭州云栈科技有限公司', uscc: '91350100M000100Y43' },
    ]) expect((await api.post('/api/v1/customers', c)).status).toBe(201);
  });
  afterAll(() => server?.close());

  it('answers ranked hits by pinyin, two characters, company core and mobile tail', async () => {
    expect(names(await api.get('/api/v1/customers/search?q=lml'))).toEqual(['李明朗']);
    expect(names(await api.get(`/api/v1/customers/search?q=${encodeURIComponent('云栈科技股份有限公司')}`))).toEqual(['杭州云栈科技有限公司']);
    const ming = await api.get(`/api/v1/customers/search?q=${encodeURIComponent('明')}&limit=5`);
    expect(ming.body.items.map((c: { name: string; match: string }) => [c.name, c.match])).toEqual([['曾明', 'substring'], ['李明朗', 'substring']]);
    const tail = await api.get('/api/v1/customers/search?q=8000');
    expect(tail.body.items[0]).toMatchObject({ name: '李明朗', match: 'exact', mobile: '13800138000' });
  });

  it('shows a sales rep only their own customers, and masks what the role masks', async () => {
    expect((await api.post('/api/v1/users', { username: 'wangfang', displayName: '王芳', password: 'sales-pass-123', role: 'sales' })).status).toBe(201);
    const sales = apiClient(server.url);
    await sales.signIn('wangfang', 'sales-pass-123');
    expect((await sales.post('/api/v1/customers', { kind: 'individual', name: '李明亮' })).status).toBe(201);
    expect(names(await sales.get('/api/v1/customers/search?q=lm'))).toEqual(['李明亮']);
    expect(names(await sales.get('/api/v1/customers/search?q=8000'))).toEqual([]);
    expect((await sales.get(`/api/v1/customers?q=${encodeURIComponent('明朗')}`)).body.total).toBe(0);

    expect((await api.post('/api/v1/users', { username: 'shenji', displayName: '审计', password: 'audit-pass-123', role: 'auditor' })).status).toBe(201);
    const auditor = apiClient(server.url);
    await auditor.signIn('shenji', 'audit-pass-123');
    const hit = (await auditor.get('/api/v1/customers/search?q=13800138000')).body.items[0];
    expect(hit.name).toBe('李明朗');
    expect(hit.mobile).not.toBe('13800138000');
    expect(hit.mobile).toMatch(/\*/);
  });

  it('refuses an empty or too long search naming the field, in Chinese and English', async () => {
    const empty = expectApiError(await api.get('/api/v1/customers/search?q=%20'), 400, 'INVALID_INPUT');
    expect(empty.issues).toEqual([expect.objectContaining({ path: ['q'], code: 'required' })]);
    expect(empty.issues[0]!.message).toMatch(/^搜索词/);
    const missing = expectApiError(await api.get('/api/v1/customers/search'), 400, 'INVALID_INPUT');
    expect(missing.issues[0]!.path).toEqual(['q']);
    const long = expectApiError(await api.get(`/api/v1/customers/search?lang=en&q=${'很'.repeat(51)}`), 400, 'INVALID_INPUT');
    expect(long.issues).toEqual([expect.objectContaining({ path: ['q'], message: 'Search text must have at most 50 characters' })]);
    expect(hasChinese(long.message)).toBe(false);
    const limit = expectApiError(await api.get('/api/v1/customers/search?q=li&limit=500'), 400, 'INVALID_INPUT');
    expect(limit.issues[0]!.path).toEqual(['limit']);
  });

  it('pages the list with a cursor and refuses one it did not give out', async () => {
    const first = await api.get('/api/v1/customers?pageSize=2&sort=name&order=asc');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await api.get(`/api/v1/customers?pageSize=2&sort=name&order=asc&withTotal=false&after=${encodeURIComponent(first.body.nextCursor)}`);
    expect(next.body.total).toBeNull();
    expect(next.body.items.map((c: { id: number }) => c.id)).not.toContain(first.body.items[0].id);
    const bad = expectApiError(await api.get('/api/v1/customers?after=xyz'), 400, 'INVALID_INPUT');
    expect(bad.issues).toEqual([expect.objectContaining({ path: ['after'], code: 'bad_cursor' })]);
    expect(bad.issues[0]!.message).toMatch(/^翻页位置/);
  });
});
