import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';

/** Upload, preview, dry run, background commit with progress, error reports, undo and list over HTTP. */
describe.each(testEngines())('imports over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;

  /** multipart upload with the session cookie and CSRF token, as the browser sends it */
  const upload = async (content: Buffer | string, name: string, query = '', as = api) => {
    const form = new FormData();
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
    const cookies = as.cookies();
    const res = await fetch(`${server.url}/api/v1/imports/uploads${query}`, {
      method: 'POST',
      body: form,
      headers: { cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.kedang_csrf ?? '', 'accept-language': 'en' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { uploadId: string } };
  };
  const waitFor = async (batchId: number) => {
    for (let i = 0; i < 200; i++) {
      const r = await api.get(`/api/v1/imports/${batchId}`);
      if (r.body.status !== 'running') return r.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('import did not finish');
  };

  beforeAll(async () => {
    server = await startTestServer(engine, { env: { KEDANG_IMPORT_MAX_BYTES: '4096' } });
    api = apiClient(server.url);
    await api.signIn();
  });
  afterAll(async () => server?.close());

  it('previews a GBK upload, dry-runs it with a report, commits it in the background and undoes it', async () => {
    const csv = iconv.encode('客户名称,手机,邮箱\n韩梅梅,13800138100,hmm@example.cn\n李雷,12345,\n', 'gbk');
    const up = await upload(csv, '客户.csv');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: '客户.csv', encoding: 'gb18030', headers: ['客户名称', '手机', '邮箱'], mapping: { name: '客户名称', mobile: '手机', email: '邮箱' } });

    const dry = await api.post('/api/v1/imports', { uploadId: up.body.uploadId, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'dry_run', counts: { rows: 2, created: 1, invalid: 1 } });
    const report = await fetch(`${server.url}${dry.body.report}`, { headers: { cookie: `kedang_session=${api.cookies().kedang_session}` } });
    expect(report.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await report.text()).toContain('3,手机,mobile,不是有效的中国大陆手机号');

    const started = await api.post('/api/v1/imports', { uploadId: up.body.uploadId });
    expect(started.status).toBe(202);
    const done = await waitFor(started.body.batchId);
    expect(done).toMatchObject({ status: 'committed', fileName: '客户.csv', counts: { created: 1, invalid: 1 } });
    expect(done).not.toHaveProperty('filePath');
    const xlsx = await fetch(`${server.url}/api/v1/imports/${started.body.batchId}/report?format=xlsx`, { headers: { cookie: `kedang_session=${api.cookies().kedang_session}` } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await api.get('/api/v1/customers?q=韩梅梅')).body.total).toBe(1);

    const undone = await api.post(`/api/v1/imports/${started.body.batchId}/undo`);
    expect(undone.status).toBe(200);
    expect((await api.get('/api/v1/customers?q=韩梅梅')).body.total).toBe(0);
    const list = await api.get('/api/v1/imports');
    expect(list.body.items[0]).toMatchObject({ id: started.body.batchId, status: 'undone' });
  });

  it('answers bad files and bad mappings with 4xx naming the problem, never 500', async () => {
    const garbage = await upload(Buffer.from([0, 1, 2, 3, 255, 0, 7]), 'x.csv');
    expect(garbage.status).toBe(400);
    expect(JSON.stringify(garbage.body)).toMatch(/not a CSV or XLSX/);
    const big = await upload('名称\n' + 'x\n'.repeat(3000), 'big.csv');
    expect(big.status).toBe(413);
    const ok = await upload('名称,手机\n张三,13800138101\n', 'a.csv');
    const bad = await api.post('/api/v1/imports', { uploadId: ok.body.uploadId, mapping: { name: '不存在的列' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toMatchObject({ path: ['file'], code: 'unknown_column' });
    const unknown = await api.post('/api/v1/imports', { uploadId: '../../etc/passwd' });
    expect(unknown.status).toBe(400);
  });

  it('saves mapping templates', async () => {
    const saved = await api.post('/api/v1/imports/templates', { name: '老系统导出', kind: 'customers', mapping: { name: '客户全称', mobile: '联系电话' } });
    expect(saved.status).toBe(200);
    const up = await upload('客户全称,联系电话\n赵六,13800138102\n', 'b.csv');
    const dry = await api.post('/api/v1/imports', { uploadId: up.body.uploadId, dryRun: true, template: '老系统导出' });
    expect(dry.body).toMatchObject({ counts: { created: 1 }, mapping: { name: '客户全称', mobile: '联系电话' } });
  });

  it('needs the import permission', async () => {
    await api.post('/api/v1/users', { username: 'guest1', displayName: '只读', password: 'reading-pass-42', role: 'readonly' });
    const viewer = apiClient(server.url);
    await viewer.signIn('guest1', 'reading-pass-42');
    expect((await viewer.get('/api/v1/imports')).status).toBe(403);
    // the upload and the dry-run report check it in their use cases, as every other import door does
    expect((await upload('名称\n张三\n', 'c.csv', '', viewer)).status).toBe(403);
    const ok = await upload('名称\n张三\n', 'd.csv');
    await api.post('/api/v1/imports', { uploadId: ok.body.uploadId, dryRun: true });
    expect((await viewer.get(`/api/v1/imports/uploads/${ok.body.uploadId}/report`)).status).toBe(403);
  });
});
