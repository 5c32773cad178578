import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { makeIdCard } from '../../src/domain/customers/validators.ts';

/**
 * Role × scope × door. The expected reach of each user is written out by hand below (not derived from
 * the access code), and every door that can show a customer is asked: list, count, search by name,
 * search by mobile, get, history, contacts, purchases, interactions, update, delete, reveal.
 */
type Api = ReturnType<typeof apiClient>;
const customers = ['hq', 'east', 'hzA', 'hzB', 'south'] as const;
type Key = (typeof customers)[number];

const reach: Record<string, { read: Key[]; update: Key[]; delete: Key[]; idCard: 'plain' | 'masked' | 'hidden'; mobile: 'plain' | 'masked' | 'hidden' }> = {
  admin: { read: [...customers], update: [...customers], delete: [...customers], idCard: 'plain', mobile: 'plain' },
  manager: { read: ['east', 'hzA', 'hzB'], update: ['east', 'hzA', 'hzB'], delete: ['east', 'hzA', 'hzB'], idCard: 'masked', mobile: 'plain' },
  salesA: { read: ['hzA'], update: ['hzA'], delete: [], idCard: 'masked', mobile: 'plain' },
  salesB: { read: ['hzB'], update: ['hzB'], delete: [], idCard: 'masked', mobile: 'plain' },
  service: { read: ['south'], update: ['south'], delete: [], idCard: 'masked', mobile: 'plain' },
  readonly: { read: [...customers], update: [], delete: [], idCard: 'masked', mobile: 'masked' },
  auditor: { read: [...customers], update: [], delete: [], idCard: 'masked', mobile: 'masked' },
  viewer: { read: ['east'], update: [], delete: [], idCard: 'hidden', mobile: 'masked' },
};

describe.each(testEngines())('permission matrix on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: Record<string, Api> = {};
  const ids = {} as Record<Key, number>;
  const mobiles = {} as Record<Key, string>;
  const idCards = {} as Record<Key, string>;
  const names = {} as Record<Key, string>;
  const historyIds: string[] = [];
  let seed = 7;
  const rng = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

  beforeAll(async () => {
    server = await startTestServer(engine);
    const admin = apiClient(server.url);
    await admin.signIn();
    clients.admin = admin;
    const dept = async (name: string, parentId?: number) => (await admin.post('/api/v1/departments', { name, parentId })).body.id as number;
    const hq = await dept('总部');
    const east = await dept('华东区', hq);
    const hz = await dept('杭州分部', east);
    const south = await dept('华南区', hq);
    await admin.post('/api/v1/roles', {
      key: 'viewer', nameZh: '区域查看', grants: { records: { read: 'department' }, system: [], fields: { idCardNo: 'hidden', mobile: 'masked' } },
    });
    const users: Record<string, { role: string; departmentId: number }> = {
      manager: { role: 'manager', departmentId: east }, salesA: { role: 'sales', departmentId: hz }, salesB: { role: 'sales', departmentId: hz },
      service: { role: 'service', departmentId: south }, readonly: { role: 'readonly', departmentId: hq }, auditor: { role: 'auditor', departmentId: hq },
      viewer: { role: 'viewer', departmentId: east },
    };
    const userIds: Record<string, number> = {};
    for (const [name, u] of Object.entries(users)) {
      const created = await admin.post('/api/v1/users', { username: name.toLowerCase(), displayName: name, password: 'matrix-pass-1', ...u });
      expect(created.status).toBe(201);
      userIds[name] = created.body.id;
      const token = await admin.post(`/api/v1/users/${created.body.id}/tokens`, { name: 'matrix' });
      clients[name] = apiClient(server.url);
      clients[name]!.useToken(token.body.token);
    }
    const place: Record<Key, { ownerId: number | null; departmentId: number }> = {
      hq: { ownerId: null, departmentId: hq }, east: { ownerId: userIds.manager!, departmentId: east }, hzA: { ownerId: userIds.salesA!, departmentId: hz },
      hzB: { ownerId: userIds.salesB!, departmentId: hz }, south: { ownerId: null, departmentId: south },
    };
    let n = 0;
    for (const key of customers) {
      n += 1;
      names[key] = `矩阵客户${key}`;
      mobiles[key] = `1390000${String(n).padStart(4, '0')}`;
      idCards[key] = makeIdCard(rng, `19${70 + n}-0${n}-1${n}`, n % 2 ? 'male' : 'female');
      const c = await admin.post('/api/v1/customers', { kind: 'individual', name: names[key], mobile: mobiles[key], idCardNo: idCards[key], ...place[key], contacts: [{ name: `${key}联系人`, mobile: mobiles[key] }] });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      ids[key] = c.body.id;
      await admin.post(`/api/v1/customers/${c.body.id}/purchases`, { orderNo: `MX-${key}`, orderedOn: '2026-01-02', amountFen: 100 });
      // a change of ID number, so the history holds old and new values that must stay masked too
      const replacement = makeIdCard(rng, `19${60 + n}-1${n % 3}-2${n}`, 'female');
      await admin.patch(`/api/v1/customers/${c.body.id}`, { version: c.body.version, idCardNo: replacement });
      historyIds.push(idCards[key], replacement);
      idCards[key] = replacement;
    }
  });
  afterAll(() => server?.close());

  const everyone = Object.keys(reach);

  it.each(everyone)('%s sees exactly their customers in the list, its count and every search', async (who) => {
    const api = clients[who]!;
    const expected = reach[who]!.read.map((k) => names[k]).sort();
    const list = await api.get('/api/v1/customers?q=矩阵客户&pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { name: string }) => c.name).sort()).toEqual(expected);
    expect(list.body.total).toBe(expected.length);
    const all = await api.get('/api/v1/customers?pageSize=1');
    expect(all.body.total).toBe(expected.length);
    for (const key of customers) {
      const byName = await api.get(`/api/v1/customers?q=${encodeURIComponent(names[key])}`);
      expect(byName.body.total, `${who} searching ${key} by name`).toBe(reach[who]!.read.includes(key) ? 1 : 0);
      const byCode = await api.get(`/api/v1/customers?q=${encodeURIComponent(mobiles[key])}`);
      expect(byCode.body.total, `${who} searching ${key} by mobile`).toBe(reach[who]!.read.includes(key) ? 1 : 0);
    }
  });

  it.each(everyone)('%s can open only their customers through every door, and nothing else admits it exists', async (who) => {
    const api = clients[who]!;
    for (const key of customers) {
      const allowed = reach[who]!.read.includes(key);
      for (const door of ['', '/history', '/contacts', '/purchases', '/interactions']) {
        const r = await api.get(`/api/v1/customers/${ids[key]}${door}`);
        expect(r.status, `${who} GET ${key}${door}`).toBe(allowed ? 200 : 404);
      }
    }
  });

  it.each(everyone)('%s writes only where their role reaches: 403 where they can read, 404 where they cannot', async (who) => {
    const api = clients[who]!;
    for (const key of customers) {
      const canRead = reach[who]!.read.includes(key);
      const canUpdate = reach[who]!.update.includes(key);
      const r = await api.post(`/api/v1/customers/${ids[key]}/interactions`, { channel: 'phone', occurredAt: '2026-02-01T10:00:00Z', subject: `${who} 来电` });
      expect(r.status, `${who} writes ${key}`).toBe(canUpdate ? 201 : canRead ? 403 : 404);
      const del = await api.raw('DELETE', `/api/v1/customers/${ids[key]}/interactions/999999`);
      expect([404, 403]).toContain(del.status);
      if (!canUpdate) expect(del.status).toBe(canRead ? 403 : 404);
    }
  });

  it.each(everyone)('%s sees sensitive fields as their role says, in the record, its contacts and its history', async (who) => {
    const api = clients[who]!;
    const { idCard, mobile } = reach[who]!;
    for (const key of reach[who]!.read) {
      const c = (await api.get(`/api/v1/customers/${ids[key]}`)).body;
      const expectField = (value: unknown, plain: string, mode: string) => {
        if (mode === 'plain') expect(value).toBe(plain);
        else if (mode === 'hidden') expect(value).toBeUndefined();
        else expect(value).toBe(`${plain.slice(0, 3)}${'*'.repeat(plain.length - 7)}${plain.slice(-4)}`);
      };
      expectField(c.mobile, mobiles[key], mobile);
      expectField(c.contacts[0].mobile, mobiles[key], mobile);
      const currentId = c.idCardNo;
      if (idCard === 'plain') expect(currentId).toMatch(/^\d{17}[\dX]$/);
      else if (idCard === 'hidden') expect(currentId).toBeUndefined();
      else expect(currentId).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
      const history = (await api.get(`/api/v1/customers/${ids[key]}/history`)).body.items as { changes: { field: string; before: unknown; after: unknown }[] }[];
      const shown = JSON.stringify(history);
      if (idCard !== 'plain') for (const id of historyIds) expect(shown).not.toContain(id);
      if (mobile !== 'plain') expect(shown).not.toContain(mobiles[key]);
    }
  });

  it('reveals a masked value only with the reveal permission, and audits it', async () => {
    const manager = clients.manager!;
    const revealed = await manager.post(`/api/v1/customers/${ids.hzA}/reveal`, { fields: ['idCardNo'] });
    expect(revealed.status).toBe(200);
    expect(revealed.body.idCardNo).toMatch(/^\d{17}[\dX]$/);
    expect((await clients.salesA!.post(`/api/v1/customers/${ids.hzA}/reveal`, { fields: ['idCardNo'] })).status).toBe(403);
    expect((await manager.post(`/api/v1/customers/${ids.south}/reveal`, { fields: ['idCardNo'] })).status).toBe(404);
    const audit = await clients.admin!.get(`/api/v1/audit?action=customer.fields_revealed&customerId=${ids.hzA}`);
    expect(audit.body.items[0]).toMatchObject({ actorName: 'manager', meta: { fields: ['idCardNo'] } });
  });

  it('stops mass assignment: no owner, department, code or audit fields without the permission', async () => {
    const sales = clients.salesA!;
    const c = (await sales.get(`/api/v1/customers/${ids.hzA}`)).body;
    const toOther = await sales.patch(`/api/v1/customers/${ids.hzA}`, { version: c.version, ownerId: 1 });
    expect(toOther.status).toBe(403);
    expect(toOther.body.error.issues[0].path).toEqual(['ownerId']);
    for (const field of ['code', 'createdBy', 'updatedAt', 'deletedAt', 'version2']) {
      const r = await sales.patch(`/api/v1/customers/${ids.hzA}`, { version: c.version, [field]: 'x' });
      expect(r.status, field).toBe(400);
    }
    const forOther = await sales.post('/api/v1/customers', { kind: 'individual', name: '别人的客户', ownerId: 1 });
    expect(forOther.status).toBe(403);
    const masked = await sales.patch(`/api/v1/customers/${ids.hzA}`, { version: c.version, idCardNo: makeIdCard(rng, '1990-01-01', 'male') });
    expect(masked.status).toBe(403);
    expect(masked.body.error.issues[0].path).toEqual(['idCardNo']);
    const echoed = await sales.patch(`/api/v1/customers/${ids.hzA}`, { version: c.version, idCardNo: c.idCardNo });
    expect(echoed.status).toBe(400); // a mask is not an ID number, and never overwrites one
    const notes = await sales.patch(`/api/v1/customers/${ids.hzA}`, { version: c.version, notes: '只改备注' });
    expect(notes.status).toBe(200);
    expect(notes.body.idCardNo).toBe(c.idCardNo);
    const stillReal = await clients.admin!.get(`/api/v1/customers/${ids.hzA}`);
    expect(stillReal.body.idCardNo).toMatch(/^\d{17}[\dX]$/);
  });

  it('keeps the recycle bin and the audit log to the roles that may see them', async () => {
    expect((await clients.salesA!.get('/api/v1/customers?deleted=only')).status).toBe(403);
    expect((await clients.salesA!.get('/api/v1/audit')).status).toBe(403);
    expect((await clients.auditor!.get('/api/v1/audit')).status).toBe(200);
    expect((await clients.manager!.get('/api/v1/customers?deleted=only')).status).toBe(200);
  });
});
