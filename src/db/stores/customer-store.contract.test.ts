import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/engines.ts';
import { openTestKedang, type TestKedang } from '../../../test/support/kedang.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { deleteCustomer } from '../../services/customers/delete-customer.ts';
import { restoreCustomer } from '../../services/customers/restore-customer.ts';
import { setCodeScheme } from '../../services/admin/code-scheme.ts';
import { customerListQuerySchema } from '../../domain/customers/customer.ts';
import { everyRecord } from '../../services/ports.ts';
import { importFile } from '../../services/imports/import-file.ts';
import { undoImport } from '../../services/imports/undo-import.ts';
import { compactLiveCounts } from './customer-store.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';

const query = (q: Record<string, unknown> = {}) => customerListQuerySchema.parse(q);

describe.each(testEngines())('customer store on %s', (engine) => {
  let k: TestKedang;
  beforeEach(async () => {
    k = await openTestKedang(engine, { clock: () => new Date('2026-11-24T04:00:00Z') });
  });
  afterEach(() => k.close());

  const create = (draft: Record<string, unknown>) => createCustomer(k.deps, k.admin, { kind: 'individual', ...draft });

  it('gives concurrent creates distinct, consecutive codes', async () => {
    const made = await Promise.all(Array.from({ length: 25 }, (_, i) => create({ name: `客户${i}` })));
    const codes = made.map((c) => c.code).sort();
    expect(new Set(codes).size).toBe(25);
    expect(codes[0]).toBe('KH20261100001');
    expect(codes[24]).toBe('KH20261100025');
  });

  it('never reuses a code after delete, and restore brings the customer back', async () => {
    const a = await create({ name: '甲' });
    await deleteCustomer(k.deps, k.admin, a.id);
    const b = await create({ name: '乙' });
    expect(b.code).not.toBe(a.code);
    expect((await k.deps.db.customers.list(query(), everyRecord)).items.map((c) => c.name)).toEqual(['乙']);
    expect((await k.deps.db.customers.list(query({ deleted: 'only' }), everyRecord)).items.map((c) => c.name)).toEqual(['甲']);
    await restoreCustomer(k.deps, k.admin, a.id);
    expect((await k.deps.db.customers.list(query(), everyRecord)).total).toBe(2);
  });

  it('keeps the unfiltered total exact through creates, the recycle bin, an import, its undo and plain SQL', async () => {
    const total = async () => (await k.deps.db.customers.list(query(), everyRecord)).total;
    const [a] = await Promise.all([create({ name: '甲' }), create({ name: '乙' }), create({ name: '丙' })]);
    expect(await total()).toBe(3);
    await deleteCustomer(k.deps, k.admin, a.id);
    expect(await total()).toBe(2);
    expect((await k.deps.db.customers.list(query({ deleted: 'only' }), everyRecord)).total).toBe(1);
    await restoreCustomer(k.deps, k.admin, a.id);
    expect(await total()).toBe(3);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-count-')), 'c.csv');
    fs.writeFileSync(file, '客户名称,手机\n' + Array.from({ length: 250 }, (_, i) => `客户${i},1380013${String(i).padStart(4, '0')}`).join('\n'));
    const run = await importFile(k.deps, k.admin, k.bulk, { path: file, chunkSize: 100 });
    expect(await total()).toBe(253);
    expect(await k.deps.db.customers.count(everyRecord)).toBe(253);
    await undoImport(k.deps, k.admin, run.batchId!);
    expect(await total()).toBe(3);
    await sql`DELETE FROM customers WHERE id = ${a.id}`.execute(k.connection.db);
    expect(await total()).toBe(2);
    if (engine === 'postgres') {
      await compactLiveCounts(k.connection.db);
      const parts = await sql<{ n: string }>`SELECT count(*) AS n FROM customer_live_counts`.execute(k.connection.db);
      expect(Number(parts.rows[0]!.n)).toBe(1);
      expect(await total()).toBe(2);
    }
  });

  it('skips codes already taken when the scheme changes back', async () => {
    await create({ name: '一' });
    await setCodeScheme(k.deps, k.admin, { prefix: 'VIP', datePart: 'none', sequenceWidth: 4 });
    const v = await create({ name: '二' });
    expect(v.code).toBe('VIP0001');
    await setCodeScheme(k.deps, k.admin, { prefix: 'KH', datePart: 'YYYYMM', sequenceWidth: 5 });
    expect((await create({ name: '三' })).code).toBe('KH20261100002');
  });

  it('refuses a write with a stale version and keeps the row', async () => {
    const c = await create({ name: '丙' });
    const ok = await k.deps.db.customers.update(c.id, c.version, { name: '丙2' }, new Date().toISOString());
    expect(ok?.version).toBe(2);
    const stale = await k.deps.db.customers.update(c.id, c.version, { name: '丙3' }, new Date().toISOString());
    expect(stale).toBeUndefined();
    expect((await k.deps.db.customers.findById(c.id, { filter: everyRecord }))?.name).toBe('丙2');
  });

  it('filters by kind, stage, tag, region, text and pages with a total', async () => {
    await create({ name: '张伟', stage: 'active', tags: ['VIP', '老客户'], province: '浙江省', city: '杭州市', mobile: '13800138000' });
    await create({ name: '张伟伟', stage: 'potential', tags: ['VIP'], province: '江苏省' });
    await createCustomer(k.deps, k.admin, { kind: 'organization', name: '杭州张氏贸易有限公司', industry: 'F', province: '浙江省', tags: ['经销商'] });
    const names = async (q: Record<string, unknown>) => (await k.deps.db.customers.list(query({ sort: 'name', order: 'asc', ...q }), everyRecord)).items.map((c) => c.name);
    expect(await names({ kind: 'organization' })).toEqual(['杭州张氏贸易有限公司']);
    expect(await names({ stage: 'active' })).toEqual(['张伟']);
    expect(await names({ tag: 'VIP' })).toEqual(['张伟', '张伟伟']);
    expect(await names({ province: '浙江省' })).toHaveLength(2);
    expect(await names({ industry: 'F' })).toEqual(['杭州张氏贸易有限公司']);
    expect(await names({ q: '张伟' })).toEqual(['张伟', '张伟伟']);
    expect(await names({ q: '8000' })).toEqual(['张伟']);
    expect(await names({ q: '100%' })).toEqual([]);
    const page = await k.deps.db.customers.list(query({ pageSize: 2, page: 2, sort: 'name', order: 'asc' }), everyRecord);
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    expect(await names({ createdFrom: '2026-11-24', createdTo: '2026-11-24' })).toHaveLength(3);
    expect(await names({ createdFrom: '2026-11-25' })).toHaveLength(0);
  });

  it('keeps tags, custom values and money exactly as written', async () => {
    const c = await createCustomer(k.deps, k.admin, { kind: 'organization', name: '大额客户', annualRevenueFen: 9_007_199_254_740, tags: ['A', 'A', 'B'] });
    const back = await k.deps.db.customers.findById(c.id, { filter: everyRecord });
    expect(back?.annualRevenueFen).toBe(9_007_199_254_740);
    expect(back?.tags).toEqual(['A', 'B']);
    expect(back?.createdAt).toBe('2026-11-24T04:00:00.000Z');
  });
});
