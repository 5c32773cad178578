import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** The few places the two engines need different DDL; every migration goes through these. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function columnTypes(db: Kysely<unknown>) {
  const pg = isPostgres(db);
  return {
    timestamp: pg ? sql`timestamptz` : sql`text`,
    date: pg ? sql`date` : sql`text`,
    json: pg ? sql`jsonb` : sql`text`,
    money: pg ? sql`bigint` : sql`integer`,
    ref: pg ? sql`bigint` : sql`integer`,
    now: pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
  };
}

/** Identity key that is never reused, on both engines (SQLite AUTOINCREMENT, PostgreSQL identity). */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}


/** PostgreSQL varchar(n) → text, for values that grew (ciphertext); SQLite never enforces lengths, so nothing to do there. */
export async function widenToText(db: Kysely<unknown>, table: string, columns: readonly string[]): Promise<void> {
  if (!isPostgres(db)) return;
  for (const c of columns) await db.schema.alterTable(table).alterColumn(c, (col) => col.setDataType('text')).execute();
}
