import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';

describe.each(testEngines())('customer archive over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = apiClient(server.url);
    await api.signIn();
  });
  afterAll(() => server?.close());

  it('creates an individual and an organisation, lists, edits and shows history', async () => {
    const person = await api.post('/api/v1/customers', { kind: 'individual', name: '张伟', mobile: '+86 138 0013 8000', idCardNo: '11010519491231002X', province: '北京市', city: '北京市', tags: ['VIP'] });
    expect(person.status).toBe(201);
    expect(person.body.code).toMatch(/^KH\d{6}\d{5}$/);
    expect(person.body.mobile).toBe('13800138000');

    const org = await api.post('/api/v1/customers', {
      kind: 'organization', name: '杭州云栈科技有限公司', uscc: '91350100M000100Y43', industry: 'I', stage: 'active',
      contacts: [{ name: '李娜', title: '采购经理', mobile: '13912345678' }],
    });
    expect(org.status).toBe(201);
    expect(org.body.contacts[0].isPrimary).toBe(true);

    const list = await api.get('/api/v1/customers?q=张伟');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].name).toBe('张伟');

    const edited = await api.patch(`/api/v1/customers/${person.body.id}`, { version: person.body.version, stage: 'active', email: 'zw@example.com' });
    expect(edited.status).toBe(200);
    const stale = await api.patch(`/api/v1/customers/${person.body.id}`, { version: person.body.version, stage: 'churned' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const purchase = await api.post(`/api/v1/customers/${org.body.id}/purchases`, { orderNo: 'SO-1', orderedOn: '2026-03-01', amountFen: 1_000_00, costFen: 600_00 });
    expect(purchase.status).toBe(201);
    expect(purchase.body.grossProfitFen).toBe(400_00);
    const interaction = await api.post(`/api/v1/customers/${org.body.id}/interactions`, { channel: 'visit', occurredAt: '2026-03-02T10:00:00+08:00', subject: '上门拜访' });
    expect(interaction.status).toBe(201);

    const history = await api.get(`/api/v1/customers/${person.body.id}/history`);
    const updated = history.body.items.find((e: { action: string }) => e.action === 'customer.updated');
    expect(updated.changes).toEqual(expect.arrayContaining([{ field: 'stage', before: 'potential', after: 'active' }]));
  });

  it('answers bad input with field paths in the chosen language', async () => {
    api.useLanguage('en');
    const r = await api.post('/api/v1/customers', { kind: 'individual', name: '', mobile: '12345', idCardNo: '110105194912310021' });
    api.useLanguage('zh-CN');
    expect(r.status).toBe(400);
    const paths = r.body.error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'mobile', 'idCardNo']));
    expect(r.body.error.issues.find((i: { path: string[] }) => i.path[0] === 'mobile').message).toMatch(/Mobile/);
  });
});
