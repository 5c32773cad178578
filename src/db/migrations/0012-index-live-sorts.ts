import { sql, type Kysely } from 'kysely';
import { isPostgres } from './column-types.ts';

/*
 * PostgreSQL only: the unfiltered list in its sorts (created_at, updated_at, name; each with id, the
 * keyset's tie-breaker) over live customers. SQLite needs none of them: its (deleted_at, created_at)
 * style indexes end in the rowid, which is the id. Without them PostgreSQL sorted every live customer
 * for page 1 (66 ms at 100,000 customers).
 */
const sorts = [
  ['created_at', 'id'],
  ['updated_at', 'id'],
  ['name', 'id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const cols of sorts) {
    await db.schema
      .createIndex(`customers_live_${cols.join('_')}_idx`)
      .on('customers')
      .columns(cols)
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
