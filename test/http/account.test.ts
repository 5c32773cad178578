import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';

describe.each(testEngines())('own account on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(() => server?.close());

  it('asks for the current password before changing your own', async () => {
    const admin = apiClient(server.url);
    await admin.signIn();
    const u = await admin.post('/api/v1/users', { username: 'zhouli', displayName: '周丽', password: 'first-pass-1', role: 'sales' });
    const me = apiClient(server.url);
    await me.signIn('zhouli', 'first-pass-1');
    const missing = await me.patch(`/api/v1/users/${u.body.id}`, { password: 'second-pass-2' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0]).toMatchObject({ path: ['currentPassword'], code: 'required' });
    const wrong = await me.patch(`/api/v1/users/${u.body.id}`, { password: 'second-pass-2', currentPassword: 'nope-nope-1' });
    expect(wrong.body.error.issues[0]).toMatchObject({ path: ['currentPassword'], code: 'wrong_password' });
    const ok = await me.patch(`/api/v1/users/${u.body.id}`, { password: 'second-pass-2', currentPassword: 'first-pass-1' });
    expect(ok.status).toBe(200);
    await apiClient(server.url).signIn('zhouli', 'second-pass-2');
  });

  it('keeps the tokens of a disabled user revoked after re-enabling', async () => {
    const admin = apiClient(server.url);
    await admin.signIn();
    const u = await admin.post('/api/v1/users', { username: 'qianjun', displayName: '钱军', password: 'token-pass-1', role: 'sales' });
    const t = await admin.post(`/api/v1/users/${u.body.id}/tokens`, { name: 'script' });
    const bot = apiClient(server.url);
    bot.useToken(t.body.token);
    expect((await bot.get('/api/v1/auth/me')).status).toBe(200);
    await admin.patch(`/api/v1/users/${u.body.id}`, { isActive: false });
    await admin.patch(`/api/v1/users/${u.body.id}`, { isActive: true });
    expect((await bot.get('/api/v1/auth/me')).status).toBe(401);
  });
});
