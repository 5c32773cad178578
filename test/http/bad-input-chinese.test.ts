import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, expectInvalid } from '../support/api-assertions.ts';

const person = { kind: 'individual', name: '张伟' };
const company = { kind: 'organization', name: '杭州云栈科技有限公司' };
const validUscc = '91350100M000100Y43';
const validIdCard = '11010519491231002X';

/** Chinese national formats, fields of the other customer kind, immutable fields and custom fields. */
describe.each(testEngines())('Chinese validations over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;

  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    await api.signIn();
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  describe('mobile numbers', () => {
    it.each([
      ['13800138000', '13800138000'],
      ['+8613800138000', '13800138000'],
      ['+86 138 0013 8000', '13800138000'],
      ['+86-138-0013-8000', '13800138000'],
      ['008613800138000', '13800138000'],
      ['8613800138000', '13800138000'],
      ['１３８００１３８０００', '13800138000'],
      ['(+86) 199 1234 5678', '19912345678'],
    ])('accepts %s and stores %s', async (input, stored) => {
      const r = await api.post('/api/v1/customers', { ...person, mobile: input, contacts: [{ name: '李娜', mobile: input }] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.mobile).toBe(stored);
      expect(r.body.contacts[0].mobile).toBe(stored);
    });

    it.each(['12800138000', '10800138000', '1380013800', '138001380001', '+1 415 555 0100', '+86 12345678901', '+852 9123 4567', '138-0013-800O', 'abc'])(
      'refuses %s with bad_mobile at mobile and at contacts.0.mobile',
      async (input) => {
        expectInvalid(await api.post('/api/v1/customers', { ...person, mobile: input }), 'mobile', 'bad_mobile');
        expectInvalid(await api.post('/api/v1/customers', { ...person, contacts: [{ name: '李娜', mobile: input }] }), 'contacts.0.mobile', 'bad_mobile');
        await expectUnchanged();
      },
    );
  });

  describe('unified social credit codes', () => {
    it('accepts a valid code, normalising case, width and spaces', async () => {
      const r = await api.post('/api/v1/customers', { ...company, uscc: ' 91350100m000100y43 ' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.uscc).toBe(validUscc);
    });

    it('refuses a wrong check character with bad_uscc_checksum', async () => {
      for (const wrong of ['91350100M000100Y44', '91350100M000100Y40', '91350100M000100YA3']) {
        expectInvalid(await api.post('/api/v1/customers', { ...company, uscc: wrong }), 'uscc', 'bad_uscc_checksum');
      }
      await expectUnchanged();
    });

    it.each(['91350100M000100Y4', '91350100M000100Y433', '91350100M000100I43', '01350100M000100Y43', 'ABCDEFGHJKLMNPQRTU'])('refuses the malformed code %s', async (wrong) => {
      expectInvalid(await api.post('/api/v1/customers', { ...company, uscc: wrong }), 'uscc', 'bad_uscc_format');
      await expectUnchanged();
    });
  });

  describe('resident ID card numbers', () => {
    it('accepts a valid number with a lower-case x and stores it upper-case', async () => {
      const r = await api.post('/api/v1/customers', { ...person, idCardNo: validIdCard.toLowerCase() });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.idCardNo).toBe(validIdCard);
    });

    it.each([
      ['110105194912310021', 'bad_id_card_checksum'],
      ['110105194912310020', 'bad_id_card_checksum'],
      ['110105194902300021', 'bad_id_card_birth_date'],
      ['11010519490230002X', 'bad_id_card_birth_date'],
      ['110105189912310021', 'bad_id_card_birth_date'],
      ['110105299912310021', 'bad_id_card_birth_date'],
      ['11010519491231002', 'bad_id_card_format'],
      ['1101051949123100211', 'bad_id_card_format'],
      ['110105194912310Y2X', 'bad_id_card_format'],
      ['010105194912310021', 'bad_id_card_format'],
    ])('refuses %s with %s', async (idCardNo, code) => {
      expectInvalid(await api.post('/api/v1/customers', { ...person, idCardNo }), 'idCardNo', code);
      await expectUnchanged();
    });
  });

  describe('e-mail addresses', () => {
    it('accepts a normal address, lower-casing the domain and half-widthing ＠', async () => {
      const r = await api.post('/api/v1/customers', { ...person, email: 'Zhang.Wei+crm＠Example.COM.cn' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.email).toBe('Zhang.Wei+crm@example.com.cn');
    });

    it.each(['zw@', '@example.com', 'zw@example', 'zw@@example.com', 'zw example@x.com', 'zw@example..com', '.zw@example.com', '张伟@example.com', `${'a'.repeat(65)}@example.com`])(
      'refuses %s at email and contacts.0.email',
      async (email) => {
        expectInvalid(await api.post('/api/v1/customers', { ...person, email }), 'email', 'bad_email');
        expectInvalid(await api.post('/api/v1/customers', { ...person, contacts: [{ name: '李娜', email }] }), 'contacts.0.email', 'bad_email');
        await expectUnchanged();
      },
    );
  });

  describe('fields of the other kind', () => {
    it.each([
      [person, 'uscc', validUscc],
      [person, 'industry', 'I'],
      [person, 'employees', 10],
      [person, 'shortName', '云栈'],
      [person, 'website', 'example.com'],
      [company, 'idCardNo', validIdCard],
      [company, 'gender', 'male'],
      [company, 'birthday', '1990-01-01'],
      [company, 'occupation', '教师'],
    ])('refuses %j with %s as wrong_kind on create', async (base, field, value) => {
      expectInvalid(await api.post('/api/v1/customers', { ...base, [field]: value }), field, 'wrong_kind');
      await expectUnchanged();
    });

    it('accepts null for a field of the other kind', async () => {
      expect((await api.post('/api/v1/customers', { ...person, uscc: null, industry: null })).status).toBe(201);
    });

    it('refuses a field of the other kind in a PATCH and leaves the row alone', async () => {
      const p = (await api.post('/api/v1/customers', person)).body;
      const c = (await api.post('/api/v1/customers', company)).body;
      before = await snapshot.counts();
      expectInvalid(await api.patch(`/api/v1/customers/${p.id}`, { version: p.version, uscc: validUscc }), 'uscc', 'wrong_kind');
      expectInvalid(await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, idCardNo: validIdCard }), 'idCardNo', 'wrong_kind');
      expect((await api.get(`/api/v1/customers/${p.id}`)).body).toMatchObject({ uscc: null, version: p.version });
      expect((await api.get(`/api/v1/customers/${c.id}`)).body).toMatchObject({ idCardNo: null, version: c.version });
      await expectUnchanged();
    });
  });

  describe('immutable fields', () => {
    it.each([
      ['code', 'KH-CHANGED'],
      ['kind', 'organization'],
      ['kind', 'individual'],
      ['code', null],
    ])('refuses %s = %j in a PATCH with immutable', async (field, value) => {
      const p = (await api.post('/api/v1/customers', person)).body;
      before = await snapshot.counts();
      const r = await api.patch(`/api/v1/customers/${p.id}`, { version: p.version, name: '改名', [field]: value });
      expectInvalid(r, field, 'immutable');
      const after = (await api.get(`/api/v1/customers/${p.id}`)).body;
      expect(after).toMatchObject({ code: p.code, kind: p.kind, name: p.name, version: p.version });
      await expectUnchanged();
    });
  });
});

describe.each(testEngines())('custom fields over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;

  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    await api.signIn();
    const level = await api.post('/api/v1/custom-fields', { key: 'level', labelZh: '客户等级', labelEn: 'Level', type: 'select', required: true, options: ['A', 'B', 'C'] });
    expect(level.status, JSON.stringify(level.body)).toBe(201);
    const score = await api.post('/api/v1/custom-fields', { key: 'score', labelZh: '评分', type: 'number' });
    expect(score.status, JSON.stringify(score.body)).toBe(201);
    const licence = await api.post('/api/v1/custom-fields', { key: 'licence_no', labelZh: '许可证号', type: 'text', appliesTo: 'organization' });
    expect(licence.status, JSON.stringify(licence.body)).toBe(201);
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  it('stores valid values', async () => {
    const r = await api.post('/api/v1/customers', { ...person, custom: { level: 'B', score: 87.5 } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.custom).toEqual({ level: 'B', score: 87.5 });
  });

  it.each([
    [{}, 'custom.level', 'required'],
    [{ level: null }, 'custom.level', 'required'],
    [{ level: '' }, 'custom.level', 'required'],
    [{ level: 'Z' }, 'custom.level', 'unknown_option'],
    [{ level: 'a' }, 'custom.level', 'unknown_option'],
    [{ level: 1 }, 'custom.level', 'unknown_option'],
    [{ level: ['A'] }, 'custom.level', 'unknown_option'],
    [{ level: true }, 'custom.level', 'unknown_option'],
    [{ level: 'A', score: 'abc' }, 'custom.score', 'invalid_type'],
    [{ level: 'A', score: '12' }, 'custom.score', 'invalid_type'],
    [{ level: 'A', score: true }, 'custom.score', 'invalid_type'],
    [{ level: 'A', score: [1] }, 'custom.score', 'invalid_type'],
    [{ level: 'A', nope: 1 }, 'custom.nope', 'unknown_field'],
    [{ level: 'A', Level: 'A' }, 'custom.Level', 'unknown_field'],
    [{ level: 'A', licence_no: 'X-1' }, 'custom.licence_no', 'wrong_kind'],
  ])('refuses custom %j on create with an issue at %s (%s) and writes nothing', async (custom, path, code) => {
    expectInvalid(await api.post('/api/v1/customers', { ...person, custom }), path, code);
    await expectUnchanged();
  });

  it('refuses a bad custom value in a PATCH and keeps the stored ones', async () => {
    const c = (await api.post('/api/v1/customers', { ...person, custom: { level: 'A', score: 1 } })).body;
    before = await snapshot.counts();
    expectInvalid(await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, custom: { level: 'Z' } }), 'custom.level', 'unknown_option');
    expectInvalid(await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, custom: { level: null } }), 'custom.level', 'required');
    expectInvalid(await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, custom: { ghost: 1 } }), 'custom.ghost', 'unknown_field');
    expect((await api.get(`/api/v1/customers/${c.id}`)).body).toMatchObject({ custom: { level: 'A', score: 1 }, version: c.version });
    await expectUnchanged();
    const ok = await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, custom: { score: 2 } });
    expect(ok.body.custom).toEqual({ level: 'A', score: 2 });
  });

  it('keeps the values of an archived field but no longer lets clients set or change them', async () => {
    const def = await api.post('/api/v1/custom-fields', { key: 'legacy_no', labelZh: '旧系统编号', type: 'text' });
    const c = (await api.post('/api/v1/customers', { ...person, custom: { level: 'A', legacy_no: 'OLD-1' } })).body;
    expect((await api.patch(`/api/v1/custom-fields/${def.body.id}`, { archived: true })).body.archived).toBe(true);
    before = await snapshot.counts();
    expectInvalid(await api.post('/api/v1/customers', { ...person, custom: { level: 'A', legacy_no: { nested: ['x'] } } }), 'custom.legacy_no', 'invalid_type');
    for (const value of ['OLD-2', 'a\u0000b', ['OLD-1'], 'x'.repeat(5000)]) {
      expectInvalid(await api.post('/api/v1/customers', { ...person, custom: { level: 'A', legacy_no: value } }), 'custom.legacy_no', 'archived');
      expectInvalid(await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, custom: { legacy_no: value } }), 'custom.legacy_no', 'archived');
    }
    await expectUnchanged();
    const kept = await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, custom: { level: 'B', legacy_no: 'OLD-1' } });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.custom).toEqual({ level: 'B', legacy_no: 'OLD-1' });
    const cleared = await api.patch(`/api/v1/customers/${c.id}`, { version: kept.body.version, custom: { legacy_no: null } });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.custom).toEqual({ level: 'B' });
  });

  it('names the custom field in the message', async () => {
    api.useLanguage('en');
    try {
      const issue = expectInvalid(await api.post('/api/v1/customers', { ...person, custom: { level: 'Z' } }), 'custom.level');
      expect(issue.message).toMatch(/A, B, C/);
    } finally {
      api.useLanguage('zh-CN');
    }
  });

  it.each([
    [{ key: 'tier', labelZh: '层级', type: 'select' }, 'options', 'required'],
    [{ key: 'tier', labelZh: '层级', type: 'select', options: [] }, 'options', 'required'],
    [{ key: 'Tier', labelZh: '层级', type: 'text' }, 'key', 'invalid_format'],
    [{ key: '1tier', labelZh: '层级', type: 'text' }, 'key', 'invalid_format'],
    [{ key: 't'.repeat(41), labelZh: '层级', type: 'text' }, 'key', 'invalid_format'],
    [{ key: 'tier', labelZh: '', type: 'text' }, 'labelZh', 'required'],
    [{ key: 'tier', labelZh: '层级', type: 'text', appliesTo: 'robots' }, 'appliesTo', 'invalid_value'],
    [{ key: 'tier', labelZh: '层级' }, 'type', 'required'],
  ])('refuses the definition %j at %s', async (body, path, code) => {
    expectInvalid(await api.post('/api/v1/custom-fields', body), path, code);
    await expectUnchanged();
  });

  it('refuses a second field with the same key as a conflict on "key"', async () => {
    const r = await api.post('/api/v1/custom-fields', { key: 'score', labelZh: '重复', type: 'text' });
    const e = expectApiError(r, 409, 'CONFLICT');
    expect(e.issues).toEqual([expect.objectContaining({ path: ['key'], code: 'duplicate' })]);
    await expectUnchanged();
  });
});
