import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/engines.ts';
import { everyRecord } from '../../services/ports.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the upgrade is what start-up does, through the composition root
import { openKedang } from '../../wiring.ts';
import { connect } from '../connect.ts';
import { migrations } from './index.ts';

describe.each(testEngines())('0010 create search index on %s', (engine) => {
  let tdb: TestDatabase;
  afterEach(() => tdb?.drop());

  it('backfills the terms of customers written before it, across batches', async () => {
    tdb = await createTestDatabase(engine);
    const old = connect(tdb.config);
    const plain = old.db.withoutPlugins();
    const migrator = new Migrator({ db: plain, provider: { getMigrations: async () => migrations }, migrationTableName: 'kedang_migrations', migrationLockTableName: 'kedang_migrations_lock' });
    expect((await migrator.migrateTo('0009-add-classification-digests')).error).toBeUndefined();
    const at = new Date().toISOString();
    const rows = Array.from({ length: 5200 }, (_, i) => sql`(${`OLD${String(i).padStart(5, '0')}`}, 'individual', ${i === 5100 ? '曾小贤' : `客户${i}`}, 'active', '[]', '{}', 1, ${at}, ${at})`);
    for (let i = 0; i < rows.length; i += 1000) {
      await sql`insert into customers (code, kind, name, stage, tags, custom, version, created_at, updated_at) values ${sql.join(rows.slice(i, i + 1000))}`.execute(plain);
    }
    await sql`insert into customers (code, kind, name, short_name, stage, tags, custom, version, created_at, updated_at) values ('ORG1', 'organization', '深圳市腾讯计算机系统有限公司', '腾讯', 'active', '[]', '{}', 1, ${at}, ${at})`.execute(plain);
    await old.close();

    const kedang = await openKedang(tdb.config);
    try {
      const found = async (q: string) => (await kedang.deps.db.customers.search(q, 10, everyRecord)).map((c) => c.name);
      expect(await found('zengxiaoxian')).toEqual(['曾小贤']);
      expect(await found('小贤')).toEqual(['曾小贤']);
      expect(await found('腾讯计算机')).toEqual(['深圳市腾讯计算机系统有限公司']);
      expect(await found('tx')).toEqual(['深圳市腾讯计算机系统有限公司']);
      expect(await found('客户5199')).toEqual(['客户5199']);
    } finally {
      await kedang.connection.close();
    }
  });
});
