import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

// Custom roles; the built-in ones live in code (domain/access/permissions.ts) and cannot be edited.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('roles')
    .addColumn('key', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(50)')
    .addColumn('grants', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
