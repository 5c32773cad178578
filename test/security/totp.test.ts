import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.ts';
import { resetTotp } from '../../src/services/auth/totp.ts';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { expectApiError } from '../support/api-assertions.ts';

/** RFC 6238 written out independently of the server's library: HMAC-SHA1, 30-second steps, 6 digits. */
function totp(base32: string, at: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('the reference TOTP of this test', () => {
  it('matches the RFC 6238 SHA-1 test vectors', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    expect(totp(secret, 59_000)).toBe('287082');
    expect(totp(secret, 1_111_111_109_000)).toBe('081804');
    expect(totp(secret, 2_000_000_000_000)).toBe('279037');
  });
});

/** Enrolment, two-step sign-in, replayed and wrong codes, disabling, and the secret at rest. */
describe.each(testEngines())('TOTP second factor on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let db: ReturnType<typeof connect>;
  /** a second admin without TOTP, for creating users and reading the audit log */
  let boss: ReturnType<typeof apiClient>;
  // the server's clock, stopped in the middle of a 30-second step and moved by the tests
  let now = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
  const anon = () => apiClient(server.url);
  const storedTotp = async (username: string) =>
    (await sql<{ totpSecret: string | null; totpPendingSecret: string | null }>`select totp_secret, totp_pending_secret from users where username = ${username}`.execute(db.db)).rows[0];

  async function enrolled(username: string) {
    const password = `Secure-${username.length}-pass-9`;
    expect((await boss.post('/api/v1/users', { username, displayName: username, password, role: 'admin' })).status).toBe(201);
    const c = anon();
    await c.signIn(username, password);
    const setup = await c.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    const enabled = await c.post('/api/v1/auth/totp/enable', { code: totp(secret, now) });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    return { c, secret, password };
  }
  /** Password step; returns the challenge. */
  async function challengeFor(username: string, password: string, client = anon()) {
    const r = await client.raw('POST', '/api/v1/auth/sign-in', { username, password });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ totpRequired: true, challenge: expect.stringMatching(/^kdc_/) });
    expect(r.headers.get('set-cookie')).toBeNull();
    return r.body.challenge as string;
  }

  beforeAll(async () => {
    server = await startTestServer(engine, { fastPasswords: true });
    server.deps.clock = () => new Date(now);
    db = connect({ databaseUrl: server.db.config.databaseUrl, sqlitePath: server.db.config.sqlitePath, poolSize: 1 });
    const admin = anon();
    await admin.signIn();
    expect((await admin.post('/api/v1/users', { username: 'boss', displayName: '老板', password: 'Second-admin-77', role: 'admin' })).status).toBe(201);
    boss = anon();
    await boss.signIn('boss', 'Second-admin-77');
  });
  afterEach(() => {
    now += 60 * 60_000; // every test starts on fresh steps, after any lock
  });
  afterAll(async () => {
    await db?.close();
    await server?.close();
  });

  it('enrols with a code from the app; the secret is shown once and stored only sealed', async () => {
    const admin = anon();
    await admin.signIn();
    expect((await admin.get('/api/v1/auth/me')).body.user.totpEnabled).toBe(false);
    const setup = await admin.post('/api/v1/auth/totp/setup');
    expect(setup.status).toBe(200);
    const { secret, uri } = setup.body as { secret: string; uri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.host).toBe('totp');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('digits')).toBe('6');
    expect(parsed.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(parsed.pathname)).toContain('admin');

    const pending = await storedTotp('admin');
    expect(pending?.totpPendingSecret).toMatch(/^enc1:/);
    expect(pending?.totpPendingSecret).not.toContain(secret);
    expect(pending?.totpSecret).toBeNull();

    for (const code of ['000000', '12345', 'abcdef', 123456, null]) {
      const e = expectApiError(await admin.post('/api/v1/auth/totp/enable', { code }), 400, 'INVALID_INPUT');
      expect(e.message).toBe('动态验证码不正确或已使用过');
    }
    const ok = await admin.post('/api/v1/auth/totp/enable', { code: totp(secret, now) });
    expect(ok.status).toBe(200);
    expect(ok.body.totpEnabled).toBe(true);
    expect(JSON.stringify(ok.body)).not.toContain(secret);
    const stored = await storedTotp('admin');
    expect(stored?.totpSecret).toMatch(/^enc1:/);
    expect(stored?.totpSecret).not.toContain(secret);
    expect(stored?.totpPendingSecret).toBeNull();
    expectApiError(await admin.post('/api/v1/auth/totp/setup'), 409, 'CONFLICT');
    const audit = await admin.get('/api/v1/audit?action=user.totp_enabled');
    expect(audit.body.total).toBe(1);
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('signs in in two steps, refuses a replayed code and an expired challenge', async () => {
    const { secret, password } = await enrolled('totpuser');
    // the code used to enable is spent
    const first = await challengeFor('totpuser', password);
    expectApiError(await anon().post('/api/v1/auth/sign-in/totp', { challenge: first, code: totp(secret, now) }), 401, 'UNAUTHENTICATED');

    now += 30_000;
    const client = anon();
    const challenge = await challengeFor('totpuser', password, client);
    const r = await client.post('/api/v1/auth/sign-in/totp', { challenge, code: ` ${totp(secret, now).slice(0, 3)} ${totp(secret, now).slice(3)} ` });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'totpuser', totpEnabled: true });
    expect(client.cookies().kedang_session).toBeDefined();
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);

    // the same code again, with a fresh challenge: refused
    const replay = await challengeFor('totpuser', password);
    const e = expectApiError(await anon().post('/api/v1/auth/sign-in/totp', { challenge: replay, code: totp(secret, now) }), 401, 'UNAUTHENTICATED');
    expect(e.message).toBe('动态验证码不正确或已使用过');
    // a challenge works once
    expectApiError(await anon().post('/api/v1/auth/sign-in/totp', { challenge, code: totp(secret, now + 30_000) }), 401, 'UNAUTHENTICATED');
    // a code from one step back still works (clock drift), from two steps back does not
    now += 60_000;
    const drift = await challengeFor('totpuser', password);
    expectApiError(await anon().post('/api/v1/auth/sign-in/totp', { challenge: drift, code: totp(secret, now - 60_000) }), 401, 'UNAUTHENTICATED');
    expect((await anon().post('/api/v1/auth/sign-in/totp', { challenge: drift, code: totp(secret, now - 30_000) })).status).toBe(200);
    // challenges last five minutes
    now += 60_000;
    const stale = await challengeFor('totpuser', password);
    now += 5 * 60_000 + 1000;
    const expired = expectApiError(await anon().post('/api/v1/auth/sign-in/totp', { challenge: stale, code: totp(secret, now) }), 401, 'UNAUTHENTICATED');
    expect(expired.message).toBe('登录步骤已过期，请重新输入密码');
    expectApiError(await anon().post('/api/v1/auth/sign-in/totp', { challenge: 'kdc_forged', code: totp(secret, now) }), 401, 'UNAUTHENTICATED');
  });

  it('counts wrong codes toward the back-off: the fifth locks the account, even for the right code', async () => {
    const { secret, password } = await enrolled('guessme');
    now += 30_000;
    const challenge = await challengeFor('guessme', password);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await anon().post('/api/v1/auth/sign-in/totp', { challenge, code: String(100000 + i) })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await anon().post('/api/v1/auth/sign-in/totp', { challenge, code: totp(secret, now) });
    expectApiError(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // the password step is locked as well; the correct password does not reset the count
    expectApiError(await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'guessme', password }), 429, 'TOO_MANY_ATTEMPTS');
    const failures = (await boss.get('/api/v1/audit?action=user.sign_in_failed')).body.items.filter((e: { meta: { secondFactor?: string } }) => e.meta.secondFactor === 'totp');
    expect(failures.length).toBeGreaterThanOrEqual(5);
  });

  it('turns off with the password and a fresh code, then signs in with the password alone', async () => {
    const { c, secret, password } = await enrolled('leaving');
    now += 30_000;
    expectApiError(await c.post('/api/v1/auth/totp/disable', { password: 'Wrong-pass-123', code: totp(secret, now) }), 400, 'INVALID_INPUT');
    expectApiError(await c.post('/api/v1/auth/totp/disable', { password, code: '000000' }), 400, 'INVALID_INPUT');
    expectApiError(await c.post('/api/v1/auth/totp/disable', { password }), 400, 'INVALID_INPUT');
    const off = await c.post('/api/v1/auth/totp/disable', { password, code: totp(secret, now) });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.totpEnabled).toBe(false);
    expect(await storedTotp('leaving')).toEqual({ totpSecret: null, totpPendingSecret: null });
    expectApiError(await c.post('/api/v1/auth/totp/disable', { password, code: totp(secret, now + 30_000) }), 409, 'CONFLICT');
    const plain = await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'leaving', password });
    expect(plain.status).toBe(200);
    expect(plain.body.user.username).toBe('leaving');
  });

  it('can be reset for a locked-out user (kedang user reset-totp), audited', async () => {
    const { password } = await enrolled('lostphone');
    await challengeFor('lostphone', password);
    const user = await server.deps.db.users.findByUsername('lostphone');
    const after = await resetTotp(server.deps, { kind: 'system', name: 'cli' }, user!.id);
    expect(after.totpEnabled).toBe(false);
    expect((await anon().raw('POST', '/api/v1/auth/sign-in', { username: 'lostphone', password })).body.user).toBeDefined();
    const audit = await boss.get(`/api/v1/audit?action=user.totp_reset&entityId=${user!.id}`);
    expect(audit.body.items[0]).toMatchObject({ actorName: 'system:cli', changes: [{ field: 'totpEnabled', before: true, after: false }] });
  });
});
