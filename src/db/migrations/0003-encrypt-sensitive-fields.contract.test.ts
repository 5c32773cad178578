import fs from 'node:fs';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/engines.ts';
import { systemActor } from '../../domain/users/user.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { getCustomer } from '../../services/customers/get-customer.ts';
import { everyRecord } from '../../services/ports.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the upgrade is what start-up does, through the composition root
import { openKedang } from '../../wiring.ts';
import { connect } from '../connect.ts';
import { migrations } from './index.ts';

const actor = systemActor('test');
const legacy = { mobile: '13700001111', idCardNo: '11010519491231002X', email: 'legacy.person@example.com', address: '上海市浦东新区旧地址路1号', contactMobile: '13700002222' };

describe.each(testEngines())('0003 encrypt sensitive fields on %s', (engine) => {
  let tdb: TestDatabase;
  afterEach(() => tdb?.drop());

  it('adds blind indexes, drops plaintext indexes, widens columns, and start-up encrypts rows written before it', async () => {
    tdb = await createTestDatabase(engine);
    // a database as the previous release left it
    const old = connect(tdb.config);
    const plain = old.db.withoutPlugins();
    const migrator = new Migrator({ db: plain, provider: { getMigrations: async () => migrations }, migrationTableName: 'kedang_migrations', migrationLockTableName: 'kedang_migrations_lock' });
    expect((await migrator.migrateTo('0002-create-roles')).error).toBeUndefined();
    const at = new Date().toISOString();
    await sql`insert into custom_field_defs (key, label_zh, type, options, applies_to, sensitive, created_at, updated_at) values ('passport_no', '护照号', 'text', '[]', 'all', 1, ${at}, ${at})`.execute(plain);
    const custom = JSON.stringify({ passport_no: 'G7654321' });
    await sql`insert into customers (code, kind, name, stage, tags, custom, mobile, email, id_card_no, address, version, created_at, updated_at)
      values ('OLD00001', 'individual', '老客户', 'active', '[]', ${custom}, ${legacy.mobile}, ${legacy.email}, ${legacy.idCardNo}, ${legacy.address}, 3, ${at}, ${at})`.execute(plain);
    await sql`insert into contacts (customer_id, name, mobile, is_primary, created_at, updated_at) select id, '老联系人', ${legacy.contactMobile}, 1, ${at}, ${at} from customers`.execute(plain);
    // enough rows that pages get split and freed, as in a real archive
    for (let i = 0; i < 400; i++) {
      await sql`insert into customers (code, kind, name, stage, tags, custom, mobile, email, version, created_at, updated_at)
        values (${`OLD1${String(i).padStart(4, '0')}`}, 'individual', ${`老客户${i}`}, 'active', '[]', '{}', ${`1360000${String(i).padStart(4, '0')}`}, ${`old${i}@example.com`}, 1, ${at}, ${at})`.execute(plain);
    }
    await old.close();

    const kedang = await openKedang(tdb.config);
    try {
      expect(kedang.migrated).toContain('0003-encrypt-sensitive-fields');
      expect(kedang.warnings.join('\n')).toMatch(/Encrypted the sensitive fields of 402 rows/);
      const db = kedang.connection.db;

      const columns = (await db.introspection.getTables()).find((t) => t.name === 'customers')!.columns;
      expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['mobile_bidx', 'mobile_tail_bidx', 'email_bidx', 'id_card_bidx', 'uscc_bidx']));
      if (engine === 'postgres') {
        const types = Object.fromEntries(columns.map((c) => [c.name, c.dataType]));
        for (const c of ['mobile', 'email', 'address', 'id_card_no', 'uscc']) expect(types[c], c).toBe('text');
      }
      const indexes = engine === 'sqlite'
        ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in ('customers', 'contacts')`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename in ('customers', 'contacts')`.execute(db)).rows.map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['customers_mobile_bidx_idx', 'customers_mobile_tail_bidx_idx', 'customers_email_bidx_idx', 'customers_id_card_bidx_idx', 'customers_uscc_bidx_idx', 'contacts_mobile_bidx_idx', 'contacts_email_bidx_idx']));
      for (const gone of ['customers_mobile_idx', 'customers_email_idx', 'customers_uscc_idx', 'customers_id_card_no_idx']) expect(indexes).not.toContain(gone);

      // encrypted in place, version untouched, indexed, and read back as before
      const row = await db.selectFrom('customers').selectAll().where('code', '=', 'OLD00001').executeTakeFirstOrThrow();
      for (const v of [row.mobile, row.email, row.idCardNo, row.address]) expect(v).toMatch(/^enc1:k1:/);
      expect(row.version).toBe(3);
      expect(await kedang.deps.db.customers.findIdsByBlindIndex('idCardNo', legacy.idCardNo, everyRecord)).toEqual([row.id]);
      const c = await getCustomer(kedang.deps, actor, row.id);
      expect(c).toMatchObject({ mobile: legacy.mobile, email: legacy.email, idCardNo: legacy.idCardNo, address: legacy.address, custom: { passport_no: 'G7654321' } });
      expect(c.contacts[0]!.mobile).toBe(legacy.contactMobile);

      // ciphertext is longer than the old varchar limits (PostgreSQL would refuse it without the widening)
      const long = await createCustomer(kedang.deps, actor, { kind: 'individual', name: '长地址', address: '浙江省杭州市西湖区'.repeat(11), email: `${'a'.repeat(60)}@example.com` });
      expect((await getCustomer(kedang.deps, actor, long.id)).address).toBe('浙江省杭州市西湖区'.repeat(11));

      if (engine === 'sqlite') {
        // vacuumed and the WAL truncated: no page of the file still holds the old plaintext
        const bytes = Buffer.concat([tdb.config.sqlitePath, `${tdb.config.sqlitePath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
        const olds = Array.from({ length: 400 }, (_, i) => [`1360000${String(i).padStart(4, '0')}`, `old${i}@example.com`]).flat();
        expect([...Object.values(legacy), ...olds].filter((v) => bytes.includes(Buffer.from(v)))).toEqual([]);
      }
    } finally {
      await kedang.connection.close();
    }
  });
});
