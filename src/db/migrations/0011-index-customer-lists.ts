import { sql, type Kysely } from 'kysely';

/*
 * Indexes for the list's common filters with its default sort, over live customers only (partial, so the
 * recycle bin costs them nothing). Each serves three things: the filtered page in (created_at, id) order
 * with keyset pages, the filtered count as an index-only scan, and the sales rep's own list (owner_id).
 * (province, stage, name, id) is the manager's everyday view (a region's active customers by name).
 */
const live = [
  ['province', 'created_at', 'id'],
  ['stage', 'created_at', 'id'],
  ['kind', 'created_at', 'id'],
  ['owner_id', 'created_at', 'id'],
  ['department_id', 'created_at', 'id'],
  ['industry', 'created_at', 'id'],
  ['province', 'stage', 'name', 'id'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const cols of live) {
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
