import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './column-types.ts';

// Faster full classification runs: a digest of each customer's stored facts (a run compares it in memory
// and writes only the rows whose facts changed), and a small index of the manual assignments (a run reads
// every scheme's live classes from the code index, which does not hold `source`).
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('customer_metrics').addColumn('digest', t.money).execute();
  await db.schema.createIndex('class_assignments_manual_idx').on('class_assignments').columns(['scheme_id', 'version', 'customer_id']).where(sql.ref('source'), '=', 'manual').execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
