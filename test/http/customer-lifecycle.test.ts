import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError } from '../support/api-assertions.ts';

type Change = { field: string; before: unknown; after: unknown };
type Entry = { action: string; entityType: string; entityId: string | null; changes: Change[] };

const sequenceOf = (code: string) => Number(code.slice(-5));

/** Customer codes under concurrency, the recycle bin, optimistic locking and the audit of each step. */
describe.each(testEngines())('customer codes, recycle bin and versions over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;

  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);
  const create = async (name: string) => {
    const r = await api.post('/api/v1/customers', { kind: 'individual', name });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: number; code: string; version: number; name: string };
  };
  const history = async (id: number): Promise<Entry[]> => (await api.get(`/api/v1/customers/${id}/history?pageSize=200`)).body.items;
  const listIds = async (query = '') => ((await api.get(`/api/v1/customers?pageSize=200${query}`)).body.items as { id: number }[]).map((c) => c.id);

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    await api.signIn();
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  it('gives 20 concurrent creates 20 distinct codes with consecutive sequence numbers', async () => {
    const first = await create('并发前');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api.post('/api/v1/customers', { kind: 'individual', name: `并发客户${i + 1}` })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(20);
    for (const code of codes) expect(code.slice(0, -5)).toBe(first.code.slice(0, -5));
    const sequences = codes.map(sequenceOf).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => sequenceOf(first.code) + 1 + i));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(20);
    expect((await snapshot.counts()).customers).toBe((before.customers ?? 0) + 21);
  });

  it('keeps the code of a deleted customer, never hands it out again, and restores it into the list', async () => {
    const doomed = await create('将被删除');
    const deleted = await api.delete(`/api/v1/customers/${doomed.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ code: doomed.code, deletedAt: expect.any(String) });
    expectApiError(await api.get(`/api/v1/customers/${doomed.id}`), 404, 'NOT_FOUND');
    expect(await listIds()).not.toContain(doomed.id);
    expect((await api.get(`/api/v1/customers?q=${encodeURIComponent(doomed.code)}`)).body.total).toBe(0);

    const bin = (await api.get('/api/v1/customers?deleted=only&pageSize=200')).body.items as { id: number; code: string; deletedAt: string | null }[];
    expect(bin.map((c) => c.id)).toEqual([doomed.id]);
    expect(bin.every((c) => c.deletedAt !== null)).toBe(true);

    const newer = await Promise.all([create('删除之后一'), create('删除之后二')]);
    for (const c of newer) {
      expect(c.code).not.toBe(doomed.code);
      expect(sequenceOf(c.code)).toBeGreaterThan(sequenceOf(doomed.code));
    }

    before = await snapshot.counts();
    expectApiError(await api.delete(`/api/v1/customers/${doomed.id}`), 404, 'NOT_FOUND');
    expectApiError(await api.patch(`/api/v1/customers/${doomed.id}`, { version: deleted.body.version, name: '改回收站' }), 404, 'NOT_FOUND');
    expectApiError(await api.post(`/api/v1/customers/${newer[0]!.id}/restore`), 404, 'NOT_FOUND');
    await expectUnchanged();

    const restored = await api.post(`/api/v1/customers/${doomed.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: doomed.id, code: doomed.code, deletedAt: null });
    expect(await listIds()).toContain(doomed.id);
    expect((await api.get('/api/v1/customers?deleted=only')).body.items).toEqual([]);
    expect((await api.get(`/api/v1/customers/${doomed.id}`)).body.code).toBe(doomed.code);

    const actions = (await history(doomed.id)).map((e) => e.action);
    expect(actions).toEqual(['customer.restored', 'customer.deleted', 'customer.created']);
    const [restoredEntry, deletedEntry] = await history(doomed.id);
    expect(deletedEntry?.changes).toEqual([{ field: 'deletedAt', before: null, after: deleted.body.deletedAt }]);
    expect(restoredEntry?.changes).toEqual([{ field: 'deletedAt', before: deleted.body.deletedAt, after: null }]);
  });

  it('lists only deleted customers in the recycle bin', async () => {
    const keep = await create('保留');
    const gone = await Promise.all([create('回收一'), create('回收二')]);
    for (const c of gone) expect((await api.delete(`/api/v1/customers/${c.id}`)).status).toBe(200);
    const bin = await listIds('&deleted=only');
    expect(bin).toEqual(expect.arrayContaining(gone.map((c) => c.id)));
    expect(bin).not.toContain(keep.id);
    const live = await listIds();
    for (const c of gone) expect(live).not.toContain(c.id);
    expect(live).toContain(keep.id);
  });

  it('answers a stale version with 409 VERSION_CONFLICT and leaves the row and the audit alone', async () => {
    const c = await create('版本测试');
    const v2 = await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, stage: 'active', tags: ['VIP'] });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(c.version + 1);
    const row = (await api.get(`/api/v1/customers/${c.id}`)).body;
    before = await snapshot.counts();

    for (const version of [c.version, c.version + 5]) {
      const stale = await api.patch(`/api/v1/customers/${c.id}`, { version, name: '过期的修改', tags: [] });
      const e = expectApiError(stale, 409, 'VERSION_CONFLICT');
      expect(e.issues).toEqual([expect.objectContaining({ path: ['version'], code: 'stale' })]);
    }
    expect((await api.get(`/api/v1/customers/${c.id}`)).body).toEqual(row);
    expect((await api.get('/api/v1/customers?tag=VIP')).body.items.map((x: { id: number }) => x.id)).toContain(c.id);
    await expectUnchanged();

    const updated = (await history(c.id)).find((e) => e.action === 'customer.updated');
    expect(updated?.changes).toEqual([
      { field: 'stage', before: 'potential', after: 'active' },
      { field: 'tags', before: [], after: ['VIP'] },
    ]);
  });

  it('lets exactly one of several concurrent PATCHes with the same version win', async () => {
    const c = await create('并发修改');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => api.patch(`/api/v1/customers/${c.id}`, { version: c.version, name: `修改者${i}` })));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expectApiError(r, 409, 'VERSION_CONFLICT');
    const row = (await api.get(`/api/v1/customers/${c.id}`)).body;
    expect(row).toMatchObject({ name: winners[0]?.body.name, version: c.version + 1 });
    expect((await history(c.id)).filter((e) => e.action === 'customer.updated')).toHaveLength(1);
  });

  it('deletes and restores once when several requests race', async () => {
    const c = await create('并发删除');
    const deletes = await Promise.all(Array.from({ length: 6 }, () => api.delete(`/api/v1/customers/${c.id}`)));
    expect(deletes.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of deletes.filter((x) => x.status !== 200)) expectApiError(r, 404, 'NOT_FOUND');
    const restores = await Promise.all(Array.from({ length: 6 }, () => api.post(`/api/v1/customers/${c.id}/restore`)));
    expect(restores.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of restores.filter((x) => x.status !== 200)) expectApiError(r, 404, 'NOT_FOUND');
    expect((await history(c.id)).map((e) => e.action)).toEqual(['customer.restored', 'customer.deleted', 'customer.created']);
  });

  it('audits create and update with field-level before and after', async () => {
    const r = await api.post('/api/v1/customers', {
      kind: 'organization', name: '杭州云栈科技有限公司', uscc: '91350100M000100Y43', industry: 'I', contacts: [{ name: '李娜', mobile: '13912345678' }],
    });
    const c = r.body;
    const created = await history(c.id);
    expect(created.map((e) => e.action).sort()).toEqual(['contact.created', 'customer.created']);
    const entry = created.find((e) => e.action === 'customer.created');
    expect(entry?.changes).toEqual(expect.arrayContaining([
      { field: 'name', before: null, after: '杭州云栈科技有限公司' },
      { field: 'code', before: null, after: c.code },
      { field: 'uscc', before: null, after: '91350100M000100Y43' },
    ]));
    const patched = await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, industry: 'C', website: 'yunzhan.cn', name: '杭州云栈科技有限公司' });
    expect(patched.status).toBe(200);
    const updated = (await history(c.id)).find((e) => e.action === 'customer.updated');
    expect(updated?.changes).toEqual([
      { field: 'industry', before: 'I', after: 'C' },
      { field: 'website', before: null, after: 'https://yunzhan.cn' },
    ]);
  });

  it('hands out codes in a new scheme once it is changed, leaving saved codes alone', async () => {
    const old = await create('旧编码');
    const scheme = await api.put('/api/v1/settings/customer-code', { prefix: 'cu-', datePart: 'none', sequenceWidth: 4 });
    expect(scheme.status, JSON.stringify(scheme.body)).toBe(200);
    expect(scheme.body.example).toBe('CU-0001');
    const [a, b] = [await create('新编码一'), await create('新编码二')];
    expect([a.code, b.code]).toEqual(['CU-0001', 'CU-0002']);
    expect((await api.get(`/api/v1/customers/${old.id}`)).body.code).toBe(old.code);
  });
});
