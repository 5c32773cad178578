import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, expectInvalid, hasChinese } from '../support/api-assertions.ts';

/** Transport-level garbage: bodies, content types, sizes, path ids, query strings, routes. */
describe.each(testEngines())('bad input over HTTP on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;
  let before: Record<string, number>;
  let customerA: { id: number; version: number };
  let customerB: { id: number; version: number };

  const json = (path: string, raw: string, method = 'POST', contentType = 'application/json') =>
    api.raw(method, path, undefined, { raw, headers: { 'content-type': contentType } });
  const expectUnchanged = async () => expect(await snapshot.counts()).toEqual(before);

  beforeAll(async () => {
    server = await startTestServer(engine);
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    await api.signIn();
    customerA = (await api.post('/api/v1/customers', { kind: 'individual', name: '客户甲', contacts: [{ name: '甲联系人' }] })).body;
    customerB = (await api.post('/api/v1/customers', { kind: 'organization', name: '客户乙有限公司' })).body;
    await api.post(`/api/v1/customers/${customerA.id}/purchases`, { orderNo: 'A-1', orderedOn: '2026-01-05', amountFen: 100 });
    await api.post(`/api/v1/customers/${customerA.id}/interactions`, { channel: 'phone', occurredAt: '2026-01-05T09:00:00+08:00', subject: '电话' });
  });
  beforeEach(async () => {
    before = await snapshot.counts();
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  describe('request bodies', () => {
    it.each([
      ['truncated object', '{"kind": "individual", "name": '],
      ['single quotes', "{'kind': 'individual', 'name': 'x'}"],
      ['trailing garbage', '{"kind": "individual", "name": "x"}}'],
      ['trailing comma', '{"kind": "individual", "name": "x",}'],
      ['NaN literal', '{"kind": "individual", "name": "x", "employees": NaN}'],
      ['bare word', 'hello'],
      ['raw NUL byte', '{"kind": "individual", "name": "a\u0000b"}'],
      ['prototype pollution', '{"kind": "individual", "name": "x", "__proto__": {"isAdmin": true}}'],
      ['constructor pollution', '{"kind": "individual", "name": "x", "constructor": {"prototype": {"isAdmin": true}}}'],
    ])('answers malformed JSON (%s) with 400 invalid_json and writes nothing', async (_label, raw) => {
      const r = await json('/api/v1/customers', raw);
      const e = expectApiError(r, 400, 'INVALID_INPUT');
      expect(e.issues).toEqual([expect.objectContaining({ path: [], code: 'invalid_json' })]);
      await expectUnchanged();
    });

    it('answers an empty body with a JSON content type with 400', async () => {
      for (const path of ['/api/v1/customers', `/api/v1/customers/${customerA.id}/contacts`, '/api/v1/auth/sign-in']) {
        const r = await json(path, '');
        expect(expectApiError(r, 400, 'INVALID_INPUT').issues[0]).toMatchObject({ path: [], code: 'invalid_json' });
      }
      await expectUnchanged();
    });

    it.each([
      ['text/plain', '{"kind":"individual","name":"纯文本"}'],
      ['application/xml', '<customer><name>x</name></customer>'],
      ['application/x-www-form-urlencoded', 'kind=individual&name=x'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--'],
      ['image/png', 'PNG'],
    ])('refuses a %s body with an error in the contract shape', async (contentType, raw) => {
      const r = await json('/api/v1/customers', raw, 'POST', contentType);
      expect([400, 415]).toContain(r.status);
      expectApiError(r, r.status, 'INVALID_INPUT');
      await expectUnchanged();
    });

    it('names JSON as the expected body when the content type is not JSON', async () => {
      api.useLanguage('en');
      try {
        const r = await json('/api/v1/customers', '<customer/>', 'POST', 'application/xml');
        expect(expectApiError(r, 415, 'INVALID_INPUT').issues[0]).toMatchObject({ path: [], code: 'unsupported_media_type', message: expect.stringMatching(/JSON/) });
      } finally {
        api.useLanguage('zh-CN');
      }
    });

    it.each([
      ['an array', '[{"kind": "individual", "name": "x"}]'],
      ['a number', '42'],
      ['a string', '"张伟"'],
      ['null', 'null'],
      ['true', 'true'],
    ])('refuses %s as the body with an issue at the root', async (_label, raw) => {
      for (const path of ['/api/v1/customers', `/api/v1/customers/${customerA.id}/purchases`, '/api/v1/auth/sign-in', '/api/v1/custom-fields']) {
        const e = expectApiError(await json(path, raw), 400, 'INVALID_INPUT');
        expect(e.issues[0]).toMatchObject({ path: [], code: 'invalid_type' });
      }
      const patch = await json(`/api/v1/customers/${customerA.id}`, raw, 'PATCH');
      expect(expectApiError(patch, 400, 'INVALID_INPUT').issues[0]).toMatchObject({ path: [] });
      await expectUnchanged();
    });

    it('refuses a 1 MB name with too_long at "name"', async () => {
      const r = await api.post('/api/v1/customers', { kind: 'individual', name: 'a'.repeat(1_000_000) });
      expectInvalid(r, 'name', 'too_long');
      await expectUnchanged();
    });

    it('answers a body over the 1 MiB limit with 413', async () => {
      const r = await api.post('/api/v1/customers', { kind: 'individual', name: 'x', notes: '字'.repeat(400_000) });
      expectApiError(r, 413, 'PAYLOAD_TOO_LARGE');
      const raw = await json('/api/v1/customers', `{"kind":"individual","name":"${'b'.repeat(1_100_000)}"}`);
      expectApiError(raw, 413, 'PAYLOAD_TOO_LARGE');
      await expectUnchanged();
    });

    it('survives deeply nested JSON', async () => {
      const depth = 50_000;
      const r = await json('/api/v1/customers', `{"kind":"individual","name":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expectInvalid(r, 'name', 'invalid_type');
      const custom = await json('/api/v1/customers', `{"kind":"individual","name":"x","custom":{"k":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`);
      expectApiError(custom, 400, 'INVALID_INPUT');
      await expectUnchanged();
    });

    it('treats numbers JSON cannot hold exactly as invalid, not as a crash', async () => {
      expectInvalid(await json('/api/v1/customers', '{"kind":"organization","name":"x","employees":1e400}'), 'employees');
      expectInvalid(await json('/api/v1/customers', '{"kind":"organization","name":"x","annualRevenueFen":123456789012345678901234567890}'), 'annualRevenueFen');
      expectInvalid(await json(`/api/v1/customers/${customerA.id}/purchases`, '{"orderNo":"N-1","orderedOn":"2026-01-01","amountFen":100.5}'), 'amountFen');
      await expectUnchanged();
    });
  });

  describe('path ids', () => {
    const badIds = ['abc', '1e3', '-1', '0', '1.5', '0x10', '%20%31', '1%00', '99999999999999999999', '9007199254740992', '１'];

    it.each(badIds)('answers /customers/%s with 400 naming "id" on every verb', async (id) => {
      const checks = [
        api.get(`/api/v1/customers/${id}`),
        api.patch(`/api/v1/customers/${id}`, { version: 1, name: '改名' }),
        api.delete(`/api/v1/customers/${id}`),
        api.post(`/api/v1/customers/${id}/restore`),
        api.get(`/api/v1/customers/${id}/history`),
        api.get(`/api/v1/customers/${id}/contacts`),
        api.post(`/api/v1/customers/${id}/contacts`, { name: '新联系人' }),
        api.patch(`/api/v1/users/${id}`, { displayName: 'x' }),
        api.patch(`/api/v1/custom-fields/${id}`, { labelZh: 'x' }),
      ];
      for (const r of await Promise.all(checks)) expectInvalid(r, 'id', 'invalid_type');
      for (const kind of ['contacts', 'purchases', 'interactions']) {
        expectInvalid(await api.patch(`/api/v1/customers/${customerA.id}/${kind}/${id}`, {}), 'recordId', 'invalid_type');
        expectInvalid(await api.delete(`/api/v1/customers/${customerA.id}/${kind}/${id}`), 'recordId', 'invalid_type');
      }
      expectInvalid(await api.delete(`/api/v1/users/1/tokens/${id}`), 'tokenId', 'invalid_type');
      await expectUnchanged();
    });

    it('answers ids of records that do not exist with 404 on every verb', async () => {
      for (const id of ['999999', '9007199254740991']) {
        const checks = [
          api.get(`/api/v1/customers/${id}`),
          api.patch(`/api/v1/customers/${id}`, { version: 1, name: '改名' }),
          api.delete(`/api/v1/customers/${id}`),
          api.post(`/api/v1/customers/${id}/restore`),
          api.get(`/api/v1/customers/${id}/history`),
          api.patch(`/api/v1/users/${id}`, { displayName: 'x' }),
          api.patch(`/api/v1/custom-fields/${id}`, { labelZh: 'x' }),
          api.post(`/api/v1/users/${id}/tokens`, { name: 'x' }),
          api.delete(`/api/v1/users/1/tokens/${id}`),
        ];
        for (const kind of ['contacts', 'purchases', 'interactions']) {
          checks.push(api.get(`/api/v1/customers/${id}/${kind}`));
          checks.push(api.patch(`/api/v1/customers/${customerA.id}/${kind}/${id}`, {}));
          checks.push(api.delete(`/api/v1/customers/${customerA.id}/${kind}/${id}`));
        }
        checks.push(api.post(`/api/v1/customers/${id}/contacts`, { name: '孤儿联系人' }));
        checks.push(api.post(`/api/v1/customers/${id}/purchases`, { orderNo: 'ORPHAN-1', orderedOn: '2026-01-01', amountFen: 1 }));
        checks.push(api.post(`/api/v1/customers/${id}/interactions`, { channel: 'phone', occurredAt: '2026-01-01T00:00:00Z', subject: 'x' }));
        for (const r of await Promise.all(checks)) expectApiError(r, 404, 'NOT_FOUND');
      }
      await expectUnchanged();
    });

    it("answers customer A's contacts, purchases and interactions addressed under customer B with 404", async () => {
      const validPatch: Record<string, object> = { contacts: { notes: '越权修改' }, purchases: { notes: '越权修改' }, interactions: { summary: '越权修改' } };
      for (const kind of ['contacts', 'purchases', 'interactions']) {
        const own = await api.get(`/api/v1/customers/${customerA.id}/${kind}`);
        const recordId = own.body.items[0].id as number;
        const other = `/api/v1/customers/${customerB.id}/${kind}/${recordId}`;
        expectApiError(await api.patch(other, validPatch[kind]), 404, 'NOT_FOUND');
        expectApiError(await api.delete(other), 404, 'NOT_FOUND');
        expect((await api.get(`/api/v1/customers/${customerA.id}/${kind}`)).body).toEqual(own.body);
      }
      await expectUnchanged();
    });
  });

  describe('malformed HTTP', () => {
    /** Sends bytes no HTTP client library would, and returns the status line and body. */
    const rawHttp = (text: string) =>
      new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const { hostname, port } = new URL(server.url);
        const socket = net.connect(Number(port), hostname, () => socket.write(text));
        let out = '';
        socket.on('data', (d) => (out += d.toString('utf8')));
        socket.on('close', () => {
          const [head = '', body = ''] = out.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), body: body ? JSON.parse(body) : undefined });
        });
        socket.on('error', reject);
      });
    const asResponse = (r: { status: number; body: unknown }) => ({ ...r, headers: new Headers({ 'content-type': 'application/json' }) });

    it('answers a bad %-escape in the path with 400 in the contract shape', async () => {
      for (const path of ['/api/v1/customers/%E0%A4%A', '/api/v1/customers/%zz', '/api/v1/customers/%']) {
        const e = expectApiError(await api.get(path), 400, 'INVALID_INPUT');
        expect(e.issues[0]).toMatchObject({ path: [], code: 'bad_url_encoding' });
      }
    });

    it('answers broken chunking, a lying Content-Length and oversized headers in the contract shape', async () => {
      const chunked = await rawHttp('POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n');
      expectApiError(asResponse(chunked), 400, 'INVALID_INPUT');
      const lying = await rawHttp('POST /api/v1/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}');
      expectApiError(asResponse(lying), 400, 'INVALID_INPUT');
      const huge = await rawHttp(`GET /api/v1/customers HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
      expectApiError(asResponse(huge), 431, 'INVALID_INPUT');
      await expectUnchanged();
    });
  });

  describe('query strings', () => {
    it.each([
      ['pageSize=0', 'pageSize'],
      ['pageSize=100000', 'pageSize'],
      ['pageSize=abc', 'pageSize'],
      ['pageSize=2.5', 'pageSize'],
      ['page=0', 'page'],
      ['page=-3', 'page'],
      ['sort=unknown', 'sort'],
      ['sort=name;drop table customers', 'sort'],
      ['order=sideways', 'order'],
      ['kind=robot', 'kind'],
      ['stage=gone', 'stage'],
      ['deleted=all', 'deleted'],
      ['industry=ZZ', 'industry'],
      ['ownerId=abc', 'ownerId'],
      ['ownerId=1e3', 'ownerId'],
      ['ownerId=true', 'ownerId'],
      ['createdFrom=2024-02-30', 'createdFrom'],
      ['createdTo=yesterday', 'createdTo'],
      ['q=a%00b', 'q'],
      ['q=a%07b', 'q'],
      ['q=%1B%5B31m', 'q'],
      ['tag=%7F', 'tag'],
      ['province=%00', 'province'],
      [`q=${'查'.repeat(101)}`, 'q'],
      ['q=a&q=b', 'q'],
      ['bogus=1', 'bogus'],
    ])('answers GET /customers?%s with 400 naming "%s"', async (query, path) => {
      expectInvalid(await api.get(`/api/v1/customers?${query}`), path);
    });

    it.each([
      ['pageSize=0', 'pageSize'],
      ['pageSize=100000', 'pageSize'],
      ['customerId=abc', 'customerId'],
      ['actorId=-1', 'actorId'],
      ['from=2024-13-01', 'from'],
      ['to=tomorrow', 'to'],
      ['action=customer.created%00', 'action'],
      ['action=%07', 'action'],
      ['entityType=customer%00', 'entityType'],
      ['entityId=1%00', 'entityId'],
      ['entityId=%1B', 'entityId'],
      [`action=${'a'.repeat(61)}`, 'action'],
      ['unknown=1', 'unknown'],
    ])('answers GET /audit?%s with 400 naming "%s"', async (query, path) => {
      expectInvalid(await api.get(`/api/v1/audit?${query}`), path);
    });

    it.each(['pageSize=0', 'pageSize=500', 'pageSize=abc', 'page=0', 'page=x', 'bogus=1'])('answers ?%s on the nested lists with 400 naming the parameter', async (query) => {
      const param = query.split('=')[0] ?? '';
      for (const list of ['history', 'contacts', 'purchases', 'interactions']) {
        expectInvalid(await api.get(`/api/v1/customers/${customerA.id}/${list}?${query}`), param);
      }
    });

    it('takes ?lang=en on any list as the language of messages, not as a filter', async () => {
      for (const path of ['/api/v1/customers', '/api/v1/audit', `/api/v1/customers/${customerA.id}/history`, `/api/v1/customers/${customerA.id}/purchases`]) {
        expect((await api.get(`${path}?lang=en`)).status, path).toBe(200);
      }
      const e = expectApiError(await api.get('/api/v1/customers?lang=en&pageSize=0'), 400, 'INVALID_INPUT');
      expect(e.issues).toEqual([expect.objectContaining({ path: ['pageSize'], message: expect.stringMatching(/^pageSize must be at least 1/) })]);
    });

    it('accepts the edges of the valid ranges', async () => {
      expect((await api.get('/api/v1/customers?pageSize=200&page=1&sort=name&order=asc')).status).toBe(200);
      expect((await api.get('/api/v1/customers?q=%25_%5C')).body.total).toBe(0);
      expect((await api.get('/api/v1/audit?pageSize=1&entityType=customer')).body.items).toHaveLength(1);
    });
  });

  describe('routes', () => {
    it.each([
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['GET', '/api/nothing-here'],
      ['GET', '/api/v2/customers'],
      ['GET', '/api/v1/customers/1/nothing'],
      ['GET', '/api/v1/customers/1/contacts/1/nothing'],
    ])('answers %s %s with a 404 JSON error', async (method, path) => {
      const r = await api.raw(method, path, method === 'POST' ? {} : undefined);
      expectApiError(r, 404, 'NOT_FOUND');
    });

    it.each([
      ['PUT', '/api/v1/customers'],
      ['DELETE', '/api/v1/customers'],
      ['PATCH', '/api/v1/customers'],
      ['PUT', '/api/v1/customers/1'],
      ['POST', '/api/v1/customers/1'],
      ['GET', '/api/v1/customers/1/restore'],
      ['GET', '/api/v1/auth/sign-in'],
      ['POST', '/api/health'],
      ['DELETE', '/api/v1/audit'],
    ])('answers a method the route does not have (%s %s) with a JSON error and writes nothing', async (method, path) => {
      const r = await api.raw(method, path, ['POST', 'PUT', 'PATCH'].includes(method) ? { kind: 'individual', name: '不该存在' } : undefined);
      expect([404, 405]).toContain(r.status);
      expectApiError(r, r.status);
      await expectUnchanged();
    });
  });

  describe('language', () => {
    it('renders messages in zh-CN without Accept-Language and in English with it', async () => {
      const bare = await fetch(`${server.url}/api/v1/customers`);
      const zh = expectApiError({ status: bare.status, headers: bare.headers, body: await bare.json() }, 401, 'UNAUTHENTICATED');
      expect(hasChinese(zh.message)).toBe(true);

      api.useLanguage('en');
      try {
        const r = await api.post('/api/v1/customers', { kind: 'individual', name: '', mobile: '123' });
        const e = expectApiError(r, 400, 'INVALID_INPUT');
        expect(hasChinese(e.message)).toBe(false);
        expect(e.issues.find((i) => i.path[0] === 'mobile')?.message).toMatch(/^Mobile /);
        expect(hasChinese(expectApiError(await api.get('/api/v1/customers/999999'), 404).message)).toBe(false);
      } finally {
        api.useLanguage('zh-CN');
      }
      const r = await api.post('/api/v1/customers', { kind: 'individual', name: '', mobile: '123' });
      const e = expectApiError(r, 400, 'INVALID_INPUT');
      expect(e.issues.find((i) => i.path[0] === 'mobile')?.message).toMatch(/^手机号：/);
      expect(hasChinese(expectApiError(await api.get('/api/v1/nothing'), 404).message)).toBe(true);
      await expectUnchanged();
    });
  });
});
