import { sql, type Kysely } from 'kysely';
import { columnTypes, isPostgres } from './column-types.ts';
import { insertSearchTerms, searchTermRows, type SearchTermSource } from '../search-terms.ts';

/*
 * The search index: per customer the suffixes of its normalised name (and company core), and pinyin,
 * keyed (kind, term, customer_id) so a search is a prefix range scan per rank. Terms are compared in
 * code-point order on both engines (SQLite BINARY on UTF-8, PostgreSQL COLLATE "C"), which is what makes
 * [q, prefixEnd(q)) exactly "starts with q". Existing customers are backfilled in id batches.
 */
const BATCH = 5000;

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const pg = isPostgres(db);
  await db.schema
    .createTable('customer_search_terms')
    .addColumn('kind', 'smallint', (c) => c.notNull())
    .addColumn('term', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('customer_search_terms_pk', ['kind', 'term', 'customer_id'])
    .$call((b) => (pg ? b : b.modifyEnd(sql`without rowid`)))
    .execute();

  for (let after = 0; ; ) {
    const batch = await sql<SearchTermSource>`SELECT id, kind, name, short_name AS "shortName" FROM customers WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (!batch.rows.length) break;
    await insertSearchTerms(db, batch.rows.flatMap((c) => searchTermRows({ ...c, id: Number(c.id) })));
    after = Number(batch.rows[batch.rows.length - 1]!.id);
  }
  // built after the backfill (faster than maintaining it row by row); used to replace a customer's terms
  await db.schema.createIndex('customer_search_terms_customer_idx').on('customer_search_terms').column('customer_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
