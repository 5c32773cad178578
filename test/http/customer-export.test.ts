import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/users/user.ts';
import { seedArchive } from '../../src/services/seed/seed-archive.ts';
import { openKedang } from '../../src/wiring.ts';
import { expectInvalid } from '../support/api-assertions.ts';
import { testEngines } from '../support/engines.ts';
import { apiClient } from '../support/http-client.ts';
import { startTestServer } from '../support/kedang.ts';

/** Export of the customer list over HTTP: file headers, who may export what, errors, and a download cut short. */
describe.each(testEngines())('customer export over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ReturnType<typeof apiClient>;
  let cookie: string;
  const seeded = 12_000;

  const download = (query: string, c = cookie, lang = 'zh-CN') => fetch(`${server.url}/api/v1/customers/export?${query}`, { headers: { cookie: c, 'accept-language': lang } });
  const auditOf = async (action: string) => (await admin.get(`/api/v1/audit?action=${action}&pageSize=1`)).body.items[0];
  async function userCookie(username: string, role: string) {
    const password = `${[...username].reverse().join('')}-pass-1`;
    const created = await admin.post('/api/v1/users', { username, displayName: username, password, role });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = apiClient(server.url);
    const signedIn = await client.signIn(username, password);
    return { id: created.body.id as number, client, cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  }

  beforeAll(async () => {
    server = await startTestServer(engine, { fastPasswords: true });
    admin = apiClient(server.url);
    cookie = ((await admin.signIn()).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // enough rows that a download spans several batches
    const seeder = await openKedang(server.db.config);
    try {
      await seedArchive(seeder.deps, systemActor('test'), seeder.bulk, { customers: seeded, orders: 0, interactions: 0, asOf: new Date('2026-11-30T12:00:00+08:00') });
    } finally {
      await seeder.connection.close();
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('streams the filtered list as CSV with a Chinese file name', async () => {
    const created = await admin.post('/api/v1/customers', { kind: 'individual', name: '导出测试客户', province: '西藏自治区', city: '拉萨市', mobile: '13800138000' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await download(`province=${encodeURIComponent('西藏自治区')}&city=${encodeURIComponent('拉萨市')}&q=${encodeURIComponent('导出测试')}&columns=code,name,mobile`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="export-\d{8}-\d{4}\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%87%BA-\d{8}-\d{4}\.csv$/);
    expect(res.headers.get('x-kedang-export-rows')).toBe('1');
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true }) as string[][];
    expect(rows).toEqual([
      ['客户编号', '客户名称', '手机'],
      [created.body.code, '导出测试客户', '13800138000'],
    ]);
  });

  it('serves XLSX with English headers for an English request', async () => {
    const res = await download('format=xlsx&columns=code,name&kind=organization', cookie, 'en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/filename="customers-\d{8}-\d{4}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.read(Readable.from([Buffer.from(await res.arrayBuffer())]));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Customers');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Code', 'Name']);
    expect(ws.rowCount - 1).toBe(Number(res.headers.get('x-kedang-export-rows')));
  });

  it('names an unknown column and a bad format, in the request language', async () => {
    const zh = await download('columns=name,salary');
    expect(zh.status).toBe(400);
    expect(((await zh.json()) as { error: { message: string } }).error.message).toBe('导出列：“salary”不是可导出的列');
    const en = await fetch(`${server.url}/api/v1/customers/export?columns=salary&lang=en`, { headers: { cookie } });
    expect(((await en.json()) as { error: { message: string } }).error.message).toBe('Columns "salary" is not an exportable column');
    expectInvalid(await admin.get('/api/v1/customers/export?format=pdf'), 'format');
  });

  it('lets a sales rep export only their own customers, and refuses roles without export', async () => {
    const rep = await userCookie('xiaowang', 'sales');
    for (const name of ['王的客户一', '王的客户二']) expect((await admin.post('/api/v1/customers', { kind: 'individual', name, ownerId: rep.id })).status).toBe(201);
    const res = await download('columns=name,ownerId', rep.cookie);
    expect(res.status).toBe(200);
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true }) as string[][];
    expect(rows.slice(1)).toEqual([
      ['王的客户一', 'xiaowang'],
      ['王的客户二', 'xiaowang'],
    ]);
    const cols = await rep.client.get('/api/v1/customers/export/columns');
    expect(cols.body.columns.find((c: { key: string }) => c.key === 'idCardNo')).toMatchObject({ masked: true });

    // a role without the export permission may not export at all, not even customers shared with it
    const auditor = await userCookie('shenji', 'auditor');
    const refused = await download('columns=name', auditor.cookie);
    expect(refused.status).toBe(403);
  });

  it('stops reading when the client goes away, and audits the export as aborted with the rows sent', async () => {
    const ac = new AbortController();
    const res = await fetch(`${server.url}/api/v1/customers/export?columns=code,name,mobile`, { headers: { cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    let finished: { meta: { outcome: string; rowCount: number } } | undefined;
    for (let i = 0; i < 50 && finished?.meta.outcome !== 'aborted'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      finished = await auditOf('customer.export_finished');
    }
    expect(finished?.meta.outcome).toBe('aborted');
    expect(finished!.meta.rowCount).toBeLessThan(seeded);
    const started = await auditOf('customer.exported');
    expect(started).toMatchObject({ actorName: 'admin', meta: { format: 'csv', columns: ['code', 'name', 'mobile'], expectedRows: expect.any(Number) } });
    expect(started.meta.expectedRows).toBeGreaterThanOrEqual(seeded);
  });
});
