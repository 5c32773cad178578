import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.ts';
import { startTestServer } from '../support/kedang.ts';
import { apiClient } from '../support/http-client.ts';
import { openSnapshot } from '../support/db-snapshot.ts';
import { expectApiError, expectInvalid } from '../support/api-assertions.ts';
import { webRoot } from '../support/web.ts';

/** Strings that would do harm if anything treated data as SQL, HTML, a template or a path. */
const hostile = [
  "'; DROP TABLE customers; --",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '../../etc/passwd',
  "Robert'); DROP TABLE users;--",
  '" OR "1"="1',
  '<img src=x onerror=alert(1)>',
  '${7*7} #{7*7} <%= 7*7 %>',
  '..\\..\\windows\\win.ini',
  "1' UNION SELECT password_hash FROM users --",
];

/** A raw GET whose path is sent exactly as written (fetch would resolve the dot segments first). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** SQL, script, template and path strings in every customer text field are data, stored and returned as sent. */
describe.each(testEngines())('hostile input on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let snapshot: ReturnType<typeof openSnapshot>;

  beforeAll(async () => {
    server = await startTestServer(engine, { fastPasswords: true, webRoot });
    snapshot = openSnapshot(server.db);
    api = apiClient(server.url);
    await api.signIn();
    expect((await api.post('/api/v1/custom-fields', { key: 'remark', labelZh: '备注二', type: 'text' })).status).toBe(201);
  });
  afterAll(async () => {
    await snapshot?.close();
    await server?.close();
  });

  it('stores and returns every string verbatim in every text field of both kinds, escaped in the JSON', async () => {
    const tables = await snapshot.counts();
    for (const s of hostile) {
      // cut to each column's limit; text is trimmed on the way in, so a cut ends without a space
      const fit = (n: number) => s.slice(0, n).trimEnd();
      const common = { name: s, source: fit(50), tags: [fit(30)], notes: s, province: fit(30), city: fit(30), district: fit(30), address: s, custom: { remark: s } };
      const person = await api.post('/api/v1/customers', { kind: 'individual', ...common, occupation: s, contacts: [{ name: s, title: s, notes: s }] });
      expect(person.status, `${s}: ${JSON.stringify(person.body)}`).toBe(201);
      const org = await api.post('/api/v1/customers', { kind: 'organization', ...common, shortName: s, legalRepresentative: fit(50) });
      expect(org.status, `${s}: ${JSON.stringify(org.body)}`).toBe(201);

      for (const [id, extra] of [[person.body.id, { occupation: s }], [org.body.id, { shortName: s, legalRepresentative: fit(50) }]] as const) {
        const res = await fetch(`${server.url}/api/v1/customers/${id}`, { headers: { cookie: `kedang_session=${api.cookies().kedang_session}` } });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const text = await res.text();
        // no angle bracket leaves as itself, so no browser can read the body as markup
        expect(text).not.toMatch(/[<>]/);
        const got = JSON.parse(text) as Record<string, unknown>;
        expect(got).toMatchObject({ ...common, ...extra });
      }
      const contacts = await api.get(`/api/v1/customers/${person.body.id}/contacts`);
      expect(contacts.body.items[0]).toMatchObject({ name: s, title: s, notes: s });
      const patched = await api.patch(`/api/v1/customers/${person.body.id}`, { version: person.body.version, notes: `${s} (2)` });
      expect(patched.status).toBe(200);
      const history = await api.get(`/api/v1/customers/${person.body.id}/history`);
      expect(history.body.items[0].changes).toEqual(expect.arrayContaining([{ field: 'notes', before: s, after: `${s} (2)` }]));
    }
    // nothing was dropped or executed: every table is still there and grew only by what was created
    const after = await snapshot.counts();
    expect(after.customers).toBe(tables.customers! + hostile.length * 2);
    expect(after.users).toBe(tables.users);
  });

  it('finds them with the search box and filters, and the list still works', async () => {
    for (const s of hostile) {
      const r = await api.get(`/api/v1/customers?q=${encodeURIComponent(s)}&pageSize=50`);
      expect(r.status, s).toBe(200);
      expect(r.body.items.filter((c: { name: string }) => c.name === s)).toHaveLength(2);
      const byTag = await api.get(`/api/v1/customers?tag=${encodeURIComponent(s.slice(0, 30).trimEnd())}`);
      expect(byTag.status).toBe(200);
      expect(byTag.body.total).toBeGreaterThanOrEqual(2);
    }
    const all = await api.get('/api/v1/customers?pageSize=200&sort=name&order=asc');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(hostile.length * 2);
    // wildcards in a search are literal characters, not patterns
    expect((await api.get(`/api/v1/customers?q=${encodeURIComponent('%%%')}`)).body.total).toBe(0);
    expect((await api.get(`/api/v1/customers?q=${encodeURIComponent('____')}`)).body.total).toBe(0);
    expect((await api.get(`/api/v1/customers?q=${encodeURIComponent('%>')}`)).body.total).toBe(2);
  });

  it('refuses control characters, oversized fields and oversized bodies with a 4xx, never a 500', async () => {
    expectInvalid(await api.post('/api/v1/customers', { kind: 'individual', name: 'a\u0000b' }), 'name', 'control_characters');
    expectInvalid(await api.post('/api/v1/customers', { kind: 'individual', name: 'x'.repeat(201) }), 'name', 'too_long');
    expectInvalid(await api.post('/api/v1/customers', { kind: 'individual', name: 'ok', tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }), 'tags', 'too_big');
    expectApiError(await api.raw('POST', '/api/v1/customers', undefined, { raw: JSON.stringify({ kind: 'individual', name: 'big', notes: 'x'.repeat(1_100_000) }) }), 413, 'PAYLOAD_TOO_LARGE');
    // deeply nested JSON is parsed without falling over, then refused as the wrong shape
    const deep = `{"kind":"individual","name":"deep","custom":{"remark":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`;
    const r = await api.raw('POST', '/api/v1/customers', undefined, { raw: deep });
    expect(r.status).toBe(400);
    // a hostile string as a path id or a query value is a 400, not a query
    expectInvalid(await api.get(`/api/v1/customers/${encodeURIComponent("1 OR 1=1")}`), 'id');
    expectInvalid(await api.get(`/api/v1/customers?sort=${encodeURIComponent('name; DROP TABLE customers')}`), 'sort');
  });

  it('serves no file outside the web root, whatever the path tricks', async () => {
    const tricks = [
      '/../../../../etc/passwd',
      '/assets/../../../../etc/passwd',
      '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/assets/..%255c..%255cpackage.json',
      '/api/docs/static/../../../../package.json',
      '/api/docs/static/..%2f..%2f..%2f..%2fpackage.json',
      '/assets/%00../../package.json',
      '/index.html%00.js',
    ];
    for (const path of tricks) {
      const r = await rawGet(server.url, path);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body, path).not.toMatch(/root:.*:0:0:/);
      expect(r.body, path).not.toContain('"better-sqlite3"');
      expect(r.body, path).not.toContain('"name": "kedang"');
    }
    // the real assets are still served
    const index = await rawGet(server.url, '/');
    expect(index.status).toBe(200);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1] ?? '';
    expect((await rawGet(server.url, asset)).status).toBe(200);
  });
});
