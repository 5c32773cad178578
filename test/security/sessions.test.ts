import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { expectApiError } from '../support/api-assertions.ts';

type Session = { id: string; device: string; userAgent: string | null; ip: string | null; createdAt: string; lastSeenAt: string; expiresAt: string; current: boolean };
const hour = 3_600_000;
const day = 24 * hour;

/** Forged, expired and revoked credentials; the session list, revoking, and the absolute lifetime. */
describe.each(testEngines())('sessions and credentials on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ReturnType<typeof apiClient>;
  let offset = 0;
  const anon = () => apiClient(server.url);
  /** Moves the server's clock (sessions, tokens) forward; reset after each test. */
  const travel = (ms: number) => {
    offset += ms;
  };

  async function newUser(username: string, role = 'sales') {
    const password = `Pw-${username.length}-${role}-77`;
    const r = await admin.post('/api/v1/users', { username, displayName: username, password, role });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.id as number, password };
  }
  async function signedIn(username: string, password: string, userAgent?: string) {
    const c = anon();
    const r = await c.raw('POST', '/api/v1/auth/sign-in', { username, password }, userAgent ? { headers: { 'user-agent': userAgent } } : {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return c;
  }

  beforeAll(async () => {
    // a sliding expiry longer than the cap, so only the cap can end a busy session
    server = await startTestServer(engine, { fastPasswords: true, env: { KEDANG_SESSION_HOURS: '200', KEDANG_SESSION_MAX_DAYS: '7' } });
    server.deps.clock = () => new Date(Date.now() + offset);
    admin = anon();
    await admin.signIn();
  });
  afterEach(() => {
    offset = 0;
  });
  afterAll(() => server?.close());

  describe('forged, expired and revoked credentials get 401', () => {
    it('refuses forged session cookies: random, a stored session id, a token secret, a tampered cookie', async () => {
      const c = anon();
      await c.signIn();
      const real = c.cookies().kedang_session ?? '';
      const token = (await admin.post('/api/v1/users/1/tokens', { name: 'forgery' })).body.token as string;
      const forged = [
        'kedang_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        `kedang_session=${createHash('sha256').update(real).digest('hex')}`,
        `kedang_session=${token}`,
        `kedang_session=${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`,
        `kedang_session=${real}%00`,
        "kedang_session=' OR '1'='1",
      ];
      for (const cookie of forged) {
        expectApiError(await anon().raw('GET', '/api/v1/auth/me', undefined, { headers: { cookie } }), 401, 'UNAUTHENTICATED');
        expectApiError(await anon().raw('GET', '/api/v1/customers', undefined, { headers: { cookie } }), 401, 'UNAUTHENTICATED');
      }
      expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('refuses a session after sign-out and after it expired unused', async () => {
      const out = anon();
      await out.signIn();
      const saved = out.cookies().kedang_session;
      expect((await out.post('/api/v1/auth/sign-out')).status).toBe(204);
      expect(out.cookies().kedang_session).toBeUndefined();
      expectApiError(await anon().raw('GET', '/api/v1/auth/me', undefined, { headers: { cookie: `kedang_session=${saved}` } }), 401, 'UNAUTHENTICATED');

      const idle = anon();
      await idle.signIn();
      travel(201 * hour);
      const e = expectApiError(await idle.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expect(e.message).toBe('登录已过期，请重新登录');
    });

    it('refuses forged, tampered, expired and revoked API tokens', async () => {
      const made = await admin.post('/api/v1/users/1/tokens', { name: 'short-lived', expiresInDays: 1 });
      const token = made.body.token as string;
      const bearer = (t: string) => anon().raw('GET', '/api/v1/auth/me', undefined, { headers: { authorization: `Bearer ${t}` } });
      expect((await bearer(token)).status).toBe(200);
      for (const t of ['kdg_forgedforgedforgedforgedforgedforgedforge', `${token}x`, token.slice(0, -2), token.toUpperCase(), "kdg_' OR 1=1 --"]) {
        expectApiError(await bearer(t), 401, 'UNAUTHENTICATED');
      }
      travel(25 * hour);
      expectApiError(await bearer(token), 401, 'UNAUTHENTICATED');
      offset = 0;
      const other = (await admin.post('/api/v1/users/1/tokens', { name: 'revoked' })).body as { id: number; token: string };
      expect((await admin.delete(`/api/v1/users/1/tokens/${other.id}`)).status).toBe(204);
      expectApiError(await bearer(other.token), 401, 'UNAUTHENTICATED');
    });
  });

  describe('my sessions', () => {
    it('lists device, address, times and which one is this, without exposing the cookie secret', async () => {
      const { password } = await newUser('liming');
      const laptop = await signedIn('liming', password, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36');
      await signedIn('liming', password, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1');
      const r = await laptop.get('/api/v1/auth/sessions');
      expect(r.status).toBe(200);
      const sessions = r.body as Session[];
      expect(sessions).toHaveLength(2);
      const current = sessions.filter((s) => s.current);
      expect(current).toHaveLength(1);
      expect(current[0]?.device).toBe('Chrome · Windows');
      expect(sessions.find((s) => !s.current)?.device).toBe('Safari · iOS');
      const secret = laptop.cookies().kedang_session ?? '';
      const stored = createHash('sha256').update(secret).digest('hex');
      for (const s of sessions) {
        expect(s.id).toMatch(/^[0-9a-f]{16}$/);
        expect(s.ip).toMatch(/127\.0\.0\.1/);
        expect(Date.parse(s.createdAt)).toBeLessThanOrEqual(Date.parse(s.lastSeenAt));
      }
      const text = JSON.stringify(r.body);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(stored);
    });

    it('revokes one session by id, 404 for an unknown id or another user\'s session, and audits it', async () => {
      const { id: userId, password } = await newUser('wangwu');
      const a = await signedIn('wangwu', password, 'Firefox/128.0 (X11; Linux x86_64)');
      const b = await signedIn('wangwu', password);
      const otherUser = await newUser('zhaoliu');
      const foreign = await signedIn('zhaoliu', otherUser.password);
      const foreignId = ((await foreign.get('/api/v1/auth/sessions')).body as Session[])[0]?.id ?? '';

      const mine = (await a.get('/api/v1/auth/sessions')).body as Session[];
      const bId = mine.find((s) => !s.current)?.id ?? '';
      expectApiError(await a.delete('/api/v1/auth/sessions/0123456789abcdef'), 404, 'NOT_FOUND');
      expectApiError(await a.delete(`/api/v1/auth/sessions/${foreignId}`), 404, 'NOT_FOUND');
      expectApiError(await a.delete('/api/v1/auth/sessions/..%2F..%2Fetc%2Fpasswd'), 404, 'NOT_FOUND');
      expect((await foreign.get('/api/v1/auth/me')).status).toBe(200);

      expect((await a.delete(`/api/v1/auth/sessions/${bId}`)).status).toBe(204);
      expectApiError(await b.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      expect((await a.get('/api/v1/auth/me')).status).toBe(200);

      // ending this very session signs out and clears both cookies
      const aId = ((await a.get('/api/v1/auth/sessions')).body as Session[])[0]?.id ?? '';
      expect((await a.delete(`/api/v1/auth/sessions/${aId}`)).status).toBe(204);
      expect(a.cookies()).toEqual({});
      const audit = await admin.get(`/api/v1/audit?action=user.session_revoked&entityId=${userId}`);
      expect(audit.body.total).toBe(2);
      expect(audit.body.items.map((e: { meta: { session: string } }) => e.meta.session).sort()).toEqual([aId, bId].sort());
    });

    it('ends all my other sessions but keeps this one', async () => {
      const { password } = await newUser('sunqi');
      const keep = await signedIn('sunqi', password);
      const others = [await signedIn('sunqi', password), await signedIn('sunqi', password)];
      const r = await keep.post('/api/v1/auth/sessions/sign-out-others');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ended: 2 });
      for (const o of others) expectApiError(await o.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      const left = (await keep.get('/api/v1/auth/sessions')).body as Session[];
      expect(left.map((s) => s.current)).toEqual([true]);
    });

    it('lets an admin end every session of a user; others get 403, an unknown user 404', async () => {
      const { id, password } = await newUser('zhouba');
      const sessions = [await signedIn('zhouba', password), await signedIn('zhouba', password)];
      expectApiError(await sessions[0]!.post(`/api/v1/users/${id}/sign-out-everywhere`), 403, 'FORBIDDEN');
      expectApiError(await admin.post('/api/v1/users/999999/sign-out-everywhere'), 404, 'NOT_FOUND');
      const r = await admin.post(`/api/v1/users/${id}/sign-out-everywhere`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ended: 2 });
      for (const s of sessions) expectApiError(await s.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
      const audit = await admin.get(`/api/v1/audit?action=user.session_revoked&entityId=${id}`);
      expect(audit.body.items[0]).toMatchObject({ actorName: 'admin', meta: { all: true, count: 2 } });
      // they can sign in again
      await signedIn('zhouba', password);
    });
  });

  describe('absolute lifetime', () => {
    it('ends even a busy session KEDANG_SESSION_MAX_DAYS after signing in', async () => {
      const { password } = await newUser('wujiu');
      const c = anon();
      const signIn = await c.signIn('wujiu', password);
      const cap = Date.now() + 7 * day;
      expect(Date.parse(signIn.body.expiresAt)).toBeLessThanOrEqual(cap + 1000);
      // active every 20 hours: the sliding expiry alone would never end it
      for (let elapsed = 20 * hour; elapsed < 7 * day - hour; elapsed += 20 * hour) {
        offset = elapsed;
        expect((await c.get('/api/v1/auth/me')).status, `after ${elapsed / hour} h`).toBe(200);
      }
      const listed = ((await c.get('/api/v1/auth/sessions')).body as Session[])[0];
      expect(Date.parse(listed?.expiresAt ?? '')).toBeLessThanOrEqual(cap + 1000);
      offset = 7 * day + 60_000;
      expectApiError(await c.get('/api/v1/auth/me'), 401, 'UNAUTHENTICATED');
    });
  });
});
