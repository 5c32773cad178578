import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient, type ApiResponse } from '../support/http-client.ts';
import { expectApiError } from '../support/api-assertions.ts';

const defaults = loadConfig({});

/** 429 in our error shape with Retry-After: sign-in floods per address, brute force per name, API per user or token. */
describe.each(testEngines())('rate limits on %s', (engine) => {
  /** Shipped sign-in limit; the API budget lowered to 40 to keep the test short. */
  let server: Awaited<ReturnType<typeof startTestServer>>;
  /** Sign-in limit raised, so the per-name back-off and the API budget are seen alone. */
  let roomy: Awaited<ReturnType<typeof startTestServer>>;
  const expect429 = (r: ApiResponse, message: RegExp) => {
    const e = expectApiError(r, 429, 'TOO_MANY_ATTEMPTS');
    expect(e.message).toMatch(message);
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    return retryAfter;
  };

  beforeAll(async () => {
    [server, roomy] = await Promise.all([
      startTestServer(engine, { fastPasswords: true, env: { KEDANG_SIGN_IN_RATE_LIMIT_PER_MINUTE: String(defaults.signInRateLimitPerMinute) } }),
      startTestServer(engine, { fastPasswords: true, env: { KEDANG_RATE_LIMIT_PER_MINUTE: '40' } }),
    ]);
  });
  afterAll(async () => {
    await server?.close();
    await roomy?.close();
  });

  it('ships generous defaults: 20 sign-ins and 600 API requests a minute, configurable', () => {
    expect(defaults.signInRateLimitPerMinute).toBe(20);
    expect(defaults.rateLimitPerMinute).toBe(600);
    expect(loadConfig({ KEDANG_RATE_LIMIT_PER_MINUTE: '1200' }).rateLimitPerMinute).toBe(1200);
  });

  it('answers a sign-in flood from one address with 429 after 20 requests in a minute', async () => {
    const c = apiClient(server.url);
    // every request with a new name, so only the per-address limit can stop them
    for (let i = 0; i < 20; i++) {
      expectApiError(await c.raw('POST', '/api/v1/auth/sign-in', { username: `flood-${i}`, password: 'flood-pass-1' }), 401, 'UNAUTHENTICATED');
    }
    const blocked = await c.raw('POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'admin-pass-1' });
    expect(expect429(blocked, /登录请求过于频繁/)).toBeLessThanOrEqual(60);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    // the TOTP step shares the budget; the rest of the API does not
    expect429(await c.raw('POST', '/api/v1/auth/sign-in/totp', { challenge: 'x', code: '123456' }), /登录请求过于频繁/);
    expect((await apiClient(server.url).get('/api/health')).status).toBe(200);
    const en = apiClient(server.url);
    en.useLanguage('en');
    expect(expectApiError(await en.raw('POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'x' }), 429).message).toMatch(/^Too many sign-in attempts from this address; try again in \d+ seconds$/);
  });

  it('gives the same answers for a known and an unknown name: 401 four times, then 429 with Retry-After', async () => {
    const admin = apiClient(roomy.url);
    await admin.signIn();
    expect((await admin.post('/api/v1/users', { username: 'realname', displayName: '真名', password: 'Another-pass-42' })).status).toBe(201);
    const c = apiClient(roomy.url);
    const statuses = async (username: string) => {
      const out: number[] = [];
      for (let i = 0; i < 7; i++) out.push((await c.raw('POST', '/api/v1/auth/sign-in', { username, password: `guess-${i}-password` })).status);
      return out;
    };
    const known = await statuses('realname');
    const unknown = await statuses('ghost-user');
    expect(known).toEqual([401, 401, 401, 401, 429, 429, 429]);
    expect(unknown).toEqual(known);
    expect429(await c.raw('POST', '/api/v1/auth/sign-in', { username: 'ghost-user', password: 'whatever-1' }), /登录失败次数过多/);
    // the right password does not help a locked name, and other names are not affected
    expect429(await c.raw('POST', '/api/v1/auth/sign-in', { username: 'realname', password: 'Another-pass-42' }), /登录失败次数过多/);
    expect((await c.raw('POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'admin-pass-1' })).status).toBe(200);
  });

  it('limits API requests per user and per token, each on its own budget', async () => {
    const admin = apiClient(roomy.url);
    await admin.signIn();
    const id = (await admin.post('/api/v1/users', { username: 'busy', displayName: '忙碌', password: 'Honey-bee-2024' })).body.id as number;
    const laptop = apiClient(roomy.url);
    await laptop.signIn('busy', 'Honey-bee-2024');
    const phone = apiClient(roomy.url);
    await phone.signIn('busy', 'Honey-bee-2024');
    const token = (await laptop.post(`/api/v1/users/${id}/tokens`, { name: 'budget' })).body.token as string;
    const bot = apiClient(roomy.url);
    bot.useToken(token);
    // laptop and phone are the same user: one budget of 40 (the token request above spent one)
    let served = 1;
    let last: ApiResponse | undefined;
    for (let i = 0; i < 45 && (!last || last.status === 200); i++) {
      last = await (i % 2 ? phone : laptop).get('/api/v1/auth/me');
      if (last.status === 200) served++;
    }
    expect(served).toBe(40);
    expect(expect429(last!, /请求过于频繁/)).toBeLessThanOrEqual(60);
    expect(last?.headers.get('x-ratelimit-remaining')).toBe('0');
    // the token has a budget of its own
    expect((await bot.get('/api/v1/auth/me')).status).toBe(200);
  });
});
