import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';

type Api = ReturnType<typeof apiClient>;

describe.each(testEngines())('controlled sharing on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: Api;
  const as: Record<string, Api> = {};
  const user: Record<string, number> = {};
  let hz: number;
  let other: number;
  const customer: Record<string, number> = {};

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = apiClient(server.url);
    await admin.signIn();
    hz = (await admin.post('/api/v1/departments', { name: '杭州分部' })).body.id;
    other = (await admin.post('/api/v1/departments', { name: '苏州分部' })).body.id;
    for (const [name, role, departmentId] of [['amy', 'sales', hz], ['bob', 'sales', hz], ['cat', 'sales', other], ['mia', 'manager', hz]] as const) {
      const u = await admin.post('/api/v1/users', { username: name, displayName: name, password: 'share-pass-1', role, departmentId });
      user[name] = u.body.id;
      const t = await admin.post(`/api/v1/users/${u.body.id}/tokens`, { name: 't' });
      as[name] = apiClient(server.url);
      as[name]!.useToken(t.body.token);
    }
    const make = async (key: string, owner: string, extra: Record<string, unknown> = {}) => {
      const r = await admin.post('/api/v1/customers', { kind: 'individual', name: `共享测试${key}`, ownerId: user[owner], departmentId: hz, mobile: `1370000${String(Object.keys(customer).length).padStart(4, '0')}`, email: `${key}@example.com`, ...extra });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      customer[key] = r.body.id;
    };
    await make('a1', 'amy', { tags: ['VIP'] });
    await make('a2', 'amy');
    await make('b1', 'bob', { tags: ['VIP'] });
  });
  afterAll(() => server?.close());

  const sees = async (api: Api, key: string) => (await api.get(`/api/v1/customers/${customer[key]}`)).status === 200;

  it('shares one customer to read, visible in list, count and get, then revokes it', async () => {
    expect(await sees(as.bob!, 'a2')).toBe(false);
    const share = await as.amy!.post('/api/v1/shares', { customerId: customer.a2, granteeUserId: user.bob, access: 'read' });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    expect(await sees(as.bob!, 'a2')).toBe(true);
    const list = await as.bob!.get('/api/v1/customers?q=共享测试');
    expect(list.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['共享测试a2', '共享测试b1']);
    const write = await as.bob!.post(`/api/v1/customers/${customer.a2}/interactions`, { channel: 'phone', occurredAt: '2026-03-01T10:00:00Z', subject: '越权' });
    expect(write.status).toBe(403);
    expect((await as.amy!.get(`/api/v1/customers/${customer.a2}/shares`)).body).toHaveLength(1);
    const history = await admin.get(`/api/v1/customers/${customer.a2}/history`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('customer.shared');
    expect((await as.amy!.delete(`/api/v1/shares/${share.body.id}`)).status).toBe(204);
    expect(await sees(as.bob!, 'a2')).toBe(false);
  });

  it('lets an edit share write, and refuses an edit share from someone who cannot edit', async () => {
    await as.amy!.post('/api/v1/shares', { customerId: customer.a1, granteeUserId: user.bob, access: 'edit' });
    const write = await as.bob!.post(`/api/v1/customers/${customer.a1}/interactions`, { channel: 'phone', occurredAt: '2026-03-01T10:00:00Z', subject: '协助跟进' });
    expect(write.status).toBe(201);
    const resharing = await as.bob!.post('/api/v1/shares', { customerId: customer.a1, granteeUserId: user.cat, access: 'read' });
    expect(resharing.status).toBe(403); // a share is not a licence to pass it on
  });

  it('shares with a department and stops at the end date', async () => {
    const expired = await as.amy!.post('/api/v1/shares', { customerId: customer.a2, granteeDepartmentId: other, access: 'read', expiresOn: '2020-01-01' });
    expect(expired.status).toBe(201);
    expect(await sees(as.cat!, 'a2')).toBe(false);
    await as.amy!.post('/api/v1/shares', { customerId: customer.a2, granteeDepartmentId: other, access: 'read', expiresOn: '2099-12-31' });
    expect(await sees(as.cat!, 'a2')).toBe(true);
  });

  it('shares a saved filter without reaching past the reach of whoever saved it', async () => {
    const saved = await as.amy!.post('/api/v1/saved-filters', { name: '我的 VIP', query: { tag: 'VIP' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    await as.amy!.post('/api/v1/shares', { savedFilterId: saved.body.id, granteeUserId: user.cat, access: 'read' });
    const list = await as.cat!.get('/api/v1/customers?tag=VIP');
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['共享测试a1']); // not bob's VIP b1
    expect(await sees(as.cat!, 'b1')).toBe(false);
  });

  it('gives a partner exactly the shared fields, masked as asked, logs every access, and ends at revocation', async () => {
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const partner = await as.mia!.post('/api/v1/partners', { name: '华东渠道伙伴', contactName: '周经理' });
    expect(partner.status).toBe(201);
    const outside = await as.amy!.post('/api/v1/partner-shares', { partnerId: partner.body.id, title: 'x', purpose: '联合促销', customerIds: [customer.b1], fields: ['name'], expiresOn: soon });
    expect(outside.status).toBe(400); // amy cannot pass on bob's customer
    expect(outside.body.error.issues[0].path).toEqual(['customerIds', 0]);
    const share = await as.mia!.post('/api/v1/partner-shares', {
      partnerId: partner.body.id, title: '春季联合促销名单', purpose: '渠道伙伴回访', customerIds: [customer.a1, customer.b1],
      fields: ['code', 'name', 'mobile'], maskedFields: ['mobile'], allowDownload: true, expiresOn: soon,
    });
    expect(share.status, JSON.stringify(share.body)).toBe(201);
    const portal = apiClient(server.url);
    const page = await portal.get(`/api/portal/${share.body.token}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(2);
    for (const row of page.body.items) {
      expect(Object.keys(row).sort()).toEqual(['code', 'mobile', 'name']);
      expect(row.mobile).toMatch(/^137\*{4}\d{4}$/);
    }
    const csv = await fetch(`${server.url}/api/portal/${share.body.token}/download`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads the Chinese right
    const text = bytes.toString('utf8');
    expect(text).toContain('共享测试a1');
    expect(text).not.toContain('@example.com');
    const log = await as.mia!.get(`/api/v1/partner-shares/${share.body.id}/access-log`);
    expect(log.body.map((l: { action: string }) => l.action).sort()).toEqual(['download', 'view']);
    expect((await portal.get(`/api/v1/customers/${customer.a1}`)).status).toBe(401); // the link opens nothing else
    // another sharer neither sees this share nor its log, nor can end it; an admin can
    expect((await as.amy!.get('/api/v1/partner-shares')).body.map((s: { id: number }) => s.id)).not.toContain(share.body.id);
    expect((await as.amy!.get(`/api/v1/partner-shares/${share.body.id}/access-log`)).status).toBe(404);
    expect((await as.amy!.delete(`/api/v1/partner-shares/${share.body.id}`)).status).toBe(404);
    expect((await admin.get('/api/v1/partner-shares')).body.map((s: { id: number }) => s.id)).toContain(share.body.id);
    expect((await as.mia!.delete(`/api/v1/partner-shares/${share.body.id}`)).status).toBe(204);
    expect((await portal.get(`/api/portal/${share.body.token}`)).status).toBe(404);
    expect((await portal.get(`/api/portal/${share.body.token}x`)).status).toBe(404);
  });
  it('edits a partner, names the bad field, and audits the change', async () => {
    const partner = await as.mia!.post('/api/v1/partners', { name: '华南物流', contactName: '李经理' });
    const edited = await as.mia!.patch(`/api/v1/partners/${partner.body.id}`, { contactEmail: 'li@example.com', note: '年度礼品寄送' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ name: '华南物流', contactName: '李经理', contactEmail: 'li@example.com', note: '年度礼品寄送' });
    const blank = await as.mia!.patch(`/api/v1/partners/${partner.body.id}`, { name: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues[0].path).toEqual(['name']);
    expect((await as.mia!.patch('/api/v1/partners/999999', { name: '无' })).status).toBe(404);
    expect((await as.mia!.get('/api/v1/partners')).body.find((p: { id: number }) => p.id === partner.body.id).contactEmail).toBe('li@example.com');
    const audit = await admin.get('/api/v1/audit?action=partner.updated');
    expect(audit.body.items[0].changes).toContainEqual({ field: 'contactEmail', before: null, after: 'li@example.com' });
  });
});
