import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/engines.ts';
import { openTestKedang, type TestKedang } from '../../../test/support/kedang.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { updateCustomer } from '../../services/customers/update-customer.ts';
import { deleteCustomer } from '../../services/customers/delete-customer.ts';
import { restoreCustomer } from '../../services/customers/restore-customer.ts';
import { customerListQuerySchema } from '../../domain/customers/customer.ts';
import { everyRecord, type RecordFilter } from '../../services/ports.ts';

describe.each(testEngines())('customer search on %s', (engine) => {
  let k: TestKedang;
  beforeEach(async () => {
    k = await openTestKedang(engine, { clock: () => new Date('2026-11-24T04:00:00Z') });
  });
  afterEach(() => k.close());

  const person = (name: string, more: Record<string, unknown> = {}) => createCustomer(k.deps, k.admin, { kind: 'individual', name, ...more });
  const company = (name: string, more: Record<string, unknown> = {}) => createCustomer(k.deps, k.admin, { kind: 'organization', name, ...more });
  const found = async (q: string, filter: RecordFilter = everyRecord) => (await k.deps.db.customers.search(q, 20, filter)).map((c) => c.name);
  const listed = async (q: string) => (await k.deps.db.customers.list(customerListQuerySchema.parse({ q, sort: 'name', order: 'asc' }), everyRecord)).items.map((c) => c.name);

  it('finds a name by any substring, two Chinese characters included, and by pinyin', async () => {
    await person('李明朗');
    await person('欧阳明月');
    await person('王小明');
    expect(await found('明朗')).toEqual(['李明朗']);
    expect(await found('阳明')).toEqual(['欧阳明月']);
    expect(await found('朗')).toEqual(['李明朗']);
    expect(await found('lml')).toEqual(['李明朗']);
    expect(await found('liminglang')).toEqual(['李明朗']);
    expect(await found('LiMing')).toEqual(['李明朗']);
    expect(await found('oy')).toEqual(['欧阳明月']);
    expect((await found('明')).sort()).toEqual(['李明朗', '欧阳明月', '王小明'].sort());
  });

  it('reads polyphonic surnames as surnames', async () => {
    for (const n of ['单田芳', '曾国藩', '解缙', '仇英']) await person(n);
    expect(await found('shantianfang')).toEqual(['单田芳']);
    expect(await found('stf')).toEqual(['单田芳']);
    expect(await found('zengguofan')).toEqual(['曾国藩']);
    expect(await found('xiejin')).toEqual(['解缙']);
    expect(await found('qiuying')).toEqual(['仇英']);
    expect(await found('qy')).toEqual(['仇英']);
  });

  it('finds a company with or without its legal suffix and region prefix, in full-width or half-width', async () => {
    await company('北京市华为技术有限公司');
    await company('上海浦东发展银行股份有限公司');
    await company('ＡＢＣ科技集团');
    expect(await found('华为技术')).toEqual(['北京市华为技术有限公司']);
    expect(await found('华为技术股份有限公司')).toEqual(['北京市华为技术有限公司']);
    expect(await found('深圳华为技术集团')).toEqual(['北京市华为技术有限公司']);
    expect(await found('北京华为')).toEqual(['北京市华为技术有限公司']);
    expect(await found('hwjs')).toEqual(['北京市华为技术有限公司']);
    expect(await found('浦发')).toEqual([]);
    expect(await found('浦东发展银行有限公司')).toEqual(['上海浦东发展银行股份有限公司']);
    expect(await found('abc科技')).toEqual(['ＡＢＣ科技集团']);
    expect(await found('ＡＢＣ')).toEqual(['ＡＢＣ科技集团']);
    expect(await found('ａｂｃ科技有限公司')).toEqual(['ＡＢＣ科技集团']);
  });

  it('finds by mobile in full or its last four digits, e-mail, code and USCC, exact hits first', async () => {
    const a = await person('张伟', { mobile: '13800138000', email: 'zw@example.com' });
    await person('张伟伟', { mobile: '13900008000' });
    const org = await company('杭州云栈科技有限公司', { uscc: '91350100M000100Y43' });
    await person('王8000');
    expect(await found('138 0013 8000')).toEqual(['张伟']);
    expect((await found('8000')).slice(0, 2).sort()).toEqual(['张伟', '张伟伟']);
    expect(await found('8000')).toEqual(expect.arrayContaining(['王8000']));
    expect((await found('8000')).at(-1)).toBe('王8000');
    expect(await found('ZW@example.com')).toEqual(['张伟']);
    expect(await found(a.code)).toEqual(['张伟']);
    expect(await found(a.code.toLowerCase())).toEqual(['张伟']);
    expect(await found('91350100M000100Y43')).toEqual(['杭州云栈科技有限公司']);
    const hits = await k.deps.db.customers.search('13800138000', 5, everyRecord);
    expect(hits[0]).toMatchObject({ id: a.id, match: 'exact' });
    expect(org.code).toMatch(/^KH/);
  });

  it('ranks exact code first, then name prefix, then substring, then pinyin', async () => {
    await person('明天');
    await person('李明');
    await person('张三', { email: 'ming@example.com' });
    await person('明');
    const hits = await k.deps.db.customers.search('明', 10, everyRecord);
    expect(hits.map((h) => [h.name, h.match])).toEqual([['明', 'prefix'], ['明天', 'prefix'], ['李明', 'substring']]);
    const py = await k.deps.db.customers.search('ming', 10, everyRecord);
    expect(py.map((h) => h.match)).toEqual(['pinyin', 'pinyin']);
    expect(py.map((h) => h.name).sort()).toEqual(['明', '明天'].sort());
    const ex = await k.deps.db.customers.search('ming@example.com', 10, everyRecord);
    expect(ex.map((h) => [h.name, h.match])).toEqual([['张三', 'exact']]);
  });

  it('keeps the index current through update, delete and restore, and answers the list filter from it', async () => {
    const c = await person('赵云');
    await updateCustomer(k.deps, k.admin, c.id, { version: c.version, name: '赵子龙' });
    expect(await found('赵云')).toEqual([]);
    expect(await found('子龙')).toEqual(['赵子龙']);
    expect(await found('zzl')).toEqual(['赵子龙']);
    expect(await listed('子龙')).toEqual(['赵子龙']);
    expect(await listed('zzl')).toEqual(['赵子龙']);
    await deleteCustomer(k.deps, k.admin, c.id);
    expect(await found('子龙')).toEqual([]);
    expect(await listed('子龙')).toEqual([]);
    await restoreCustomer(k.deps, k.admin, c.id);
    expect(await found('子龙')).toEqual(['赵子龙']);
  });

  it('matches punctuation as typed, and treats an entry with a dot as no pinyin', async () => {
    await person('张伟', { email: 'zhang.wei@example.com' });
    await company('<%= 7*7 %>');
    expect(await found('%>')).toEqual(['<%= 7*7 %>']);
    expect(await found('%%%')).toEqual([]);
    expect(await found('zhangwei')).toEqual(['张伟']);
    expect(await found('zhang.wei')).toEqual([]);
  });

  it('finds only customers in the filter it is given', async () => {
    const me = (k.admin as { userId: number }).userId;
    await person('周明', { ownerId: me });
    await person('周明明', { ownerId: null });
    const own: RecordFilter = { kind: 'scoped', ownerId: me, departmentIds: [], sharedTo: null };
    expect(await found('周明', own)).toEqual(['周明']);
    expect(await found('zm', own)).toEqual(['周明']);
    expect(await found('周明')).toHaveLength(2);
    const none: RecordFilter = { kind: 'scoped', ownerId: -1, departmentIds: [], sharedTo: null };
    expect(await found('周明', none)).toEqual([]);
  });
});
