import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, hasChinese } from '../support/api-assertions.ts';

type OpenApi = { openapi: string; paths: Record<string, Record<string, unknown>> };

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
const publicRoutes = new Set(['POST /api/v1/auth/sign-in', 'POST /api/v1/auth/sign-in/totp', 'POST /api/v1/auth/sign-out']);

/** Signing in, sessions, API tokens, back-off, roles, and the public documentation. */
describe.each(testEngines())('authentication and permissions over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;
  let adminId: number;
  let customer: { id: number; version: number };

  const anon = () => apiClient(server.url);
  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);
  const sessionCookieOf = (r: { headers: Headers }) => (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  /** A signed-in client for a new user with this role. */
  // passwords may not contain the user name, so the default one spells it backwards
  async function userClient(username: string, role: string, password = `${[...username].reverse().join('')}-pass-1`) {
    const created = await admin.post('/api/v1/users', { username, displayName: username, password, role });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = anon();
    await client.signIn(username, password);
    return { client, id: created.body.id as number, password };
  }

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    admin = apiClient(server.url);
    adminId = (await admin.signIn()).body.user.id;
    customer = (await admin.post('/api/v1/customers', { kind: 'individual', name: '权限测试客户' })).body;
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  describe('public endpoints', () => {
    it('serves a valid OpenAPI document listing the customer paths without signing in', async () => {
      const res = await fetch(`${server.url}/api/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const doc = JSON.parse(await res.text()) as OpenApi;
      expect(doc.openapi).toMatch(/^3\./);
      for (const p of ['/api/v1/customers', '/api/v1/customers/{id}', '/api/v1/customers/{id}/restore', '/api/v1/customers/{id}/history', '/api/v1/customers/{id}/contacts', '/api/v1/customers/{id}/purchases/{recordId}']) {
        expect(Object.keys(doc.paths)).toContain(p);
      }
      expect(Object.keys(doc.paths['/api/v1/customers'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
      expect(Object.keys(doc.paths['/api/v1/customers/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    });

    it('serves the API docs page and health without signing in', async () => {
      const docs = await fetch(`${server.url}/api/docs`);
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await docs.text();
      expect(html).toMatch(/<html/i);
      // the page is usable signed out: every asset it references loads too
      const assets = [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(assets.length).toBeGreaterThan(2);
      for (const asset of assets) expect((await fetch(server.url + asset)).status, asset).toBe(200);
      const health = await anon().get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', engine });
    });
  });

  describe('signing in', () => {
    it('refuses every /api/v1 route of the OpenAPI document without a user, with a forged cookie and with a forged token', async () => {
      const doc = (await anon().get('/api/openapi.json')).body as OpenApi;
      const credentials: Record<string, string>[] = [
        {},
        { cookie: 'kedang_session=forged-session-value' },
        { cookie: 'kedang_session=' },
        { authorization: 'Bearer kdg_forgedforgedforgedforgedforgedforgedforged' },
        { authorization: 'Bearer ' },
        { authorization: 'Basic YWRtaW46YWRtaW4tcGFzcy0x' },
        { authorization: 'kdg_forged' },
      ];
      let checked = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        if (!path.startsWith('/api/v1/')) continue;
        for (const method of methods) {
          if (!ops[method] || publicRoutes.has(`${method.toUpperCase()} ${path}`)) continue;
          const url = path.replace(/\{[^}]+\}/g, String(customer.id));
          const hasBody = method === 'post' || method === 'put' || method === 'patch';
          for (const headers of credentials) {
            const r = await anon().raw(method.toUpperCase(), url, hasBody ? { kind: 'individual', name: '闯入者', version: 1 } : undefined, { headers });
            expectApiError(r, 401, 'UNAUTHENTICATED');
          }
          // the body is not even read without a user
          if (hasBody) expectApiError(await anon().raw(method.toUpperCase(), url, undefined, { raw: '{not json' }), 401, 'UNAUTHENTICATED');
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(25);
      await expectUnchanged();
    });

    it('keeps sign-out public: without a session it is a no-op', async () => {
      expect((await anon().post('/api/v1/auth/sign-out')).status).toBe(204);
      await expectUnchanged();
    });

    it('answers a wrong password and an unknown user alike, in the chosen language', async () => {
      const wrong = await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'not-the-password-1' });
      const unknown = await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'nobody', password: 'not-the-password-1' });
      const e1 = expectApiError(wrong, 401, 'UNAUTHENTICATED');
      const e2 = expectApiError(unknown, 401, 'UNAUTHENTICATED');
      expect(e1.message).toBe(e2.message);
      expect(hasChinese(e1.message)).toBe(true);
      const en = anon();
      en.useLanguage('en');
      expect(expectApiError(await en.raw('POST', '/api/v1/auth/sign-in', { username: 'nobody', password: 'x' }), 401).message).toBe('Wrong user name or password');
      // a successful sign-in resets the failure count
      await admin.signIn();
    });

    it('sets an httpOnly, SameSite=Strict session cookie and ends the session on sign-out', async () => {
      const c = anon();
      const signedIn = await c.signIn();
      const cookie = signedIn.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^kedang_session=[^;]{20,}/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const saved = sessionCookieOf(signedIn);
      expect((await c.get('/api/v1/auth/me')).status).toBe(200);
      expect((await c.post('/api/v1/auth/sign-out')).status).toBe(204);
      expectApiError(await anon().raw('GET', '/api/v1/auth/me', undefined, { headers: { cookie: saved } }), 401, 'UNAUTHENTICATED');
      expectApiError(await anon().raw('GET', '/api/v1/customers', undefined, { headers: { cookie: saved } }), 401, 'UNAUTHENTICATED');
    });

    it('backs off after five wrong passwords: the sixth attempt gets 429 with Retry-After even with the right password', async () => {
      const { id, password } = await userClient('locky', 'sales');
      const c = anon();
      const attempt = (password: string) => c.raw('POST', '/api/v1/auth/sign-in', { username: 'locky', password });
      for (let i = 1; i <= 4; i++) expectApiError(await attempt(`wrong-pass-${i}`), 401, 'UNAUTHENTICATED');
      const fifth = await attempt('wrong-pass-5');
      expect([401, 429]).toContain(fifth.status);
      const sessions = await snapshot.count('sessions');
      const sixth = await attempt(password);
      expectApiError(sixth, 429, 'TOO_MANY_ATTEMPTS');
      const retryAfter = Number(sixth.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(sixth.headers.get('set-cookie')).toBeNull();
      expect(await snapshot.count('sessions')).toBe(sessions);
      // the lock is per user: others still sign in
      await anon().signIn();
      const failures = await admin.get(`/api/v1/audit?action=user.sign_in_failed&entityId=${id}`);
      expect(failures.body.total).toBe(5);
    });

    it('refuses a disabled user on an existing session and on an API token', async () => {
      const { client, id, password } = await userClient('leaver', 'sales');
      const token = await client.post(`/api/v1/users/${id}/tokens`, { name: '自己的令牌' });
      expect(token.status).toBe(201);
      const bearer = anon();
      bearer.useToken(token.body.token);
      expect((await client.get('/api/v1/auth/me')).status).toBe(200);
      expect((await bearer.get('/api/v1/auth/me')).status).toBe(200);

      expect((await admin.patch(`/api/v1/users/${id}`, { isActive: false })).status).toBe(200);
      expectApiError(await client.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectApiError(await client.post('/api/v1/customers', { kind: 'individual', name: '停用后创建' }), 401, 'UNAUTHENTICATED');
      expectApiError(await bearer.get('/api/v1/customers'), 401, 'UNAUTHENTICATED');
      expectApiError(await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'leaver', password }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('API tokens', () => {
    it('work as a bearer token for their user and stop working once revoked', async () => {
      const created = await admin.post(`/api/v1/users/${adminId}/tokens`, { name: '集成脚本', expiresInDays: 30 });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { token, id: tokenId } = created.body as { token: string; id: number };
      expect(token).toMatch(/^kdg_[A-Za-z0-9_-]{20,}$/);

      const bearer = anon();
      bearer.useToken(token);
      const me = await bearer.get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe('admin');
      const made = await bearer.post('/api/v1/customers', { kind: 'individual', name: '令牌创建的客户' });
      expect(made.status).toBe(201);
      const history = await bearer.get(`/api/v1/customers/${made.body.id}/history`);
      expect(history.body.items[0]).toMatchObject({ action: 'customer.created', actorName: 'admin' });

      const listed = await admin.get(`/api/v1/users/${adminId}/tokens`);
      const record = listed.body.find((t: { id: number }) => t.id === tokenId);
      expect(record).toMatchObject({ name: '集成脚本', tokenPrefix: token.slice(0, 12), revokedAt: null });
      expect(JSON.stringify(listed.body)).not.toContain(token);

      expect((await admin.delete(`/api/v1/users/${adminId}/tokens/${tokenId}`)).status).toBe(204);
      expectApiError(await bearer.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expectApiError(await bearer.post('/api/v1/customers', { kind: 'individual', name: '撤销后' }), 401, 'UNAUTHENTICATED');
      expectApiError(await admin.delete(`/api/v1/users/${adminId}/tokens/${tokenId}`), 409, 'CONFLICT');
      const audit = (await admin.get(`/api/v1/audit?entityType=api_token&entityId=${tokenId}`)).body.items as { action: string; changes: { field: string; before: unknown; after: unknown }[] }[];
      expect(audit.map((e) => e.action)).toEqual(['api_token.revoked', 'api_token.created']);
      expect(audit[1]?.changes).toEqual(expect.arrayContaining([{ field: 'name', before: null, after: '集成脚本' }, { field: 'userId', before: null, after: adminId }]));
      expect(audit[0]?.changes).toEqual([{ field: 'revokedAt', before: null, after: expect.any(String) }]);
      expect(JSON.stringify(audit)).not.toContain(token);
    });

    it("refuses a token secret as a session cookie and someone else's token management", async () => {
      const token = (await admin.post(`/api/v1/users/${adminId}/tokens`, { name: 'cookie 试探' })).body.token as string;
      expectApiError(await anon().raw('GET', '/api/v1/auth/me', undefined, { headers: { cookie: `kedang_session=${token}` } }), 401);
      const { client } = await userClient('nosy', 'sales');
      before = await snapshot.counts();
      expectApiError(await client.post(`/api/v1/users/${adminId}/tokens`, { name: '越权' }), 403, 'FORBIDDEN');
      expectApiError(await client.get(`/api/v1/users/${adminId}/tokens`), 403, 'FORBIDDEN');
      expectApiError(await client.delete(`/api/v1/users/${adminId}/tokens/1`), 403, 'FORBIDDEN');
      await expectUnchanged();
    });
  });

  describe('roles', () => {
    it('gives a readonly user 403 on every write and on the recycle bin and audit', async () => {
      const { client } = await userClient('viewer', 'readonly');
      before = await snapshot.counts();
      expect((await client.get('/api/v1/customers')).status).toBe(200);
      expect((await client.get(`/api/v1/customers/${customer.id}`)).status).toBe(200);
      const writes = [
        client.post('/api/v1/customers', { kind: 'individual', name: '只读用户创建' }),
        client.patch(`/api/v1/customers/${customer.id}`, { version: customer.version, name: '只读用户修改' }),
        client.delete(`/api/v1/customers/${customer.id}`),
        client.post(`/api/v1/customers/${customer.id}/restore`),
        client.post(`/api/v1/customers/${customer.id}/contacts`, { name: '只读联系人' }),
        client.post(`/api/v1/customers/${customer.id}/purchases`, { orderNo: 'RO-1', orderedOn: '2026-01-01', amountFen: 1 }),
        client.post('/api/v1/custom-fields', { key: 'ro', labelZh: '只读', type: 'text' }),
        client.put('/api/v1/settings/customer-code', { prefix: 'RO', datePart: 'none', sequenceWidth: 5 }),
        client.post('/api/v1/departments', { name: '只读部' }),
        client.get('/api/v1/customers?deleted=only'),
        client.get('/api/v1/audit'),
      ];
      for (const r of await Promise.all(writes)) expectApiError(r, 403, 'FORBIDDEN');
      await expectUnchanged();
    });

    it('lets only admins create users and change roles', async () => {
      const { client, id } = await userClient('seller', 'sales');
      before = await snapshot.counts();
      expectApiError(await client.post('/api/v1/users', { username: 'sneaky', displayName: 'x', password: 'sneaky-pass-1', role: 'admin' }), 403, 'FORBIDDEN');
      expectApiError(await client.patch(`/api/v1/users/${id}`, { role: 'admin' }), 403, 'FORBIDDEN');
      expectApiError(await client.patch(`/api/v1/users/${id}`, { displayName: '新名字', isActive: true }), 403, 'FORBIDDEN');
      expectApiError(await client.patch(`/api/v1/users/${adminId}`, { password: 'taken-over-1' }), 403, 'FORBIDDEN');
      await expectUnchanged();
      const own = await client.patch(`/api/v1/users/${id}`, { displayName: '销售小王' });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ displayName: '销售小王', role: 'sales' });
    });

    it('refuses a second user with the same name, whatever its case, as a conflict on "username"', async () => {
      for (const username of ['admin', 'ADMIN', ' Admin ']) {
        const r = await admin.post('/api/v1/users', { username, displayName: '冒名', password: 'clone-pass-1' });
        const e = expectApiError(r, 409, 'CONFLICT');
        expect(e.issues).toEqual([expect.objectContaining({ path: ['username'], code: 'duplicate' })]);
      }
      await expectUnchanged();
    });

    it('never demotes or disables the last admin', async () => {
      expectApiError(await admin.patch(`/api/v1/users/${adminId}`, { role: 'sales' }), 409, 'CONFLICT');
      expectApiError(await admin.patch(`/api/v1/users/${adminId}`, { isActive: false }), 409, 'CONFLICT');
      await expectUnchanged();
      const me = await admin.get('/api/v1/auth/me');
      expect(me.body.user).toMatchObject({ role: 'admin', isActive: true });

      const second = await admin.post('/api/v1/users', { username: 'admin2', displayName: '第二管理员', password: 'second-pass-1', role: 'admin' });
      expect((await admin.patch(`/api/v1/users/${second.body.id}`, { role: 'manager' })).status).toBe(200);
      expectApiError(await admin.patch(`/api/v1/users/${adminId}`, { role: 'sales' }), 409, 'CONFLICT');
    });
  });
});
