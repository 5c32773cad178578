import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyError } from '../../src/db/crypto/keyring.ts';
import { createCustomField } from '../../src/services/admin/custom-fields.ts';
import { createCustomer } from '../../src/services/customers/create-customer.ts';
import { getCustomer } from '../../src/services/customers/get-customer.ts';
import { listCustomers } from '../../src/services/customers/list-customers.ts';
import { rotateDataKey } from '../../src/services/crypto/rotate-data-key.ts';
import { everyRecord } from '../../src/services/ports.ts';
import { openKedang, type Kedang } from '../../src/wiring.ts';
import { testEngines } from '../support/engines.ts';
import { openTestKedang, type TestKedang } from '../support/kedang.ts';

const run = promisify(execFile);
const mobile = (i: number) => `1391234${String(5600 + i)}`;

type Stored = { id: number; mobile: string | null; email: string | null; idCardNo: string | null; custom: string };

describe.each(testEngines())('data key rotation on %s', (engine) => {
  let k: TestKedang;
  let server: Kedang;
  const stored = async (): Promise<Stored[]> => k.connection.db.selectFrom('customers').select(['id', 'mobile', 'email', 'idCardNo', 'custom']).orderBy('id').execute();
  const contactValues = async () => (await k.connection.db.selectFrom('contacts').select(['mobile', 'email']).execute()).flatMap((c) => [c.mobile, c.email]).filter((v) => v !== null);
  const keyIds = (rows: Stored[]) =>
    rows.flatMap((r) => [r.mobile, r.email, r.idCardNo, ...Object.values(JSON.parse(r.custom) as Record<string, { $enc?: string }>).map((v) => v.$enc ?? null)]).filter((v) => v !== null).map((v) => v!.split(':')[1]);

  beforeAll(async () => {
    k = await openTestKedang(engine);
    await createCustomField(k.deps, k.admin, { key: 'passport_no', labelZh: '护照号', type: 'text', sensitive: true });
    for (let i = 0; i < 7; i++) {
      await createCustomer(k.deps, k.admin, {
        kind: 'individual', name: `客户${i}`, mobile: mobile(i), email: `c${i}@example.com`, custom: { passport_no: `E${i}0000` },
        contacts: [{ name: `联系人${i}`, mobile: mobile(50 + i) }],
      });
    }
    // a second process that loaded the ring before the rotation, like a running server
    server = await openKedang(k.db.config);
  });
  afterAll(async () => {
    await server?.connection.close();
    await k?.close();
  });

  it('re-encrypts under a new key in batches, resumes after an interruption, and a running server keeps reading', async () => {
    expect(new Set(keyIds(await stored()))).toEqual(new Set(['k1']));
    const before = await Promise.all((await stored()).map((r) => getCustomer(k.deps, k.admin, r.id)));

    // interrupted after its first batch of 2 rows
    const stop = new AbortController();
    const cut = await rotateDataKey(k.deps, k.admin, k.keys, { batchSize: 2, signal: stop.signal, onProgress: () => stop.abort() });
    expect(cut).toMatchObject({ keyId: 'k2', previousKeyId: 'k1', resumed: false, finishedAt: null, result: { interrupted: true, converged: false, rewritten: { customers: 2, contacts: 0 } } });
    const half = await stored();
    expect(half.slice(0, 2).every((r) => keyIds([r]).every((id) => id === 'k2'))).toBe(true);
    expect(half.slice(2).every((r) => keyIds([r]).every((id) => id === 'k1'))).toBe(true);
    expect((await k.keys.status()).rotation).toMatchObject({ keyId: 'k2', finishedAt: null });

    // the server has never seen k2: it reloads the ring from the database once and reads on
    expect(server.ring.dataKeys.has('k2')).toBe(false);
    expect((await getCustomer(server.deps, k.admin, half[0]!.id)).mobile).toBe(mobile(0));
    expect(server.ring.dataKeys.has('k2')).toBe(true);
    expect(server.ring.currentKeyId).toBe('k2');

    // running it again continues the same rotation: no third key, rows already under k2 skipped
    const rest = await rotateDataKey(k.deps, k.admin, k.keys, { batchSize: 2 });
    expect(rest).toMatchObject({ keyId: 'k2', resumed: true, result: { interrupted: false, converged: true, rewritten: { customers: 5, contacts: 7 } } });
    expect(rest.finishedAt).not.toBeNull();
    // the use case audits each run, whichever door called it
    const audited = await k.connection.db.selectFrom('auditEntries').select(['action', 'entityId']).where('action', 'like', 'crypto.%').orderBy('id').execute();
    expect(audited).toEqual([{ action: 'crypto.key_rotation_paused', entityId: 'k2' }, { action: 'crypto.key_rotated', entityId: 'k2' }]);
    expect(new Set(keyIds(await stored()))).toEqual(new Set(['k2']));
    for (const v of await contactValues()) expect(v).toMatch(/^enc1:k2:/);
    const status = await k.keys.status();
    expect(status.currentKeyId).toBe('k2');
    expect(status.keys.map((x) => x.id)).toEqual(['k1', 'k2']);
    expect(status.usage.customers.byKey).toEqual({ k2: 7 });
    expect(status.usage.contacts.byKey).toEqual({ k2: 7 });

    // every value decrypts to what it was, and the blind indexes (not rotated) still find them
    const after = await Promise.all((await stored()).map((r) => getCustomer(k.deps, k.admin, r.id)));
    expect(after.map((c) => [c.mobile, c.email, c.custom, c.contacts.map((x) => x.mobile), c.version])).toEqual(before.map((c) => [c.mobile, c.email, c.custom, c.contacts.map((x) => x.mobile), c.version]));
    expect((await listCustomers(server.deps, k.admin, { q: mobile(3) })).items.map((c) => c.name)).toEqual(['客户3']);
    // history written under k1 stays readable
    const created = await server.deps.db.audit.list({ customerId: half[0]!.id, action: 'customer.created', page: 1, pageSize: 10 });
    expect(created.items[0]!.changes).toEqual(expect.arrayContaining([{ field: 'mobile', before: null, after: mobile(0) }]));
  });

  it('encrypts and indexes plaintext left by an older build when Kedang starts', async () => {
    const at = new Date().toISOString();
    const legacy = await k.connection.db
      .insertInto('customers')
      .values({ code: 'LEGACY0001', kind: 'individual', name: '旧客户', stage: 'potential', tags: '[]', custom: JSON.stringify({ passport_no: 'G1234567' }), mobile: '13512340000', email: 'old@example.com', version: 1, createdAt: at, updatedAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await k.connection.db.insertInto('contacts').values({ customerId: legacy.id, name: '旧联系人', mobile: '13512340001', isPrimary: 1, createdAt: at, updatedAt: at }).execute();
    expect((await k.keys.status()).usage.customers.byKey.plaintext).toBe(1);
    // until then it reads as plaintext
    expect((await getCustomer(k.deps, k.admin, legacy.id)).mobile).toBe('13512340000');

    const restarted = await openKedang(k.db.config);
    try {
      expect(restarted.warnings.join('\n')).toMatch(/Encrypted the sensitive fields of 2 rows/);
      const row = await k.connection.db.selectFrom('customers').select(['mobile', 'email', 'mobileBidx', 'mobileTailBidx', 'emailBidx', 'custom']).where('id', '=', legacy.id).executeTakeFirstOrThrow();
      expect(row.mobile).toMatch(/^enc1:k2:/);
      expect(row.email).toMatch(/^enc1:k2:/);
      expect(JSON.parse(row.custom).passport_no.$enc).toMatch(/^enc1:k2:/);
      expect([row.mobileBidx, row.mobileTailBidx, row.emailBidx].every((b) => typeof b === 'string' && b.length === 22)).toBe(true);
      expect(await restarted.deps.db.customers.findIdsByBlindIndex('mobile', '13512340000', everyRecord)).toEqual([legacy.id]);
      expect((await getCustomer(restarted.deps, k.admin, legacy.id)).custom).toEqual({ passport_no: 'G1234567' });
      expect((await restarted.keys.status()).usage.customers.byKey.plaintext).toBeUndefined();
    } finally {
      await restarted.connection.close();
    }
    // the next start has nothing to do
    const again = await openKedang(k.db.config);
    expect(again.warnings.join('\n')).not.toMatch(/Encrypted/);
    await again.connection.close();
  });

  it('refuses to open with the wrong master key, saying so', async () => {
    const wrong = openKedang({ ...k.db.config, masterKey: randomBytes(32).toString('base64') });
    await expect(wrong).rejects.toBeInstanceOf(KeyError);
    await expect(openKedang({ ...k.db.config, masterKey: randomBytes(32).toString('hex') })).rejects.toThrow(/master key does not match this database/);
  });

  it.runIf(engine === 'sqlite')('rotates and reports from the command line', async () => {
    const env = { ...process.env, KEDANG_DATA_DIR: k.db.config.dataDir, KEDANG_DATABASE_URL: '', LANG: 'en_US.UTF-8' };
    const kedang = (...args: string[]) => run(process.execPath, [path.resolve('bin/kedang.js'), ...args], { env });
    // the CLI opens <dataDir>/kedang.sqlite, which is this test's database
    expect(k.db.config.sqlitePath).toBe(path.join(k.db.config.dataDir, 'kedang.sqlite'));
    const rotated = await kedang('keys', 'rotate', '--batch-size', '3');
    expect(rotated.stdout).toMatch(/New data key k3 \(was k2\)/);
    expect(rotated.stdout).toMatch(/Done/);
    const status = await kedang('keys', 'status', '--json');
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({ currentKeyId: 'k3', rotation: { keyId: 'k3', previousKeyId: 'k2' }, usage: { customers: { rows: 8, byKey: { k3: 8 } } } });
    const text = await kedang('keys', 'status');
    expect(text.stdout).toMatch(/Current data key: k3/);
    const entries = await sql<{ n: number }>`select count(*) as n from audit_entries where action = 'crypto.key_rotated'`.execute(k.connection.db);
    // one from the use case in the test above, one from the command
    expect(Number(entries.rows[0]!.n)).toBe(2);
  });
});
