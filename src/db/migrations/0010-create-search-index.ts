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
  // backfilled into a key-less table first: inserting terms in name order into the keyed table would
  // touch pages at random (at 1M customers that rewrote the tree many times over); a sorted build is one pass
  const staging = pg ? 'customer_search_terms' : 'customer_search_terms_backfill';
  // SQLite runs DDL outside the migration's transaction: a run cut short leaves these behind
  if (!pg) for (const table of ['customer_search_terms_backfill', 'customer_search_terms']) await db.schema.dropTable(table).ifExists().execute();
  await db.schema
    .createTable(staging)
    .addColumn('kind', 'smallint', (c) => c.notNull())
    .addColumn('term', pg ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('customer_id', t.ref, (c) => c.notNull())
    .execute();
  for (let after = 0; ; ) {
    const batch = await sql<SearchTermSource>`SELECT id, kind, name, short_name AS "shortName" FROM customers WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (!batch.rows.length) break;
    await insertSearchTerms(db, batch.rows.flatMap((c) => searchTermRows({ ...c, id: Number(c.id) })), staging);
    after = Number(batch.rows[batch.rows.length - 1]!.id);
  }
  if (pg) {
    await sql`ALTER TABLE customer_search_terms ADD CONSTRAINT customer_search_terms_pk PRIMARY KEY (kind, term, customer_id)`.execute(db);
    await sql`ALTER TABLE customer_search_terms ADD CONSTRAINT customer_search_terms_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE`.execute(db);
  } else {
    await db.schema
      .createTable('customer_search_terms')
      .addColumn('kind', 'smallint', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('customer_search_terms_pk', ['kind', 'term', 'customer_id'])
      .modifyEnd(sql`without rowid`)
      .execute();
    await sql`INSERT INTO customer_search_terms (kind, term, customer_id) SELECT kind, term, customer_id FROM customer_search_terms_backfill ORDER BY kind, term, customer_id`.execute(db);
    await db.schema.dropTable('customer_search_terms_backfill').execute();
  }
  // used to replace one customer's terms
  await db.schema.createIndex('customer_search_terms_customer_idx').on('customer_search_terms').column('customer_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
