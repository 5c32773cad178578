import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, expectInvalid } from '../support/api-assertions.ts';

type Change = { field: string; before: unknown; after: unknown };
type Entry = { id: number; action: string; entityType: string; entityId: string | null; customerId: number | null; actorName: string; changes: Change[] };

/** Purchases, interactions and contacts under a customer, and what each leaves in the customer's history. */
describe.each(testEngines())('customer records over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;
  let org: { id: number };
  let other: { id: number };
  let adminId: number;

  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);
  const history = async (customerId: number): Promise<Entry[]> => {
    const r = await api.get(`/api/v1/customers/${customerId}/history?pageSize=200`);
    expect(r.status).toBe(200);
    return r.body.items;
  };
  const entriesFor = async (customerId: number, entityType: string, entityId: number) =>
    (await history(customerId)).filter((e) => e.entityType === entityType && e.entityId === String(entityId));
  const changesOf = (e: Entry | undefined) => Object.fromEntries((e?.changes ?? []).map((c) => [c.field, [c.before, c.after]]));

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    adminId = (await api.signIn()).body.user.id;
    org = (await api.post('/api/v1/customers', { kind: 'organization', name: '杭州云栈科技有限公司', industry: 'I' })).body;
    other = (await api.post('/api/v1/customers', { kind: 'organization', name: '宁波港湾贸易有限公司', industry: 'F' })).body;
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  describe('purchases', () => {
    it('computes gross profit as amount minus cost, none without a cost, and sums completed orders', async () => {
      const full = await api.post(`/api/v1/customers/${org.id}/purchases`, {
        orderNo: 'SO-100', orderedOn: '2026-03-01', amountFen: 12_345_00, costFen: 8_000_00, productLine: '云服务', quantity: 3, dueOn: '2026-03-31', paidOn: '2026-03-15',
      });
      expect(full.status, JSON.stringify(full.body)).toBe(201);
      expect(full.body).toMatchObject({ customerId: org.id, grossProfitFen: 4_345_00, currency: 'CNY', status: 'completed', quantity: 3 });
      const noCost = await api.post(`/api/v1/customers/${org.id}/purchases`, { orderNo: 'SO-101', orderedOn: '2026-03-05', amountFen: 500_00 });
      expect(noCost.body).toMatchObject({ costFen: null, grossProfitFen: null, quantity: 1 });
      const loss = await api.post(`/api/v1/customers/${org.id}/purchases`, { orderNo: 'SO-102', orderedOn: '2026-03-06', amountFen: 100_00, costFen: 150_00 });
      expect(loss.body.grossProfitFen).toBe(-50_00);
      const cancelled = await api.post(`/api/v1/customers/${org.id}/purchases`, { orderNo: 'SO-103', orderedOn: '2026-03-07', amountFen: 999_00, costFen: 0, status: 'cancelled' });
      expect(cancelled.body.grossProfitFen).toBe(999_00);

      const list = await api.get(`/api/v1/customers/${org.id}/purchases`);
      expect(list.body.items.map((p: { orderNo: string }) => p.orderNo)).toEqual(['SO-103', 'SO-102', 'SO-101', 'SO-100']);
      const view = await api.get(`/api/v1/customers/${org.id}`);
      expect(view.body.purchaseSummary).toEqual({ orders: 3, revenueFen: 12_945_00, grossProfitFen: 4_295_00, lastOrderedOn: '2026-03-06' });

      const patched = await api.patch(`/api/v1/customers/${org.id}/purchases/${noCost.body.id}`, { costFen: 200_00 });
      expect(patched.status).toBe(200);
      expect(patched.body.grossProfitFen).toBe(300_00);

      const created = (await entriesFor(org.id, 'purchase', full.body.id)).find((e) => e.action === 'purchase.created');
      expect(changesOf(created)).toMatchObject({ orderNo: [null, 'SO-100'], amountFen: [null, 12_345_00], costFen: [null, 8_000_00] });
      const updated = (await entriesFor(org.id, 'purchase', noCost.body.id)).find((e) => e.action === 'purchase.updated');
      expect(updated?.changes).toEqual([{ field: 'costFen', before: null, after: 200_00 }]);
      expect(updated).toMatchObject({ customerId: org.id, actorName: 'admin' });
    });

    it('refuses a duplicate order number on any customer and writes nothing', async () => {
      const first = await api.post(`/api/v1/customers/${org.id}/purchases`, { orderNo: 'DUP-1', orderedOn: '2026-04-01', amountFen: 1_00 });
      expect(first.status).toBe(201);
      const second = await api.post(`/api/v1/customers/${org.id}/purchases`, { orderNo: 'DUP-2', orderedOn: '2026-04-01', amountFen: 2_00 });
      before = await snapshot.counts();
      for (const [customerId, orderNo] of [[org.id, 'DUP-1'], [other.id, 'DUP-1'], [other.id, '  DUP-1  ']] as const) {
        const r = await api.post(`/api/v1/customers/${customerId}/purchases`, { orderNo, orderedOn: '2026-04-02', amountFen: 3_00 });
        expect([400, 409]).toContain(r.status);
        const e = expectApiError(r, r.status);
        expect(e.issues).toEqual([expect.objectContaining({ path: ['orderNo'], code: 'duplicate' })]);
      }
      const rename = await api.patch(`/api/v1/customers/${org.id}/purchases/${second.body.id}`, { orderNo: 'DUP-1' });
      expect([400, 409]).toContain(rename.status);
      expect(expectApiError(rename, rename.status).issues[0]).toMatchObject({ path: ['orderNo'], code: 'duplicate' });
      const items = (await api.get(`/api/v1/customers/${org.id}/purchases?pageSize=200`)).body.items;
      expect(items.find((p: { id: number }) => p.id === second.body.id)).toEqual(second.body);
      await expectUnchanged();
      // saving a purchase under its own number is not a duplicate
      expect((await api.patch(`/api/v1/customers/${org.id}/purchases/${first.body.id}`, { orderNo: 'DUP-1', notes: '同号保存' })).status).toBe(200);
    });

    it('refuses a paid or due date before the order date, on create and on PATCH', async () => {
      const base = { orderNo: 'DATE-1', orderedOn: '2026-03-10', amountFen: 1_00 };
      expectInvalid(await api.post(`/api/v1/customers/${org.id}/purchases`, { ...base, paidOn: '2026-03-09' }), 'paidOn', 'before_order_date');
      expectInvalid(await api.post(`/api/v1/customers/${org.id}/purchases`, { ...base, dueOn: '2026-02-28' }), 'dueOn', 'before_order_date');
      await expectUnchanged();
      const sameDay = await api.post(`/api/v1/customers/${org.id}/purchases`, { ...base, paidOn: '2026-03-10', dueOn: '2026-03-10' });
      expect(sameDay.status).toBe(201);
      before = await snapshot.counts();
      expectInvalid(await api.patch(`/api/v1/customers/${org.id}/purchases/${sameDay.body.id}`, { orderedOn: '2026-03-11' }), 'paidOn', 'before_order_date');
      expectInvalid(await api.patch(`/api/v1/customers/${org.id}/purchases/${sameDay.body.id}`, { paidOn: '2026-01-01' }), 'paidOn', 'before_order_date');
      const items = (await api.get(`/api/v1/customers/${org.id}/purchases?pageSize=200`)).body.items;
      expect(items.find((p: { id: number }) => p.id === sameDay.body.id)).toEqual(sameDay.body);
      await expectUnchanged();
    });

    it('deletes a purchase and keeps its old values in the history', async () => {
      const p = (await api.post(`/api/v1/customers/${org.id}/purchases`, { orderNo: 'DEL-1', orderedOn: '2026-05-01', amountFen: 7_00, costFen: 3_00 })).body;
      expect((await api.delete(`/api/v1/customers/${org.id}/purchases/${p.id}`)).status).toBe(204);
      expectApiError(await api.delete(`/api/v1/customers/${org.id}/purchases/${p.id}`), 404, 'NOT_FOUND');
      const deleted = (await entriesFor(org.id, 'purchase', p.id)).find((e) => e.action === 'purchase.deleted');
      expect(changesOf(deleted)).toMatchObject({ orderNo: ['DEL-1', null], amountFen: [7_00, null], costFen: [3_00, null] });
      // the number is free again once the order is gone
      expect((await api.post(`/api/v1/customers/${other.id}/purchases`, { orderNo: 'DEL-1', orderedOn: '2026-05-02', amountFen: 1 })).status).toBe(201);
    });
  });

  describe('interactions', () => {
    it('adds, edits and deletes an interaction, each in the history', async () => {
      const added = await api.post(`/api/v1/customers/${org.id}/interactions`, {
        channel: 'visit', occurredAt: '2026-03-02T10:00:00+08:00', subject: '上门拜访', summary: '确认续约意向', nextFollowUpOn: '2026-03-09',
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      expect(added.body).toMatchObject({ occurredAt: '2026-03-02T02:00:00.000Z', byUserId: adminId, nextFollowUpOn: '2026-03-09' });
      const later = await api.post(`/api/v1/customers/${org.id}/interactions`, { channel: 'wechat', occurredAt: '2026-03-05T09:30:00Z', subject: '微信沟通' });
      const list = await api.get(`/api/v1/customers/${org.id}/interactions`);
      expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([later.body.id, added.body.id]);

      const edited = await api.patch(`/api/v1/customers/${org.id}/interactions/${added.body.id}`, { subject: '上门拜访（续约）', nextFollowUpOn: null });
      expect(edited.status).toBe(200);
      expect((await api.delete(`/api/v1/customers/${org.id}/interactions/${later.body.id}`)).status).toBe(204);

      const created = (await entriesFor(org.id, 'interaction', added.body.id)).find((e) => e.action === 'interaction.created');
      expect(changesOf(created)).toMatchObject({ channel: [null, 'visit'], subject: [null, '上门拜访'] });
      const updated = (await entriesFor(org.id, 'interaction', added.body.id)).find((e) => e.action === 'interaction.updated');
      expect(changesOf(updated)).toEqual({ subject: ['上门拜访', '上门拜访（续约）'], nextFollowUpOn: ['2026-03-09', null] });
      const deleted = (await entriesFor(org.id, 'interaction', later.body.id)).find((e) => e.action === 'interaction.deleted');
      expect(changesOf(deleted)).toMatchObject({ subject: ['微信沟通', null] });
    });

    it('refuses an unknown user and impossible times, writing nothing', async () => {
      const base = { channel: 'phone', occurredAt: '2026-03-02T10:00:00+08:00', subject: '电话' };
      expectInvalid(await api.post(`/api/v1/customers/${org.id}/interactions`, { ...base, byUserId: 999_999 }), 'byUserId', 'unknown_reference');
      expectInvalid(await api.post(`/api/v1/customers/${org.id}/interactions`, { ...base, occurredAt: '2026-02-30T10:00:00+08:00' }), 'occurredAt', 'bad_datetime');
      expectInvalid(await api.post(`/api/v1/customers/${org.id}/interactions`, { ...base, channel: 'pigeon' }), 'channel', 'invalid_value');
      await expectUnchanged();
    });
  });

  describe('contacts', () => {
    it('keeps one primary contact: marking one unmarks the other, both in the history', async () => {
      const c = (await api.post('/api/v1/customers', { kind: 'organization', name: '苏州联系人测试有限公司', contacts: [{ name: '李娜' }, { name: '王芳' }] })).body;
      const [li, wang] = c.contacts as { id: number; name: string; isPrimary: boolean }[];
      expect([li?.isPrimary, wang?.isPrimary]).toEqual([true, false]);
      const primaries = async () => (await api.get(`/api/v1/customers/${c.id}/contacts`)).body.items.filter((x: { isPrimary: boolean }) => x.isPrimary).map((x: { name: string }) => x.name);

      const marked = await api.patch(`/api/v1/customers/${c.id}/contacts/${wang?.id}`, { isPrimary: true });
      expect(marked.status).toBe(200);
      expect(await primaries()).toEqual(['王芳']);
      expect(changesOf((await entriesFor(c.id, 'contact', wang!.id)).find((e) => e.action === 'contact.updated'))).toEqual({ isPrimary: [false, true] });
      expect(changesOf((await entriesFor(c.id, 'contact', li!.id)).find((e) => e.action === 'contact.updated'))).toEqual({ isPrimary: [true, false] });

      const third = await api.post(`/api/v1/customers/${c.id}/contacts`, { name: '赵敏', mobile: '+86 139 1234 5678', isPrimary: true });
      expect(third.status).toBe(201);
      expect(third.body.mobile).toBe('13912345678');
      expect(await primaries()).toEqual(['赵敏']);
      const plain = await api.post(`/api/v1/customers/${c.id}/contacts`, { name: '钱坤' });
      expect(plain.body.isPrimary).toBe(false);
      expect(await primaries()).toEqual(['赵敏']);
      expect((await entriesFor(c.id, 'contact', wang!.id)).filter((e) => e.action === 'contact.updated')).toHaveLength(2);
    });

    it('edits and deletes a contact with history, and refuses bad edits writing nothing', async () => {
      const c = (await api.post('/api/v1/customers', { kind: 'individual', name: '刘洋', contacts: [{ name: '刘妻', title: '家属' }] })).body;
      const contact = c.contacts[0] as { id: number };
      before = await snapshot.counts();
      expectInvalid(await api.patch(`/api/v1/customers/${c.id}/contacts/${contact.id}`, { mobile: '12345' }), 'mobile', 'bad_mobile');
      expectInvalid(await api.patch(`/api/v1/customers/${c.id}/contacts/${contact.id}`, { name: '' }), 'name', 'required');
      await expectUnchanged();
      const edited = await api.patch(`/api/v1/customers/${c.id}/contacts/${contact.id}`, { title: null, email: 'LIU@Example.com' });
      expect(edited.body).toMatchObject({ title: null, email: 'LIU@example.com' });
      expect((await api.delete(`/api/v1/customers/${c.id}/contacts/${contact.id}`)).status).toBe(204);
      const entries = await entriesFor(c.id, 'contact', contact.id);
      expect(entries.map((e) => e.action)).toEqual(['contact.deleted', 'contact.updated', 'contact.created']);
      expect(changesOf(entries[1])).toEqual({ title: ['家属', null], email: [null, 'LIU@example.com'] });
      expect(changesOf(entries[0])).toMatchObject({ name: ['刘妻', null] });
      expect((await api.get(`/api/v1/customers/${c.id}/contacts`)).body.items).toEqual([]);
    });

    it('refuses records under a deleted customer', async () => {
      const c = (await api.post('/api/v1/customers', { kind: 'individual', name: '回收站里的客户', contacts: [{ name: '联系人' }] })).body;
      expect((await api.delete(`/api/v1/customers/${c.id}`)).status).toBe(200);
      before = await snapshot.counts();
      expectApiError(await api.post(`/api/v1/customers/${c.id}/contacts`, { name: '新人' }), 404, 'NOT_FOUND');
      expectApiError(await api.patch(`/api/v1/customers/${c.id}/contacts/${c.contacts[0].id}`, { name: '改名' }), 404, 'NOT_FOUND');
      expectApiError(await api.post(`/api/v1/customers/${c.id}/purchases`, { orderNo: 'BIN-1', orderedOn: '2026-01-01', amountFen: 1 }), 404, 'NOT_FOUND');
      expectApiError(await api.get(`/api/v1/customers/${c.id}/interactions`), 404, 'NOT_FOUND');
      await expectUnchanged();
      expect((await api.get(`/api/v1/customers/${c.id}/history`)).status).toBe(200);
    });
  });

  it('lists history newest first, every entry about this customer', async () => {
    const entries = await history(org.id);
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(new Set(entries.map((e) => e.customerId))).toEqual(new Set([org.id]));
    expect(entries.at(-1)).toMatchObject({ action: 'customer.created', entityType: 'customer' });
  });
});
