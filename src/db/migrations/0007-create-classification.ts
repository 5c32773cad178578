import { sql, type Kysely } from 'kysely';
import { columnTypes, isPostgres, withId } from './column-types.ts';

// Migrations are frozen once landed: never edit this file, add a new one.
// Classification: schemes and their versions, per-customer metric facts, current assignments, the
// history of class changes, runs and the one run lock.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const pg = isPostgres(db);
  // category codes are digits compared byte-wise, so "in 01 or below" is the range [01, 01:) on both engines
  const code = pg ? sql`varchar(30) collate "C"` : sql`varchar(30)`;

  await withId(db, db.schema.createTable('class_schemes'))
    .addColumn('key', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)')
    .addColumn('description', 'text')
    .addColumn('preset', 'varchar(40)')
    .addColumn('published_version', 'integer')
    .addColumn('draft_version', 'integer')
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable('class_scheme_versions')
    .addColumn('scheme_id', t.ref, (c) => c.notNull().references('class_schemes.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status IN ('draft', 'published', 'superseded')`))
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('created_by', t.ref, (c) => c.references('users.id'))
    .addColumn('published_at', t.timestamp)
    .addColumn('published_by', t.ref, (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('class_scheme_versions_pk', ['scheme_id', 'version'])
    .execute();

  // facts that do not depend on the day (recency etc. are derived at evaluation); one row per customer
  await db.schema
    .createTable('customer_metrics')
    .addColumn('customer_id', t.ref, (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .addColumn('as_of', t.date, (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('order_count', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'integer', (c) => c.notNull())
    .addColumn('monetary_fen', t.money, (c) => c.notNull())
    .addColumn('costed_revenue_fen', t.money, (c) => c.notNull())
    .addColumn('gross_profit_fen', t.money)
    .addColumn('first_purchase_on', t.date)
    .addColumn('last_purchase_on', t.date)
    .addColumn('refund_count', 'integer', (c) => c.notNull())
    .addColumn('window_frequency', 'integer', (c) => c.notNull())
    .addColumn('window_monetary_fen', t.money, (c) => c.notNull())
    .addColumn('main_product_line', 'varchar(100)')
    .addColumn('interaction_count', 'integer', (c) => c.notNull())
    .addColumn('last_interaction_at', t.timestamp)
    .execute();

  // one row per scheme × version × customer; a publish writes the next version beside the live one and switches
  let assignments = db.schema
    .createTable('class_assignments')
    .addColumn('scheme_id', t.ref, (c) => c.notNull().references('class_schemes.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('category_key', 'varchar(60)', (c) => c.notNull())
    .addColumn('category_code', code, (c) => c.notNull())
    .addColumn('source', 'varchar(10)', (c) => c.notNull().check(sql`source IN ('rule', 'manual')`))
    .addColumn('reason', 'varchar(500)')
    .addColumn('expires_at', t.timestamp)
    .addColumn('assigned_by', t.ref, (c) => c.references('users.id'))
    .addColumn('inputs', t.json, (c) => c.notNull())
    .addColumn('assigned_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('class_assignments_pk', ['scheme_id', 'version', 'customer_id']);
  if (!pg) assignments = assignments.modifyEnd(sql`without rowid`);
  await assignments.execute();
  // "customers in category X including descendants": a range on the code prefix
  await db.schema.createIndex('class_assignments_code_idx').on('class_assignments').columns(['scheme_id', 'version', 'category_code', 'customer_id']).execute();

  await withId(db, db.schema.createTable('class_changes'))
    .addColumn('scheme_id', t.ref, (c) => c.notNull().references('class_schemes.id').onDelete('cascade'))
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('run_id', t.ref)
    .addColumn('scheme_version', 'integer', (c) => c.notNull())
    .addColumn('from_key', 'varchar(60)')
    .addColumn('from_code', code)
    .addColumn('from_name', 'varchar(50)')
    .addColumn('to_key', 'varchar(60)')
    .addColumn('to_code', code)
    .addColumn('to_name', 'varchar(50)')
    .addColumn('cause', 'varchar(20)', (c) => c.notNull())
    .addColumn('rule', t.json)
    .addColumn('inputs_before', t.json)
    .addColumn('inputs_after', t.json)
    .addColumn('reason', 'varchar(500)')
    .addColumn('actor_id', t.ref, (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('class_changes_customer_idx').on('class_changes').columns(['customer_id', 'id']).execute();
  // "who moved from A to B since date"
  await db.schema.createIndex('class_changes_scheme_at_idx').on('class_changes').columns(['scheme_id', 'at']).execute();

  await withId(db, db.schema.createTable('class_runs'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status IN ('running', 'succeeded', 'failed')`))
    .addColumn('scheme_keys', t.json, (c) => c.notNull())
    .addColumn('as_of', t.date, (c) => c.notNull())
    .addColumn('actor_id', t.ref, (c) => c.references('users.id'))
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addColumn('stats', t.json, (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('class_runs_started_idx').on('class_runs').column('started_at').execute();

  // one row: which run may write classification data now; a holder that stops heart-beating goes stale
  await db.schema
    .createTable('class_lock')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('run_id', t.ref)
    .addColumn('holder', 'varchar(100)')
    .addColumn('heartbeat_at', t.timestamp)
    .execute();
  await sql`insert into class_lock (id) values (1)`.execute(db);

  // SQLite aggregates in index order: this covering index lets one pass over purchases group by
  // customer and product line without a sort or table lookups (PostgreSQL hashes, so it does not need it)
  if (!pg) {
    await db.schema.createIndex('purchases_classify_idx').on('purchases').columns(['customer_id', 'product_line', 'status', 'ordered_on', 'amount_fen', 'cost_fen']).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
