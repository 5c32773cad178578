import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/engines.ts';
import { connect } from './connect.ts';
import { migrateToLatest, migrationStatus } from './migrate.ts';
import { migrations } from './migrations/index.ts';

describe.each(testEngines())('migrations on %s', (engine) => {
  let tdb: TestDatabase;
  afterEach(() => tdb?.drop());

  it('applies every migration once on a fresh database', async () => {
    tdb = await createTestDatabase(engine);
    const c = connect(tdb.config);
    expect(await migrateToLatest(c.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(c.db)).toEqual([]);
    expect((await migrationStatus(c.db)).pending).toEqual([]);
    const tables = await c.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['customers', 'contacts', 'purchases', 'interactions', 'audit_entries', 'users', 'sessions']));
    await c.close();
  });

  it('refuses a database that a newer Kedang migrated, touching nothing', async () => {
    tdb = await createTestDatabase(engine);
    const c = connect(tdb.config);
    await migrateToLatest(c.db);
    await sql`insert into kedang_migrations (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(c.db);
    await expect(migrateToLatest(c.db)).rejects.toMatchObject({ code: 'DATABASE_NEWER_THAN_CODE', params: { dbVersion: '9999-from-the-future' } });
    await c.close();
  });
});
