import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/engines.ts';
import { builtinRoles, type RoleGrants } from '../../domain/access/permissions.ts';
import { DomainError } from '../../domain/errors.ts';
import { renderErrorMessage } from '../../domain/i18n/messages.ts';
import type { Actor, UserActor } from '../../domain/users/user.ts';
import { createCustomField } from '../admin/custom-fields.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the contract drives exports the way the CLI does, through the composition root
import { openKedang, type Kedang } from '../../wiring.ts';
import { createCustomer } from './create-customer.ts';
import { deleteCustomer } from './delete-customer.ts';
import { exportCustomers, type CustomerExport } from './export-customers.ts';

const system: Actor = { kind: 'system', name: 'test' };

const bytesOf = async (file: CustomerExport) => {
  const parts: Buffer[] = [];
  for await (const b of file.body) parts.push(b);
  return Buffer.concat(parts);
};
const csvOf = async (file: CustomerExport, encoding: 'utf8' | 'gbk' = 'utf8') => {
  const bytes = await bytesOf(file);
  const text = encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
  return parse(text, { bom: true }) as string[][];
};

describe.each(testEngines())('customer export on %s', (engine) => {
  let db: TestDatabase;
  let kedang: Kedang;
  let salesA: UserActor;
  let masked: UserActor;
  const userActor = (userId: number, username: string, role: string, grants: RoleGrants): UserActor => ({ kind: 'user', userId, username, role, departmentId: null, grants, departmentTree: [] });
  const run = (actor: Actor, input: Record<string, unknown>) => exportCustomers(kedang.deps, actor, input, { batchSize: 2 });
  const lastAudit = async (action: string) => (await kedang.deps.db.audit.list({ action, page: 1, pageSize: 1 })).items[0];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    kedang = await openKedang(db.config);
    const at = new Date().toISOString();
    const user = (username: string, displayName: string, role: string) => kedang.deps.db.users.insert({ username, displayName, role, departmentId: null, email: null, isActive: true, passwordHash: 'x' }, at);
    const a = await user('sales_a', '销售甲', 'sales');
    const b = await user('sales_b', '销售乙', 'sales');
    salesA = userActor(a.id, a.username, 'sales', builtinRoles.sales.grants as RoleGrants);
    masked = userActor(b.id, 'viewer', 'viewer', { records: { read: 'all', export: 'all' }, system: [], fields: { mobile: 'masked', email: 'hidden', idCardNo: 'hidden', custom: 'masked' } });
    await createCustomField(kedang.deps, system, { key: 'vip_level', labelZh: '会员等级', labelEn: 'VIP level', type: 'text' });
    await createCustomField(kedang.deps, system, { key: 'secret_note', labelZh: '机密备注', labelEn: 'Secret note', type: 'text', sensitive: true });
    const c = (draft: Record<string, unknown>) => createCustomer(kedang.deps, system, draft);
    await c({ kind: 'individual', name: '张伟', mobile: '13800138001', email: 'zw@example.cn', province: '浙江省', city: '杭州市', stage: 'active', ownerId: a.id, tags: ['重要', '老客户'], custom: { vip_level: '金卡', secret_note: '只给经理看' } });
    await c({ kind: 'organization', name: '=HYPERLINK("http://evil.example","点我")', mobile: '13800138002', province: '浙江省', ownerId: b.id, notes: '@SUM(A1:A9)', annualRevenueFen: 1234550 });
    await c({ kind: 'individual', name: '+李娜', mobile: '13800138003', province: '江苏省', ownerId: a.id, gender: 'female' });
    const gone = await c({ kind: 'individual', name: '已删除的客户', province: '浙江省' });
    await deleteCustomer(kedang.deps, system, gone.id);
  }, 60_000);
  afterAll(async () => {
    await kedang?.connection.close();
    await db?.drop();
  });

  it('writes the chosen columns of the filtered list as UTF-8 CSV with a BOM and Chinese headers', async () => {
    const file = await run(system, { province: '浙江省', columns: 'code,name,kind,stage,ownerId,mobile,tags,custom.vip_level,custom.secret_note,annualRevenueFen' });
    expect(file).toMatchObject({ contentType: 'text/csv; charset=utf-8', expectedRows: 2, omittedColumns: [] });
    expect(file.filename).toMatch(/^客户导出-\d{8}-\d{4}\.csv$/);
    const bytes = await bytesOf(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['客户编号', '客户名称', '客户类型', '客户阶段', '负责人', '手机', '标签', '会员等级', '机密备注', '年营业额（元）']);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual([expect.stringMatching(/^KH/), '张伟', '个人', '活跃客户', '销售甲', '13800138001', '重要、老客户', '金卡', '只给经理看', '']);
    expect(rows[2]!.slice(2, 6)).toEqual(['企业', '潜在客户', '销售乙', '13800138002']);
    expect(rows[2]![9]).toBe('12345.5');
  });

  it('writes English headers and values when asked', async () => {
    const rows = await csvOf(await run(system, { language: 'en', kind: 'individual', columns: ['name', 'kind', 'stage', 'gender'] }));
    expect(rows).toEqual([
      ['Name', 'Kind', 'Stage', 'Gender'],
      ['张伟', 'Individual', 'Active', ''],
      ["'+李娜", 'Individual', 'Potential', 'Female'],
    ]);
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const rows = await csvOf(await run(system, { columns: 'name,notes' }));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['张伟', `'=HYPERLINK("http://evil.example","点我")`, "'+李娜"]);
    expect(rows[2]![1]).toBe("'@SUM(A1:A9)");
  });

  it('round-trips Chinese through GBK', async () => {
    const file = await run(system, { encoding: 'gbk', province: '江苏省', columns: 'name,province' });
    expect(file.contentType).toBe('text/csv; charset=gbk');
    const bytes = await bytesOf(file);
    expect(bytes[0]).not.toBe(0xef);
    expect(parse(iconv.decode(bytes, 'gbk')) as string[][]).toEqual([
      ['客户名称', '省份'],
      ["'+李娜", '江苏省'],
    ]);
  });

  it('writes XLSX that Excel readers open, with the same rows', async () => {
    const file = await run(system, { format: 'xlsx', columns: 'code,name,mobile,annualRevenueFen,createdAt' });
    expect(file.filename).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([await bytesOf(file)]));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('客户');
    const values = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(['客户编号', '客户名称', '手机', '年营业额（元）', '创建时间']);
    expect(values).toHaveLength(4);
    expect(values[2]!.slice(1, 4)).toEqual([`'=HYPERLINK("http://evil.example","点我")`, '13800138002', 12345.5]);
    expect(values[1]![4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('masks and leaves out what the role may not see, and decrypts nothing it hides', async () => {
    const file = await run(masked, { columns: 'name,mobile,email,custom.secret_note', province: '浙江省' });
    expect(file.omittedColumns).toEqual(['email']);
    const rows = await csvOf(file);
    expect(rows[0]).toEqual(['客户名称', '手机', '机密备注']);
    expect(rows[1]).toEqual(['张伟', '138****8001', '只****']);
    const err = await run(masked, { columns: 'email,idCardNo' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(renderErrorMessage(err as DomainError, 'en')).toBe('Invalid input: 2 problem(s)');
  });

  it('lets a sales rep export only their own customers', async () => {
    const rows = await csvOf(await run(salesA, { columns: 'name,ownerId' }));
    expect(rows.slice(1)).toEqual([
      ['张伟', '销售甲'],
      ["'+李娜", '销售甲'],
    ]);
    // the recycle bin needs the restore permission as well
    await expect(run(salesA, { deleted: 'only' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await csvOf(await run(system, { deleted: 'only', columns: 'name' }))).toEqual([['客户名称'], ['已删除的客户']]);
  });

  it('names an unknown column in both languages', async () => {
    const err = await run(system, { columns: 'name,salary' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['columns'], code: 'unknown_export_column', params: { column: 'salary' } }] });
    expect(renderErrorMessage(err as DomainError, 'zh-CN')).toBe('导出列：“salary”不是可导出的列');
    expect(renderErrorMessage(err as DomainError, 'en')).toBe('Columns "salary" is not an exportable column');
  });

  it('audits the export when it starts and how it ended', async () => {
    await csvOf(await run(salesA, { columns: 'name', stage: 'active' }));
    const started = await lastAudit('customer.exported');
    const finished = await lastAudit('customer.export_finished');
    expect(started).toMatchObject({ actorId: salesA.userId, meta: { format: 'csv', encoding: 'utf8', columns: ['name'], filters: { stage: 'active', deleted: 'exclude' }, expectedRows: 1 } });
    expect(finished).toMatchObject({ meta: { exportId: started!.meta.exportId, outcome: 'completed', rowCount: 1 } });

    // a reader that stops after the first batch: the export is on record, with what was written
    const file = await run(system, { columns: 'name' });
    await file.body.next();
    await file.body.next();
    await file.body.return(undefined);
    const cut = await lastAudit('customer.export_finished');
    expect(cut).toMatchObject({ meta: { outcome: 'aborted', rowCount: 2 } });
    expect((await lastAudit('customer.exported'))!.meta.exportId).toBe(cut!.meta.exportId);
  });

  it('reads in batches, so the rows held at once do not grow with the export', async () => {
    const seen: number[] = [];
    const file = await exportCustomers(kedang.deps, system, { columns: 'name' }, { batchSize: 1, onProgress: (p) => seen.push(p.rows) });
    let chunks = 0;
    for await (const chunk of file.body) {
      chunks++;
      expect(chunk.length).toBeLessThan(200);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(chunks).toBe(4);
  });
});
