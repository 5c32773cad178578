import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyRecord, type RecordFilter } from '../../src/services/ports.ts';
import { testEngines } from '../support/engines.ts';
import { apiClient } from '../support/http-client.ts';
import { startTestServer } from '../support/kedang.ts';

const run = promisify(execFile);

/** Values that must never reach the disk in plaintext. */
const secrets = {
  mobile: '13912345678',
  idCardNo: '11010519491231002X',
  email: 'zhang.wei.secret@example.com',
  address: '北京市朝阳区建国路88号保密楼',
  contactMobile: '13698765432',
  contactEmail: 'li.na.secret@example.org',
  passport: 'PASSPORT-E7654321',
};

/** The raw bytes a thief would copy: the SQLite file and its WAL, or a pg_dump of the database. */
async function rawBytes(server: Awaited<ReturnType<typeof startTestServer>>): Promise<Buffer> {
  if (server.engine === 'sqlite') {
    const file = server.db.config.sqlitePath;
    return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  }
  const { stdout } = await run('pg_dump', ['--no-owner', server.db.config.databaseUrl!], { maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
  return stdout;
}

describe.each(testEngines())('sensitive fields encrypted at rest on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ReturnType<typeof apiClient>;
  let first: { id: number };
  let second: { id: number };

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = apiClient(server.url);
    await api.signIn();
    const field = await api.post('/api/v1/custom-fields', { key: 'passport_no', labelZh: '护照号', type: 'text', sensitive: true });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    await api.post('/api/v1/custom-fields', { key: 'favourite_tea', labelZh: '喜欢的茶', type: 'text' });
    const a = await api.post('/api/v1/customers', {
      kind: 'individual', name: '张伟', mobile: `+86 ${secrets.mobile.slice(0, 3)} ${secrets.mobile.slice(3, 7)} ${secrets.mobile.slice(7)}`,
      idCardNo: secrets.idCardNo.toLowerCase(), email: secrets.email, address: secrets.address,
      custom: { passport_no: secrets.passport, favourite_tea: '龙井' },
      contacts: [{ name: '李娜', mobile: secrets.contactMobile, email: secrets.contactEmail }],
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    first = a.body;
    // an edit writes the values again (update path) and an audit entry with before and after
    const edited = await api.patch(`/api/v1/customers/${first.id}`, { version: a.body.version, address: `${secrets.address}二层` });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const b = await api.post('/api/v1/customers', { kind: 'individual', name: '张伟（重复）', mobile: secrets.mobile });
    expect(b.status).toBe(201);
    second = b.body;
  });
  afterAll(() => server?.close());

  it('leaves no sensitive value in plaintext in the database files', async () => {
    const bytes = await rawBytes(server);
    expect(bytes.length).toBeGreaterThan(1000);
    for (const [what, value] of Object.entries(secrets)) expect(bytes.includes(Buffer.from(value, 'utf8')), `${what} found in plaintext`).toBe(false);
    // the encrypted form is there instead, with its key id
    expect(bytes.includes(Buffer.from('enc1:k1:'))).toBe(true);
    // non-sensitive values stay readable, so the check above is not vacuous
    expect(bytes.includes(Buffer.from('龙井'))).toBe(true);
  });

  it('still shows an admin the plaintext, in the record, its contacts and its history', async () => {
    const got = await api.get(`/api/v1/customers/${first.id}`);
    expect(got.body).toMatchObject({ mobile: secrets.mobile, idCardNo: secrets.idCardNo, email: secrets.email, address: `${secrets.address}二层`, custom: { passport_no: secrets.passport, favourite_tea: '龙井' } });
    expect(got.body.contacts[0]).toMatchObject({ mobile: secrets.contactMobile, email: secrets.contactEmail });
    expect(Object.keys(got.body).some((k) => k.endsWith('Bidx'))).toBe(false);
    const list = await api.get(`/api/v1/customers?q=${encodeURIComponent('张伟')}`);
    expect(list.body.items.map((c: { mobile: string }) => c.mobile)).toEqual([secrets.mobile, secrets.mobile]);
    const history = await api.get(`/api/v1/customers/${first.id}/history`);
    const created = history.body.items.find((e: { action: string }) => e.action === 'customer.created');
    expect(created.changes).toEqual(expect.arrayContaining([{ field: 'mobile', before: null, after: secrets.mobile }, { field: 'custom', before: null, after: { passport_no: secrets.passport, favourite_tea: '龙井' } }]));
    const updated = history.body.items.find((e: { action: string }) => e.action === 'customer.updated');
    expect(updated.changes).toEqual([{ field: 'address', before: secrets.address, after: `${secrets.address}二层` }]);
    const contact = history.body.items.find((e: { action: string }) => e.action === 'contact.created');
    expect(contact.changes).toEqual(expect.arrayContaining([{ field: 'mobile', before: null, after: secrets.contactMobile }]));
  });

  it('finds customers by full mobile, +86 form, last 4 digits, e-mail and ID number through blind indexes', async () => {
    const ids = async (q: string) => ((await api.get(`/api/v1/customers?q=${encodeURIComponent(q)}&sort=createdAt&order=asc`)).body.items as { id: number }[]).map((c) => c.id);
    expect(await ids(secrets.mobile)).toEqual([first.id, second.id]);
    expect(await ids(`+86-${secrets.mobile}`)).toEqual([first.id, second.id]);
    expect(await ids(secrets.mobile.slice(-4))).toEqual([first.id, second.id]);
    expect(await ids(secrets.email.toUpperCase())).toEqual([first.id]);
    expect(await ids(secrets.idCardNo.toLowerCase())).toEqual([first.id]);
    // exact, not partial: a fragment of an encrypted field matches nothing
    expect(await ids(secrets.mobile.slice(0, 7))).toEqual([]);
    expect(await ids('zhang.wei')).toEqual([]);
  });

  it('finds duplicates by blind index in the store, within the record filter', async () => {
    const customers = server.deps.db.customers;
    expect(await customers.findIdsByBlindIndex('mobile', `+86 ${secrets.mobile}`, everyRecord)).toEqual([first.id, second.id]);
    expect(await customers.findIdsByBlindIndex('mobileTail', secrets.mobile, everyRecord)).toEqual([first.id, second.id]);
    expect(await customers.findIdsByBlindIndex('idCardNo', ` ${secrets.idCardNo.toLowerCase()} `, everyRecord)).toEqual([first.id]);
    expect(await customers.findIdsByBlindIndex('email', 'nobody@example.com', everyRecord)).toEqual([]);
    const nobody: RecordFilter = { kind: 'scoped', ownerId: -1, departmentIds: [], sharedTo: null };
    expect(await customers.findIdsByBlindIndex('mobile', secrets.mobile, nobody)).toEqual([]);
  });
});
