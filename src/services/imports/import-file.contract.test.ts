import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/engines.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { createCustomer } from '../customers/create-customer.ts';
import { getCustomer } from '../customers/get-customer.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the contract drives imports the way the CLI does, through the composition root
import { openKedang, type Kedang } from '../../wiring.ts';
import { importFile, type ImportInput } from './import-file.ts';
import { resumeImports } from './resume-imports.ts';
import { undoImport } from './undo-import.ts';
import { everyRecord } from '../ports.ts';

const admin: Actor = { kind: 'system', name: 'test' };

describe.each(testEngines())('import on %s', (engine) => {
  let db: TestDatabase;
  let kedang: Kedang;
  let n = 0;
  /** A file in the test's data dir; strings are written as UTF-8 unless bytes are given. */
  const file = (content: string | Buffer, ext = 'csv') => {
    const p = path.join(db.config.dataDir, `f${n++}.${ext}`);
    fs.writeFileSync(p, content);
    return p;
  };
  const run = (p: string, o: Omit<ImportInput, 'path'> = {}) => importFile(kedang.deps, admin, kedang.bulk, { path: p, ...o });
  const count = async (table: 'customers' | 'purchases' | 'contacts') => Number((await kedang.connection.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const fileIssue = async (p: string, o: Omit<ImportInput, 'path'> = {}) => {
    const err = await run(p, o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).issues[0];
  };

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    kedang = await openKedang(db.config);
  }, 60_000);
  afterAll(async () => {
    await kedang?.connection.close();
    await db?.drop();
  });

  it('imports GBK, UTF-8 and UTF-8 with BOM alike, matching Chinese and English headers', async () => {
    const rows = '客户名称,手机号码,Email,省份\n张伟,13800138001,zw@example.cn,浙江省\n杭州云帆科技有限公司,13800138002,,浙江省\n';
    const gbk = await run(file(iconv.encode(rows.replace(/13800138/g, '13900139'), 'gbk')));
    expect(gbk).toMatchObject({ encoding: 'gb18030', counts: { rows: 2, created: 2, invalid: 0 }, mapping: { name: '客户名称', mobile: '手机号码', email: 'Email', province: '省份' } });
    const bom = await run(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows)])));
    expect(bom).toMatchObject({ encoding: 'utf8', counts: { created: 2 } });
    const c = await kedang.connection.db.selectFrom('customers').select(['name', 'kind', 'province']).where('name', '=', '杭州云帆科技有限公司').where('importBatchId', '=', bom.batchId).execute();
    expect(c).toEqual([{ name: '杭州云帆科技有限公司', kind: 'organization', province: '浙江省' }]);
    const zhang = await kedang.connection.db.selectFrom('customers').select('id').where('name', '=', '张伟').where('importBatchId', '=', gbk.batchId).executeTakeFirstOrThrow();
    expect((await getCustomer(kedang.deps, admin, zhang.id)).mobile).toBe('13900139001');
  });

  it('dry run validates every row with the API rules and writes nothing; the report names row, column and reason', async () => {
    const before = await count('customers');
    const report = path.join(db.config.dataDir, 'report.csv');
    const s = await run(file('名称,手机,生日\n李娜,12345,1990-02-30\n王芳,13800138003,33000\n,13800138004,\n'), { dryRun: true }, );
    expect(s.status).toBe('dry_run');
    expect(s.counts).toMatchObject({ rows: 3, created: 1, invalid: 2 });
    expect(s.issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, '手机', 'bad_mobile'], [2, '生日', 'bad_date'], [4, '名称', 'required']]);
    expect(await count('customers')).toBe(before);
    await importFile(kedang.deps, admin, kedang.bulk, { path: file('名称,手机\n李娜,12345\n'), dryRun: true }, { reportPath: report });
    const text = fs.readFileSync(report, 'utf8');
    expect(text).toContain('2,手机,mobile,不是有效的中国大陆手机号');
    expect(text).toContain('is not a valid mainland China mobile number');
  });

  it('reads Excel serial dates, refuses formula cells and reports ragged rows per row', async () => {
    const s = await run(file('姓名,生日,备注\n赵敏,33000,ok\n钱多多,1990-01-01,=HYPERLINK("x")\n孙悟空,1990-01-01\n'), { dryRun: true });
    expect(s.counts).toMatchObject({ rows: 3, created: 1, invalid: 2 });
    expect(s.issues.map((i) => [i.row, i.code])).toEqual([[3, 'formula_cell'], [4, 'ragged_row']]);
  });

  it('reads XLSX as a stream: dates, formula results, and a formula without a value reported', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户名称', '手机', '生日', '员工人数']);
    ws.addRow(['周芷若', '13800138010', new Date(Date.UTC(1991, 4, 6)), null]);
    ws.addRow(['宁波海曙贸易有限公司', { formula: '"1380013"&"8011"', result: '13800138011' }, null, 12]);
    ws.addRow(['吴用', { formula: 'A1*2' }, null, null]);
    const p = path.join(db.config.dataDir, 'book.xlsx');
    await wb.xlsx.writeFile(p);
    const s = await run(p);
    expect(s).toMatchObject({ format: 'xlsx', counts: { rows: 3, created: 2, invalid: 1 } });
    expect(s.issues[0]).toMatchObject({ row: 4, column: '手机', code: 'formula_cell' });
    const zhou = await kedang.connection.db.selectFrom('customers').select(['birthday']).where('name', '=', '周芷若').executeTakeFirstOrThrow();
    expect(zhou.birthday).toBe('1991-05-06');
  });

  it('refuses broken files as a whole, naming the problem, with nothing imported', async () => {
    const before = await count('customers');
    expect(await fileIssue(file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])))).toMatchObject({ code: 'not_a_table' });
    expect(await fileIssue(file('名称,手机,名称\n张三,13800138020,x\n'))).toMatchObject({ code: 'duplicate_header', params: { header: '名称' } });
    expect(await fileIssue(file('手机,邮箱\n13800138021,a@b.cn\n'))).toMatchObject({ code: 'missing_column' });
    expect(await fileIssue(file(''))).toMatchObject({ code: 'empty_file' });
    expect(await fileIssue(file('PK\u0003\u0004garbage', 'xlsx'))).toMatchObject({ code: 'bad_xlsx' });
    // the quote never closes: found at the end of the file, after earlier chunks committed; they are rolled back
    const rows = Array.from({ length: 30 }, (_, i) => `客户${i},1380013${String(8100 + i)}`).join('\n');
    const issue = await fileIssue(file(`名称,手机\n${rows}\n"未闭合,13800138999\n`), { chunkSize: 10 });
    expect(issue).toMatchObject({ code: 'unclosed_quote' });
    expect(await count('customers')).toBe(before);
    const failed = await kedang.connection.db.selectFrom('importBatches').select(['status']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
  });

  it('matches duplicates by mobile (update, skip) and undo puts updated customers back exactly', async () => {
    const created = await createCustomer(kedang.deps, admin, { kind: 'individual', name: '冯宝宝', mobile: '13800138030', city: '成都市', tags: ['老客户'] });
    const original = await getCustomer(kedang.deps, admin, created.id);
    const skipped = await run(file('名称,手机,城市\n冯宝宝,13800138030,重庆市\n'), { match: 'mobile', onDuplicate: 'skip' });
    expect(skipped.counts).toMatchObject({ skipped: 1, created: 0 });
    const updated = await run(file('名称,手机,城市,标签\n冯宝宝,+86 138 0013 8030,重庆市,VIP\n张楚岚,13800138031,北京市,\n'), { match: 'mobile', onDuplicate: 'update' });
    expect(updated.counts).toMatchObject({ updated: 1, created: 1 });
    const after = await getCustomer(kedang.deps, admin, original.id);
    expect(after).toMatchObject({ city: '重庆市', tags: ['VIP'], version: 2 });
    const undone = await undoImport(kedang.deps, admin, updated.batchId!);
    expect(undone.removed).toMatchObject({ customers: 1, restored: 1 });
    const back = await getCustomer(kedang.deps, admin, original.id);
    expect({ ...back, version: 0 }).toEqual({ ...original, version: 0 });
    expect(await kedang.connection.db.selectFrom('customerTags').select('tag').where('customerId', '=', original.id).execute()).toEqual([{ tag: '老客户' }]);
    expect(await kedang.connection.db.selectFrom('customers').select('id').where('name', '=', '张楚岚').execute()).toEqual([]);
    await expect(undoImport(kedang.deps, admin, updated.batchId!)).rejects.toMatchObject({ code: 'CONFLICT' });
    const audit = await kedang.connection.db.selectFrom('auditEntries').select('action').where('entityType', '=', 'import_batch').where('entityId', '=', String(updated.batchId)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['import.started', 'import.committed', 'import.undone']);
  });

  it('keeps the search index current through imported creates, name updates and undo', async () => {
    const found = async (q: string) => (await kedang.deps.db.customers.search(q, 10, everyRecord)).map((c) => c.name);
    await createCustomer(kedang.deps, admin, { kind: 'individual', name: '诸葛青', mobile: '13800138040' });
    const updated = await run(file('名称,手机\n诸葛青云,13800138040\n单士童,13800138041\n'), { match: 'mobile', onDuplicate: 'update' });
    expect(updated.counts).toMatchObject({ updated: 1, created: 1 });
    expect(await found('青云')).toEqual(['诸葛青云']);
    expect(await found('shanshitong')).toEqual(['单士童']);
    await undoImport(kedang.deps, admin, updated.batchId!);
    expect(await found('青云')).toEqual([]);
    expect(await found('zgq')).toEqual(['诸葛青']);
    expect(await found('sst')).toEqual([]);
  });

  it('imports purchases by customer code: lines of one order add up, refunds, unknown customers reported', async () => {
    const c = await createCustomer(kedang.deps, admin, { kind: 'organization', name: '上海申通物流有限公司' });
    const csv = `客户编号,订单号,下单日期,金额,数量,状态\n${c.code},PO-1,2024/3/5,100.50,1,\n${c.code},PO-1,2024/3/5,20,2,\nNOPE,PO-2,2024-03-06,5,1,\n${c.code},PO-3,2024-03-07,9.9,1,已退款\n`;
    const s = await run(file(csv), { kind: 'purchases' });
    expect(s.counts).toMatchObject({ rows: 4, created: 2, merged: 1, invalid: 1 });
    expect(s.issues[0]).toMatchObject({ row: 4, column: '客户编号', code: 'unknown_customer' });
    const rows = await kedang.connection.db.selectFrom('purchases').select(['orderNo', 'amountFen', 'quantity', 'status']).where('customerId', '=', c.id).orderBy('orderNo').execute();
    expect(rows).toEqual([
      { orderNo: 'PO-1', amountFen: 12050, quantity: 3, status: 'completed' },
      { orderNo: 'PO-3', amountFen: 990, quantity: 1, status: 'refunded' },
    ]);
  });

  it('a dry run counts what the commit will do when a customer or an order spans chunks', async () => {
    const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
    // order lines and customers interleaved so each order and customer recurs in later chunks of 3 rows
    for (let i = 0; i < 12; i++) lines.push(`9${i % 4}0001,X,ITEM,1,2011-01-0${1 + (i % 4)} 10:00:00,1.00,${90001 + (i % 2)}.0,France`);
    const csv = file(lines.join('\n'));
    const dry = await run(csv, { preset: 'uci-online-retail', dryRun: true, chunkSize: 3 });
    const done = await run(csv, { preset: 'uci-online-retail', chunkSize: 3 });
    expect(done.counts).toMatchObject({ rows: 12, created: 4, merged: 8, customersCreated: 2, invalid: 0 });
    expect(dry.counts).toEqual(done.counts);
  });

  it('imports the UCI Online Retail layout with its preset', async () => {
    const csv = [
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
      '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom',
      'C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,United Kingdom',
      '536414,22139,"RETROSPOT TEA SET, CERAMIC",56,2010-12-01 11:52:00,0,,United Kingdom',
    ].join('\n');
    const s = await run(file(csv), { preset: 'uci-online-retail' });
    expect(s.counts).toMatchObject({ rows: 4, created: 2, merged: 1, customersCreated: 2, invalid: 1 });
    expect(s.issues[0]).toMatchObject({ row: 5, column: 'CustomerID', code: 'required' });
    const p = await kedang.connection.db.selectFrom('purchases').innerJoin('customers', 'customers.id', 'purchases.customerId')
      .select(['orderNo', 'amountFen', 'currency', 'status', 'customers.code', 'customers.province']).where('orderNo', 'in', ['536365', 'C536379']).orderBy('orderNo').execute();
    expect(p).toEqual([
      { orderNo: '536365', amountFen: 3564, currency: 'GBP', status: 'completed', code: '17850', province: 'United Kingdom' },
      { orderNo: 'C536379', amountFen: 2750, currency: 'GBP', status: 'refunded', code: '14527', province: 'United Kingdom' },
    ]);
  });

  it('resumes a batch whose process died after its last committed chunk, never a row twice', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `续导${i},1380014${String(1000 + i)}`).join('\n');
    const p = file(`名称,手机\n${rows}\n`);
    const s = await run(p, { chunkSize: 10 });
    // as if killed after the first chunk: the rows after its watermark gone, the batch still running under a dead process
    const batchId = s.batchId!;
    await kedang.connection.db.deleteFrom('customers').where('importBatchId', '=', batchId).where('name', 'not in', Array.from({ length: 10 }, (_, i) => `续导${i}`)).execute();
    await kedang.connection.db.updateTable('importBatches').set({ status: 'running', rowsDone: 11, runner: `${(await import('node:os')).hostname()}:999999999`, counts: JSON.stringify({ rows: 10, created: 10 }) }).where('id', '=', batchId).execute();
    const resumed = await resumeImports(kedang.deps, kedang.bulk);
    expect(resumed).toMatchObject([{ batchId, outcome: 'resumed' }]);
    expect(resumed[0]!.summary!.counts).toMatchObject({ rows: 25, created: 25 });
    const names = await kedang.connection.db.selectFrom('customers').select('name').where('importBatchId', '=', batchId).execute();
    expect(names.length).toBe(25);
    expect(new Set(names.map((x) => x.name)).size).toBe(25);
  });
});
