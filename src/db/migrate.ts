/* eslint-disable @typescript-eslint/no-explicit-any -- migrations and the migrator work on any schema */
import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { DomainError } from '../domain/errors.ts';
import { migrations } from './migrations/index.ts';

const migrationTable = 'kedang_migrations';

async function appliedNames(db: Kysely<any>): Promise<string[]> {
  try {
    const rows = await sql<{ name: string }>`select name from ${sql.table(migrationTable)}`.execute(db);
    return rows.rows.map((r) => r.name);
  } catch {
    return []; // a fresh database has no migration table yet
  }
}

/** Refuses a database that a newer Kedang has migrated, before anything touches it. */
export async function assertNotNewerThanCode(db: Kysely<any>): Promise<void> {
  const known = new Set(Object.keys(migrations));
  const unknown = (await appliedNames(db)).filter((n) => !known.has(n)).sort();
  if (unknown.length > 0) {
    throw new DomainError('DATABASE_NEWER_THAN_CODE', 'database_newer_than_code', [], { dbVersion: unknown.at(-1) });
  }
}

/** Applies pending migrations in order; each runs in its own transaction on both engines. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const plain = db.withoutPlugins();
  await assertNotNewerThanCode(plain);
  const migrator = new Migrator({
    db: plain,
    provider: { getMigrations: async () => migrations },
    migrationTableName: migrationTable,
    migrationLockTableName: `${migrationTable}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationStatus(db: Kysely<any>): Promise<{ applied: string[]; pending: string[] }> {
  const applied = await appliedNames(db.withoutPlugins());
  return { applied, pending: Object.keys(migrations).filter((n) => !applied.includes(n)) };
}
