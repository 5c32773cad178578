import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient, type ApiResponse } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError } from '../support/api-assertions.ts';

type Api = ReturnType<typeof apiClient>;

/**
 * A sales user asking for someone else's customer by id gets exactly the answer a customer that never
 * existed gets: 404, same body, nothing written, on every door that takes a customer id.
 */
describe.each(testEngines())("another user's record ids on %s", (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;
  let admin: Api;
  let sales: Api;
  let own: { id: number; version: number };
  let foreign: { id: number; code: string; version: number; contactId: number; purchaseId: number; interactionId: number };
  const missingId = 987_654;

  /** Every door that takes a customer id, for a given id (and child record ids). */
  const doors = (c: Api, id: number, child: { contactId: number; purchaseId: number; interactionId: number }, version: number): [string, () => Promise<ApiResponse>][] => [
    ['get', () => c.get(`/api/v1/customers/${id}`)],
    ['get from the recycle bin', () => c.get(`/api/v1/customers/${id}?includeDeleted=true`)],
    ['patch', () => c.patch(`/api/v1/customers/${id}`, { version, name: '越权修改' })],
    ['delete', () => c.delete(`/api/v1/customers/${id}`)],
    ['restore', () => c.post(`/api/v1/customers/${id}/restore`)],
    ['history', () => c.get(`/api/v1/customers/${id}/history`)],
    ['contacts', () => c.get(`/api/v1/customers/${id}/contacts`)],
    ['add contact', () => c.post(`/api/v1/customers/${id}/contacts`, { name: '越权联系人' })],
    ['patch contact', () => c.patch(`/api/v1/customers/${id}/contacts/${child.contactId}`, { name: '越权' })],
    ['delete contact', () => c.delete(`/api/v1/customers/${id}/contacts/${child.contactId}`)],
    ['purchases', () => c.get(`/api/v1/customers/${id}/purchases`)],
    ['add purchase', () => c.post(`/api/v1/customers/${id}/purchases`, { orderNo: 'X-1', orderedOn: '2026-01-02', amountFen: 100 })],
    ['delete purchase', () => c.delete(`/api/v1/customers/${id}/purchases/${child.purchaseId}`)],
    ['interactions', () => c.get(`/api/v1/customers/${id}/interactions`)],
    ['patch interaction', () => c.patch(`/api/v1/customers/${id}/interactions/${child.interactionId}`, { subject: '越权' })],
    ['reveal', () => c.post(`/api/v1/customers/${id}/reveal`, { fields: ['mobile'] })],
  ];

  beforeAll(async () => {
    server = await startTestServer(engine, { fastPasswords: true });
    snapshot = openSnapshot(server.db);
    admin = apiClient(server.url);
    await admin.signIn();
    const mk = async (username: string) => {
      const r = await admin.post('/api/v1/users', { username, displayName: username, password: 'Sales-team-2026', role: 'sales' });
      expect(r.status).toBe(201);
      const c = apiClient(server.url);
      await c.signIn(username, 'Sales-team-2026');
      return { c, id: r.body.id as number };
    };
    const a = await mk('xiaoli');
    const b = await mk('xiaowang');
    sales = a.c;
    own = (await sales.post('/api/v1/customers', { kind: 'individual', name: '小李的客户', mobile: '13800138001' })).body;
    const other = (await admin.post('/api/v1/customers', { kind: 'individual', name: '小王的客户', mobile: '13900139002', ownerId: b.id, contacts: [{ name: '小王的联系人' }] })).body;
    const contactId = (await admin.get(`/api/v1/customers/${other.id}/contacts`)).body.items[0].id as number;
    const purchaseId = (await admin.post(`/api/v1/customers/${other.id}/purchases`, { orderNo: 'W-1', orderedOn: '2026-01-02', amountFen: 500 })).body.id as number;
    const interactionId = (await admin.post(`/api/v1/customers/${other.id}/interactions`, { channel: 'phone', occurredAt: '2026-01-03T10:00:00+08:00', subject: '回访' })).body.id as number;
    const fresh = (await admin.get(`/api/v1/customers/${other.id}`)).body;
    foreign = { id: other.id, code: other.code, version: fresh.version, contactId, purchaseId, interactionId };
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  it('answers 404 on every door, with the same body as for an id that never existed', async () => {
    const theirs = doors(sales, foreign.id, foreign, foreign.version);
    const nobody = doors(sales, missingId, { contactId: missingId, purchaseId: missingId, interactionId: missingId }, 1);
    const answers: Record<string, number> = {};
    for (let i = 0; i < theirs.length; i++) {
      const [door, call] = theirs[i]!;
      const r = await call();
      const unknown = await nobody[i]![1]();
      answers[door] = r.status;
      // exactly what a record that never existed gets: nothing to tell the two apart
      expect(r.status, door).toBe(unknown.status);
      expect(r.body, door).toEqual(unknown.body);
      expectApiError(r, r.status, r.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN');
      expect(JSON.stringify(r.body)).not.toContain('小王');
    }
    // 403 only where the sales role may not do the thing to any customer at all
    expect(answers).toEqual({
      get: 404, 'get from the recycle bin': 403, patch: 404, delete: 403, restore: 403, history: 404, contacts: 404, 'add contact': 404,
      'patch contact': 404, 'delete contact': 404, purchases: 404, 'add purchase': 404, 'delete purchase': 404, interactions: 404, 'patch interaction': 404, reveal: 403,
    });
    await expectUnchangedAndIntact();
  });

  async function expectUnchangedAndIntact() {
    expect(await snapshot.counts()).toEqual(before);
    const still = await admin.get(`/api/v1/customers/${foreign.id}`);
    expect(still.body).toMatchObject({ name: '小王的客户', version: foreign.version, deletedAt: null });
  }

  it('does not let a search, a filter or paging show that the record exists', async () => {
    for (const q of ['小王', '13900139002', '9002', foreign.code]) {
      const r = await sales.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.total, q).toBe(0);
    }
    const all = await sales.get('/api/v1/customers?pageSize=200');
    expect(all.body.items.map((c: { id: number }) => c.id)).toEqual([own.id]);
  });

  it('still serves the user their own customer on the same doors', async () => {
    expect((await sales.get(`/api/v1/customers/${own.id}`)).status).toBe(200);
    expect((await sales.get(`/api/v1/customers/${own.id}/history`)).status).toBe(200);
    expect((await sales.get(`/api/v1/customers/${own.id}/contacts`)).status).toBe(200);
    expect((await sales.patch(`/api/v1/customers/${own.id}`, { version: own.version, notes: '自己的' })).status).toBe(200);
  });
});
