import type { Kysely } from 'kysely';

// The audit hash chain. Entries already written keep null here: the migration has no key, so start-up seals them (wiring.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_entries').addColumn('prev_hash', 'varchar(64)').execute();
  await db.schema.alterTable('audit_entries').addColumn('hash', 'varchar(64)').execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
