import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, hasChinese } from '../support/api-assertions.ts';

/** Double-submit CSRF tokens on cookie sessions; bearer tokens exempt; sign-in refused from other origins. */
describe.each(testEngines())('CSRF protection on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;
  let browser: ReturnType<typeof apiClient>;
  let customerId: number;
  const anon = () => apiClient(server.url);
  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);

  beforeAll(async () => {
    server = await startTestServer(engine, { fastPasswords: true });
    snapshot = openSnapshot(server.db);
    browser = anon();
    await browser.signIn();
    customerId = (await browser.post('/api/v1/customers', { kind: 'individual', name: 'CSRF 目标' })).body.id;
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  it('sets a readable kedang_csrf cookie beside the httpOnly session cookie at sign-in', async () => {
    const c = anon();
    const r = await c.signIn();
    const cookies = r.headers.getSetCookie();
    const csrf = cookies.find((x) => x.startsWith('kedang_csrf='));
    expect(cookies[0]).toMatch(/^kedang_session=.*HttpOnly/i);
    expect(csrf).toBeDefined();
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/SameSite=Strict/i);
    expect(c.cookies().kedang_csrf).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(c.cookies().kedang_csrf).not.toBe(c.cookies().kedang_session);
  });

  it('refuses every kind of cookie-authenticated write without the header, or with a wrong one, with 403', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/customers', { kind: 'individual', name: '伪造请求' }],
      ['PATCH', `/api/v1/customers/${customerId}`, { version: 1, name: '伪造修改' }],
      ['DELETE', `/api/v1/customers/${customerId}`, undefined],
      ['PUT', '/api/v1/settings/customer-code', { prefix: 'XX', datePart: 'none', sequenceWidth: 5 }],
      ['POST', `/api/v1/customers/${customerId}/contacts`, { name: '伪造联系人' }],
      ['POST', '/api/v1/auth/totp/setup', undefined],
      ['POST', '/api/v1/auth/sessions/sign-out-others', undefined],
    ];
    const csrf = browser.cookies().kedang_csrf ?? '';
    const variants: { name: string; init: { noCsrf?: boolean; headers?: Record<string, string> } }[] = [
      { name: 'missing', init: { noCsrf: true } },
      { name: 'empty', init: { headers: { 'x-csrf-token': '' } } },
      { name: 'wrong', init: { headers: { 'x-csrf-token': 'A'.repeat(csrf.length) } } },
      { name: 'one character off', init: { headers: { 'x-csrf-token': `${csrf.slice(0, -1)}${csrf.endsWith('x') ? 'y' : 'x'}` } } },
      { name: 'the session secret', init: { headers: { 'x-csrf-token': browser.cookies().kedang_session ?? '' } } },
    ];
    for (const [method, path, body] of writes) {
      for (const v of variants) {
        const r = await browser.raw(method, path, body, v.init);
        const e = expectApiError(r, 403, 'FORBIDDEN');
        expect(e.message, `${method} ${path} ${v.name}`).toMatch(/CSRF/);
        expect(hasChinese(e.message)).toBe(true);
      }
    }
    await expectUnchanged();
    // reads need no token; the same writes with it go through
    expect((await browser.raw('GET', `/api/v1/customers/${customerId}`, undefined, { noCsrf: true })).status).toBe(200);
    expect((await browser.post('/api/v1/customers', { kind: 'individual', name: '正常请求' })).status).toBe(201);
  });

  it('refuses a matching header and cookie that are not this session\'s token (planted cookie)', async () => {
    const planted = 'planted-token-planted-token-planted-token-1';
    const r = await browser.raw('POST', '/api/v1/customers', { kind: 'individual', name: '种下的令牌' }, { headers: { cookie: `kedang_session=${browser.cookies().kedang_session}; kedang_csrf=${planted}`, 'x-csrf-token': planted } });
    expectApiError(r, 403, 'FORBIDDEN');
    // another user's valid token does not fit this session either
    const other = anon();
    await other.signIn();
    before = await snapshot.counts();
    const foreign = other.cookies().kedang_csrf ?? '';
    expectApiError(await browser.raw('POST', '/api/v1/customers', { kind: 'individual', name: '别人的令牌' }, { headers: { 'x-csrf-token': foreign } }), 403, 'FORBIDDEN');
    await expectUnchanged();
  });

  it('refuses a cookie-authenticated write another site started, even with the token', async () => {
    const foreignOrigins: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }];
    for (const headers of foreignOrigins) {
      expectApiError(await browser.raw('POST', '/api/v1/customers', { kind: 'individual', name: '跨站' }, { headers }), 403, 'FORBIDDEN');
    }
    await expectUnchanged();
    const host = new URL(server.url).host;
    expect((await browser.raw('POST', '/api/v1/customers', { kind: 'individual', name: '同源' }, { headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' } })).status).toBe(201);
  });

  it('exempts bearer tokens: no cookie, no CSRF token needed', async () => {
    const token = (await browser.post('/api/v1/users/1/tokens', { name: 'script' })).body.token as string;
    const bot = anon();
    bot.useToken(token);
    const r = await bot.raw('POST', '/api/v1/customers', { kind: 'individual', name: '脚本创建' }, { noCsrf: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await bot.raw('DELETE', `/api/v1/customers/${r.body.id}`, undefined, { noCsrf: true })).status).toBe(200);
  });

  it('refuses a sign-in another site started, and lets the same page sign in', async () => {
    const body = { username: 'admin', password: 'admin-pass-1' };
    const foreignOrigins: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: `http://${new URL(server.url).hostname}:1` }];
    for (const headers of foreignOrigins) {
      const r = await anon().raw('POST', '/api/v1/auth/sign-in', body, { headers });
      expectApiError(r, 403, 'FORBIDDEN');
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    const same = await anon().raw('POST', '/api/v1/auth/sign-in', body, { headers: { origin: server.url, 'sec-fetch-site': 'same-origin' } });
    expect(same.status).toBe(200);
  });

  it('needs the token to sign out a session, and gives an old session its token on the next read', async () => {
    const c = anon();
    await c.signIn();
    expectApiError(await c.raw('POST', '/api/v1/auth/sign-out', undefined, { noCsrf: true }), 403, 'FORBIDDEN');
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    // a session whose CSRF cookie is gone (signed in before this release) gets it back on a GET
    const session = c.cookies().kedang_session ?? '';
    const old = anon();
    old.setCookie('kedang_session', session);
    const me = await old.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(old.cookies().kedang_csrf).toBe(c.cookies().kedang_csrf);
    expect((await old.post('/api/v1/auth/sign-out')).status).toBe(204);
    expectApiError(await c.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });
});
