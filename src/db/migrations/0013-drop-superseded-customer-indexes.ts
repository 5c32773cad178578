import type { Kysely } from 'kysely';

/*
 * The single-column indexes of 0001 on kind, stage, owner_id, department_id and industry are superseded
 * by 0011's live-customer indexes that start with the same column: every list, count, scope filter and
 * search on live customers uses those, and the recycle bin is reached through (deleted_at, …). No
 * user or department is ever deleted, so no foreign-key check needs them either. Each customer row
 * written (create, update of those fields, every imported row) was paying for five indexes nothing read:
 * 24 indexes become 19.
 */
const superseded = ['customers_kind_idx', 'customers_stage_idx', 'customers_owner_id_idx', 'customers_department_id_idx', 'customers_industry_idx'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of superseded) await db.schema.dropIndex(name).ifExists().execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
