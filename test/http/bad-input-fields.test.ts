import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient, type ApiResponse } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, expectInvalid } from '../support/api-assertions.ts';

type Body = Record<string, unknown>;

const person: Body = { kind: 'individual', name: '张伟' };
const withContact: Body = { ...person, contacts: [{ name: '李娜' }] };
const company: Body = { kind: 'organization', name: '杭州云栈科技有限公司' };
const purchase: Body = { orderNo: 'SO-BASE', orderedOn: '2026-03-01', amountFen: 100_00 };
const interaction: Body = { channel: 'phone', occurredAt: '2026-03-02T10:00:00+08:00', subject: '电话回访' };

/** Sets a value at a dotted path ("contacts.0.name") in a deep copy of body. */
function withValue(body: Body, path: string, value: unknown): Body {
  const copy = structuredClone(body) as Body;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const [i, k] of keys.entries()) {
    if (i === keys.length - 1) at[k] = value;
    else at = (at[k] ??= /^\d+$/.test(keys[i + 1] ?? '') ? [] : {}) as Record<string, unknown>;
  }
  return copy;
}

const controlCharacters = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b'];

/** Field-level garbage: wrong types, unknown fields, control characters, lengths counted in characters. */
describe.each(testEngines())('bad field values over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;
  let existing: { id: number; version: number };
  let contactId: number;
  let purchaseId: number;
  let interactionId: number;
  let userId: number;

  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    await api.signIn();
    // an optional text custom field, so control characters in custom values can be tried
    expect((await api.post('/api/v1/custom-fields', { key: 'remark', labelZh: '补充说明', type: 'text' })).status).toBe(201);
    existing = (await api.post('/api/v1/customers', { ...person, name: '已有客户', contacts: [{ name: '已有联系人' }] })).body;
    contactId = (await api.get(`/api/v1/customers/${existing.id}/contacts`)).body.items[0].id;
    purchaseId = (await api.post(`/api/v1/customers/${existing.id}/purchases`, { ...purchase, orderNo: 'SO-EXISTING' })).body.id;
    interactionId = (await api.post(`/api/v1/customers/${existing.id}/interactions`, interaction)).body.id;
    userId = (await api.post('/api/v1/users', { username: 'sales1', displayName: '销售一', password: 'sales-pass-1' })).body.id;
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  describe('wrong types', () => {
    const customerCases: [Body, string, unknown][] = [
      [person, 'kind', 'robot'], [person, 'kind', 1], [person, 'name', 123], [person, 'name', null], [person, 'name', ['张伟']],
      [person, 'stage', 'gone'], [person, 'stage', 5], [person, 'ownerId', 'abc'], [person, 'ownerId', '1'], [person, 'ownerId', true],
      [person, 'ownerId', 1.5], [person, 'ownerId', -1], [person, 'ownerId', [1]], [person, 'departmentId', {}], [person, 'source', 5],
      [person, 'tags', 'VIP'], [person, 'tags.0', 1], [person, 'tags.0', null], [person, 'tags', { a: 'VIP' }], [person, 'notes', []],
      [person, 'custom', []], [person, 'custom', 'x'], [person, 'custom.remark', { a: 1 }], [person, 'custom.remark', 5],
      [person, 'mobile', 13800138000], [person, 'email', true], [person, 'province', 1], [person, 'city', []], [person, 'district', {}],
      [person, 'address', 1], [person, 'gender', 'x'], [person, 'gender', 1], [person, 'birthday', 20000101], [person, 'birthday', '2000-13-01'],
      [person, 'birthday', '2000-02-30'], [person, 'idCardNo', 110105194912310000], [person, 'occupation', false], [person, 'contacts', {}],
      [person, 'contacts', 'x'], [person, 'contacts.0', 'x'], [person, 'contacts.0.name', 1], [person, 'contacts.0.isPrimary', 'yes'],
      [person, 'contacts.0.mobile', 13800138000], [person, 'lastVerifiedAt', 'yesterday'], [person, 'lastVerifiedAt', 1700000000000],
      [person, 'lastVerifiedAt', '0000-01-01T00:00:00Z'], [person, 'lastVerifiedAt', '2026-02-30T10:00:00+08:00'],
      [company, 'shortName', 1], [company, 'uscc', 1], [company, 'legalRepresentative', 1], [company, 'industry', 'Z'], [company, 'industry', 9],
      [company, 'employees', '10'], [company, 'employees', 1.5], [company, 'employees', -1], [company, 'employees', true],
      [company, 'annualRevenueFen', 1.5], [company, 'annualRevenueFen', '100'], [company, 'annualRevenueFen', -1],
      [company, 'website', 1], [company, 'website', 'ftp://example.com'], [company, 'website', 'javascript:alert(1)'],
      [company, 'website', `https://example.com/${'a'.repeat(400)}`],
    ];
    it.each(customerCases)('refuses a customer whose %s.%s is %j with 400 at that path', async (base, path, value) => {
      expectInvalid(await api.post('/api/v1/customers', withValue(base, path, value)), path);
      await expectUnchanged();
    });

    it.each([
      ['version', 'x'], ['version', '1'], ['version', 0], ['version', null], ['name', 1], ['name', ''], ['tags', 'x'], ['stage', 1],
      ['ownerId', '1'], ['ownerId', true], ['custom', []], ['mobile', 1], ['birthday', 'someday'],
    ])('refuses a PATCH whose %s is %j with 400 at that path and leaves the row alone', async (path, value) => {
      const row = (await api.get(`/api/v1/customers/${existing.id}`)).body;
      expectInvalid(await api.patch(`/api/v1/customers/${existing.id}`, { version: row.version, [path]: value }), path);
      expect((await api.get(`/api/v1/customers/${existing.id}`)).body).toEqual(row);
      await expectUnchanged();
    });

    it('requires version in a PATCH', async () => {
      expectInvalid(await api.patch(`/api/v1/customers/${existing.id}`, { name: '无版本' }), 'version', 'required');
      await expectUnchanged();
    });

    const recordCases: [string, Body, string, unknown][] = [
      ['contacts', { name: '李娜' }, 'name', 5], ['contacts', { name: '李娜' }, 'isPrimary', 'true'], ['contacts', { name: '李娜' }, 'mobile', 138],
      ['contacts', { name: '李娜' }, 'email', ['a@b.cn']],
      ['purchases', purchase, 'orderNo', 5], ['purchases', purchase, 'orderedOn', '2026/03/01'], ['purchases', purchase, 'amountFen', '100'],
      ['purchases', purchase, 'amountFen', 1.5], ['purchases', purchase, 'amountFen', -100], ['purchases', purchase, 'amountFen', 1e15],
      ['purchases', purchase, 'costFen', '60'], ['purchases', purchase, 'currency', 'RMB1'], ['purchases', purchase, 'currency', 156],
      ['purchases', purchase, 'quantity', 2.5], ['purchases', purchase, 'status', 'lost'], ['purchases', purchase, 'paidOn', true],
      ['interactions', interaction, 'channel', 'pigeon'], ['interactions', interaction, 'occurredAt', '2026-03-02'],
      ['interactions', interaction, 'occurredAt', '2026-03-02T10:00:00'], ['interactions', interaction, 'occurredAt', 1767225600000],
      ['interactions', interaction, 'occurredAt', '2026-02-30T10:00:00+08:00'], ['interactions', interaction, 'occurredAt', '0000-01-01T00:00:00Z'],
      ['interactions', interaction, 'occurredAt', '2026-03-02T24:00:00Z'], ['interactions', interaction, 'occurredAt', '2026-03-02T10:61:00Z'],
      ['interactions', interaction, 'subject', null], ['interactions', interaction, 'byUserId', '1'], ['interactions', interaction, 'byUserId', true],
      ['interactions', interaction, 'nextFollowUpOn', 'next week'],
    ];
    it.each(recordCases)('refuses %s with %s = %j (POST and PATCH) at that path', async (kind, base, path, value) => {
      expectInvalid(await api.post(`/api/v1/customers/${existing.id}/${kind}`, { ...base, [path]: value }), path);
      const recordId = { contacts: contactId, purchases: purchaseId, interactions: interactionId }[kind];
      expectInvalid(await api.patch(`/api/v1/customers/${existing.id}/${kind}/${recordId}`, { [path]: value }), path);
      await expectUnchanged();
    });

    it.each<[string, string, Body, string]>([
      ['POST', '/api/v1/users', { username: 'u2', displayName: 'x', password: 'pass-word-22', role: 'god' }, 'role'],
      ['POST', '/api/v1/users', { username: 7, displayName: 'x', password: 'pass-word-22' }, 'username'],
      ['POST', '/api/v1/users', { username: 'u2', displayName: 'x', password: 1234567890 }, 'password'],
      ['POST', '/api/v1/users', { username: 'u2', displayName: 'x', password: 'short1' }, 'password'],
      ['POST', '/api/v1/users', { username: 'u2', displayName: 'x', password: 'pass-word-22', departmentId: '1' }, 'departmentId'],
      ['PATCH', '/api/v1/users/:user', { isActive: 'false' }, 'isActive'],
      ['PATCH', '/api/v1/users/:user', { role: ['admin'] }, 'role'],
      ['POST', '/api/v1/departments', { name: 1 }, 'name'],
      ['POST', '/api/v1/departments', { name: '销售部', parentId: 'root' }, 'parentId'],
      ['POST', '/api/v1/custom-fields', { key: 'k1', labelZh: 'x', type: 'rainbow' }, 'type'],
      ['POST', '/api/v1/custom-fields', { key: 'k1', labelZh: 'x', type: 'text', required: 'yes' }, 'required'],
      ['POST', '/api/v1/custom-fields', { key: 'k1', labelZh: 'x', type: 'select', options: 'A,B' }, 'options'],
      ['POST', '/api/v1/users/:user/tokens', { name: 'ci', expiresInDays: '30' }, 'expiresInDays'],
      ['PUT', '/api/v1/settings/customer-code', { prefix: 'KH', datePart: 'YYYY', sequenceWidth: '5' }, 'sequenceWidth'],
      ['POST', '/api/v1/auth/sign-in', { username: 'admin', password: 12345 }, 'password'],
      ['POST', '/api/v1/auth/sign-in', { username: ['admin'], password: 'admin-pass-1' }, 'username'],
    ])('refuses %s %s %j at "%s"', async (method, path, body, issuePath) => {
      expectInvalid(await api.raw(method, path.replace(':user', String(userId)), body), issuePath);
      await expectUnchanged();
    });
  });

  describe('unknown fields', () => {
    it.each<[string, string, Body, string]>([
      ['POST', '/api/v1/customers', { ...person, vip: true }, 'vip'],
      ['POST', '/api/v1/customers', { ...person, id: 99 }, 'id'],
      ['POST', '/api/v1/customers', { ...person, code: 'KH-FAKE' }, 'code'],
      ['POST', '/api/v1/customers', { ...person, version: 7 }, 'version'],
      ['POST', '/api/v1/customers', { ...person, createdBy: 1 }, 'createdBy'],
      ['POST', '/api/v1/customers', { ...person, contacts: [{ name: '李娜', wechat: 'ln' }] }, 'contacts.0.wechat'],
      ['POST', '/api/v1/customers', { ...person, contacts: [{ name: '李娜' }, { name: '王芳', customerId: 1 }] }, 'contacts.1.customerId'],
      ['PATCH', '/api/v1/customers/:id', { version: 1, deletedAt: null }, 'deletedAt'],
      ['PATCH', '/api/v1/customers/:id', { version: 1, contacts: [] }, 'contacts'],
      ['POST', '/api/v1/customers/:id/contacts', { name: '李娜', customerId: 1 }, 'customerId'],
      ['POST', '/api/v1/customers/:id/purchases', { ...purchase, grossProfitFen: 1 }, 'grossProfitFen'],
      ['POST', '/api/v1/customers/:id/interactions', { ...interaction, id: 1 }, 'id'],
      ['POST', '/api/v1/users', { username: 'u3', displayName: 'x', password: 'pass-word-33', isAdmin: true }, 'isAdmin'],
      ['POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'admin-pass-1', remember: true }, 'remember'],
      ['POST', '/api/v1/custom-fields', { key: 'k2', labelZh: 'x', type: 'text', archived: true }, 'archived'],
    ])('refuses %s %s with an unknown field at "%s"', async (method, path, body, issuePath) => {
      const r = await api.raw(method, path.replace(':id', String(existing.id)), body);
      expectInvalid(r, issuePath, 'unknown_field');
      await expectUnchanged();
    });
  });

  describe('control characters', () => {
    const plainTextFields: [string, string, Body, string][] = [
      ...['name', 'source', 'notes', 'province', 'city', 'district', 'address', 'occupation', 'tags.0', 'custom.remark', 'contacts.0.name', 'contacts.0.title', 'contacts.0.notes'].map(
        (f): [string, string, Body, string] => ['POST', '/api/v1/customers', withContact, f],
      ),
      ...['shortName', 'legalRepresentative'].map((f): [string, string, Body, string] => ['POST', '/api/v1/customers', company, f]),
      ...['name', 'title', 'notes'].map((f): [string, string, Body, string] => ['POST', '/api/v1/customers/:id/contacts', { name: '李娜' }, f]),
      ...['orderNo', 'productLine', 'notes'].map((f): [string, string, Body, string] => ['POST', '/api/v1/customers/:id/purchases', purchase, f]),
      ...['subject', 'summary'].map((f): [string, string, Body, string] => ['POST', '/api/v1/customers/:id/interactions', interaction, f]),
      ['POST', '/api/v1/users', { username: 'u4', displayName: 'x', password: 'pass-word-44' }, 'displayName'],
      ['POST', '/api/v1/users', { username: 'u4', displayName: 'x', password: 'pass-word-44' }, 'email'],
      ['POST', '/api/v1/departments', { name: 'x' }, 'name'],
      ['POST', '/api/v1/custom-fields', { key: 'k3', labelZh: 'x', type: 'select', options: ['A'] }, 'labelZh'],
      ['POST', '/api/v1/custom-fields', { key: 'k3', labelZh: 'x', type: 'select', options: ['A'] }, 'labelEn'],
      ['POST', '/api/v1/custom-fields', { key: 'k3', labelZh: 'x', type: 'select', options: ['A'] }, 'options.0'],
      ['POST', '/api/v1/users/:user/tokens', { name: 'x' }, 'name'],
    ];
    it.each(plainTextFields)('refuses control characters in %s %s %j at "%s"', async (method, path, base, field) => {
      const url = path.replace(':id', String(existing.id)).replace(':user', String(userId));
      for (const c of controlCharacters) {
        const r = await api.raw(method, url, withValue(base, field, `甲${c}乙`));
        expectInvalid(r, field, 'control_characters');
      }
      await expectUnchanged();
    });

    it.each<[string, string, Body, string]>([
      ['POST', '/api/v1/customers', person, 'mobile'],
      ['POST', '/api/v1/customers', person, 'email'],
      ['POST', '/api/v1/customers', person, 'idCardNo'],
      ['POST', '/api/v1/customers', person, 'birthday'],
      ['POST', '/api/v1/customers', person, 'lastVerifiedAt'],
      ['POST', '/api/v1/customers', company, 'uscc'],
      ['POST', '/api/v1/customers', company, 'website'],
      ['POST', '/api/v1/customers', person, 'contacts.0.mobile'],
      ['POST', '/api/v1/customers', person, 'contacts.0.email'],
      ['POST', '/api/v1/customers/:id/purchases', purchase, 'currency'],
      ['POST', '/api/v1/customers/:id/purchases', purchase, 'orderedOn'],
      ['POST', '/api/v1/customers/:id/interactions', interaction, 'occurredAt'],
      ['POST', '/api/v1/users', { username: 'u5', displayName: 'x', password: 'pass-word-55' }, 'username'],
      ['POST', '/api/v1/custom-fields', { key: 'k4', labelZh: 'x', type: 'text' }, 'key'],
      ['PUT', '/api/v1/settings/customer-code', { prefix: 'KH', datePart: 'YYYY', sequenceWidth: 5 }, 'prefix'],
      ['POST', '/api/v1/auth/sign-in', { username: 'admin', password: 'admin-pass-1' }, 'username'],
    ])('refuses NUL and escape characters in formatted field %s %s %j at "%s"', async (method, path, base, field) => {
      const url = path.replace(':id', String(existing.id)).replace(':user', String(userId));
      const valid: Record<string, string> = { mobile: '13800138000', email: 'a@example.com', idCardNo: '11010519491231002X', uscc: '91350100M000100Y43' };
      const sample = valid[field.split('.').pop() ?? ''] ?? 'abcd';
      for (const c of ['\u0000', '\u0007', '\u001b', '\u007f']) {
        const r = await api.raw(method, url, withValue(base, field, sample.slice(0, 3) + c + sample.slice(3)));
        expectInvalid(r, field);
      }
      await expectUnchanged();
    });

    it.each(['name', 'notes', 'tags.0', 'custom.remark', 'contacts.0.name'])('refuses a lone UTF-16 surrogate in %s instead of storing a replacement character', async (field) => {
      for (const broken of ['甲\ud800乙', '甲\udc00', '\udfff乙']) {
        expectInvalid(await api.post('/api/v1/customers', withValue(withContact, field, broken)), field, 'bad_unicode');
      }
      expectInvalid(await api.raw('POST', '/api/v1/auth/sign-in', { username: 'ad\ud800min', password: 'x' }), 'username', 'bad_unicode');
      await expectUnchanged();
      const pair = await api.post('/api/v1/customers', withValue(withContact, field, '甲\ud83c\udf89乙'));
      expect(pair.status).toBe(201);
    });

    it('refuses control characters in custom-field keys it does not know, naming the key', async () => {
      const r = await api.post('/api/v1/customers', { ...person, custom: { 're\u0000mark': 'x' } });
      expectInvalid(r, 'custom.re\u0000mark', 'unknown_field');
      await expectUnchanged();
    });

    it('accepts tabs and newlines in free text, turning CRLF into LF', async () => {
      const r = await api.post('/api/v1/customers', { ...person, notes: '第一行\r\n第二行\t缩进' });
      expect(r.status).toBe(201);
      expect(r.body.notes).toBe('第一行\n第二行\t缩进');
    });
  });

  describe('lengths in characters', () => {
    const party = '🎉';

    it('accepts a 200-emoji name and refuses 201', async () => {
      const ok = await api.post('/api/v1/customers', { ...person, name: party.repeat(200) });
      expect(ok.status).toBe(201);
      expect((await api.get(`/api/v1/customers/${ok.body.id}`)).body.name).toBe(party.repeat(200));
      before = await snapshot.counts();
      expectInvalid(await api.post('/api/v1/customers', { ...person, name: party.repeat(201) }), 'name', 'too_long');
      await expectUnchanged();
    });

    const limits: [string, Body, string, number][] = [
      ['/api/v1/customers', person, 'name', 200], ['/api/v1/customers', person, 'source', 50], ['/api/v1/customers', person, 'notes', 5000],
      ['/api/v1/customers', person, 'province', 30], ['/api/v1/customers', person, 'city', 30], ['/api/v1/customers', person, 'district', 30],
      ['/api/v1/customers', person, 'address', 300], ['/api/v1/customers', person, 'occupation', 100], ['/api/v1/customers', person, 'tags.0', 30],
      ['/api/v1/customers', person, 'custom.remark', 1000], ['/api/v1/customers', person, 'contacts.0.name', 100],
      ['/api/v1/customers', withContact, 'contacts.0.title', 100], ['/api/v1/customers', withContact, 'contacts.0.notes', 1000],
      ['/api/v1/customers', company, 'shortName', 100], ['/api/v1/customers', company, 'legalRepresentative', 50],
      ['/api/v1/customers/:id/purchases', purchase, 'orderNo', 64], ['/api/v1/customers/:id/purchases', purchase, 'productLine', 100],
      ['/api/v1/customers/:id/purchases', purchase, 'notes', 1000], ['/api/v1/customers/:id/interactions', interaction, 'subject', 200],
      ['/api/v1/customers/:id/interactions', interaction, 'summary', 5000], ['/api/v1/customers/:id/contacts', { name: '李娜' }, 'title', 100],
      ['/api/v1/departments', { name: 'x' }, 'name', 50], ['/api/v1/users/:user/tokens', { name: 'x' }, 'name', 100],
    ];
    it.each(limits)('%s %j: "%s" takes %i emoji and refuses one more', async (path, base, field, max) => {
      const url = path.replace(':id', String(existing.id)).replace(':user', String(userId));
      // order numbers are unique across customers, so each case brings its own
      const own = 'orderNo' in base && field !== 'orderNo' ? { ...base, orderNo: `SO-LEN-${field}` } : base;
      const fits: ApiResponse = await api.post(url, withValue(own, field, party.repeat(max)));
      expect(fits.status, JSON.stringify(fits.body)).toBe(201);
      before = await snapshot.counts();
      expectInvalid(await api.post(url, withValue(own, field, party.repeat(max + 1))), field, 'too_long');
      await expectUnchanged();
    });
  });

  describe('all or nothing', () => {
    it('writes no customer, contact or audit entry when the second of two contacts is invalid', async () => {
      const r = await api.post('/api/v1/customers', { ...company, contacts: [{ name: '李娜', mobile: '13912345678' }, { name: '王芳', mobile: '12345' }] });
      expectInvalid(r, 'contacts.1.mobile', 'bad_mobile');
      expect(r.body.error.issues).toHaveLength(1);
      await expectUnchanged();
    });

    it('reports every problem at once, each with its own path', async () => {
      const r = await api.post('/api/v1/customers', { kind: 'individual', name: '', mobile: 'x', email: 'y', tags: ['', 'ok'], contacts: [{ name: '' }] });
      const e = expectApiError(r, 400, 'INVALID_INPUT');
      expect(e.issues.map((i) => i.path.join('.')).sort()).toEqual(['contacts.0.name', 'email', 'mobile', 'name', 'tags.0']);
      await expectUnchanged();
    });
  });
});
