import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordSchema } from '../../src/domain/users/user.ts';
import { containsUsername, isCommonPassword } from '../../src/domain/users/password-policy.ts';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { expectInvalid } from '../support/api-assertions.ts';

describe('password policy rules', () => {
  it('knows the usual and the Chinese favourites, whatever their case', () => {
    for (const p of ['a123456789', 'qq123456789', 'woaini1314', 'WOAINI1314', 'Password123', '1qaz2wsx3edc', 'abc123456789']) expect(isCommonPassword(p), p).toBe(true);
    expect(isCommonPassword('Xian-camel-4721')).toBe(false);
  });
  it('refuses the user name itself, or inside, for names of three or more characters', () => {
    expect(containsUsername('zhangwei2024', 'zhangwei')).toBe(true);
    expect(containsUsername('My-ZhangWei-pass1', 'zhangwei')).toBe(true);
    expect(containsUsername('li', 'li')).toBe(true);
    expect(containsUsername('reliable-2024', 'li')).toBe(false);
    expect(containsUsername('Xian-camel-4721', 'zhangwei')).toBe(false);
  });
  it('is the same schema the web form checks with', () => {
    expect(passwordSchema.safeParse('qq123456789').success).toBe(false);
    expect(passwordSchema.safeParse('Xian-camel-4721').success).toBe(true);
  });
});

/** Weak, common and name-bearing passwords get a clear 400 on every door that sets a password. */
describe.each(testEngines())('weak passwords over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ReturnType<typeof apiClient>;
  const create = (username: string, password: unknown) => admin.post('/api/v1/users', { username, displayName: username, password });

  beforeAll(async () => {
    server = await startTestServer(engine);
    admin = apiClient(server.url);
    await admin.signIn();
  });
  afterAll(() => server?.close());

  it('refuses short, letter-only and digit-only passwords as weak_password', async () => {
    for (const p of ['short1', 'abcdefghijkl', '12345678901234', '', 'a'.repeat(201) + '1']) expectInvalid(await create('weakling', p), 'password', 'weak_password');
  });

  it('refuses the most common passwords as common_password, in both languages', async () => {
    for (const p of ['a123456789', 'qq123456789', 'woaini1314', 'Woaini5201314', 'password123', 'Qwerty123456', 'abcd123456']) {
      const issue = expectInvalid(await create('common', p), 'password', 'common_password');
      expect(issue.message).toBe('密码：过于常见，容易被猜中，请换一个');
    }
    const en = apiClient(server.url);
    en.useLanguage('en');
    await en.signIn();
    expect(expectInvalid(await en.post('/api/v1/users', { username: 'common', displayName: 'x', password: 'qq123456789' }), 'password', 'common_password').message).toBe(
      'Password is one of the most common passwords; choose another',
    );
  });

  it('refuses a password that is or contains the user name, on create, admin reset and own change', async () => {
    for (const p of ['zhangwei2024', 'ZhangWei-2024', '2024zhangwei!']) {
      const issue = expectInvalid(await create('zhangwei', p), 'password', 'password_contains_username');
      expect(issue.message).toBe('密码：不能是用户名或包含用户名');
    }
    const made = await create('zhangwei', 'Harbour-lights-88');
    expect(made.status).toBe(201);
    expectInvalid(await admin.patch(`/api/v1/users/${made.body.id}`, { password: 'zhangwei-88-new' }), 'password', 'password_contains_username');
    const self = apiClient(server.url);
    await self.signIn('zhangwei', 'Harbour-lights-88');
    expectInvalid(await self.patch(`/api/v1/users/${made.body.id}`, { password: 'new-zhangwei-1', currentPassword: 'Harbour-lights-88' }), 'password', 'password_contains_username');
    expectInvalid(await self.patch(`/api/v1/users/${made.body.id}`, { password: 'a123456789', currentPassword: 'Harbour-lights-88' }), 'password', 'common_password');
    const ok = await self.patch(`/api/v1/users/${made.body.id}`, { password: 'Mountain-river-37', currentPassword: 'Harbour-lights-88' });
    expect(ok.status).toBe(200);
  });
});
