import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from './column-types.ts';

// Migrations are frozen once landed: never edit this file, add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const ts = t.timestamp;
  const flag = (name: string) => sql.raw(`${name} IN (0, 1)`);

  await withId(db, db.schema.createTable('departments'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('parent_id', t.ref, (c) => c.references('departments.id'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('username', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('department_id', t.ref, (c) => c.references('departments.id'))
    .addColumn('email', 'varchar(254)')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1).check(flag('is_active')))
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('user_id', t.ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('last_used_at', ts)
    .addColumn('expires_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', t.json, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await db.schema
    .createTable('code_counters')
    .addColumn('scope', 'varchar(50)', (c) => c.notNull())
    .addColumn('period', 'varchar(20)', (c) => c.notNull())
    .addColumn('last_value', t.money, (c) => c.notNull())
    .addPrimaryKeyConstraint('code_counters_pk', ['scope', 'period'])
    .execute();

  await withId(db, db.schema.createTable('customers'))
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().check(sql`kind IN ('individual', 'organization')`))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('stage', 'varchar(20)', (c) => c.notNull())
    .addColumn('owner_id', t.ref, (c) => c.references('users.id'))
    .addColumn('department_id', t.ref, (c) => c.references('departments.id'))
    .addColumn('source', 'varchar(50)')
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('mobile', 'varchar(20)')
    .addColumn('email', 'varchar(254)')
    .addColumn('province', 'varchar(30)')
    .addColumn('city', 'varchar(30)')
    .addColumn('district', 'varchar(30)')
    .addColumn('address', 'varchar(300)')
    .addColumn('gender', 'varchar(10)')
    .addColumn('birthday', t.date)
    .addColumn('id_card_no', 'varchar(18)')
    .addColumn('occupation', 'varchar(100)')
    .addColumn('short_name', 'varchar(100)')
    .addColumn('uscc', 'varchar(18)')
    .addColumn('legal_representative', 'varchar(50)')
    .addColumn('industry', 'varchar(2)')
    .addColumn('employees', 'integer')
    .addColumn('annual_revenue_fen', t.money)
    .addColumn('website', 'varchar(300)')
    .addColumn('last_verified_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('created_by', t.ref, (c) => c.references('users.id'))
    .addColumn('updated_by', t.ref, (c) => c.references('users.id'))
    .addColumn('deleted_at', ts)
    .addColumn('deleted_by', t.ref, (c) => c.references('users.id'))
    .execute();
  for (const cols of [['deleted_at', 'created_at'], ['deleted_at', 'updated_at'], ['deleted_at', 'name'], ['kind'], ['stage'], ['owner_id'], ['department_id'], ['province', 'city'], ['industry'], ['mobile'], ['email'], ['uscc'], ['id_card_no']]) {
    await db.schema.createIndex(`customers_${cols.join('_')}_idx`).on('customers').columns(cols).execute();
  }

  await db.schema
    .createTable('customer_tags')
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag'])
    .execute();
  await db.schema.createIndex('customer_tags_tag_idx').on('customer_tags').columns(['tag', 'customer_id']).execute();

  await withId(db, db.schema.createTable('contacts'))
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)')
    .addColumn('mobile', 'varchar(20)')
    .addColumn('email', 'varchar(254)')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0).check(flag('is_primary')))
    .addColumn('notes', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('contacts_customer_idx').on('contacts').column('customer_id').execute();

  await withId(db, db.schema.createTable('purchases'))
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('order_no', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('ordered_on', t.date, (c) => c.notNull())
    .addColumn('amount_fen', t.money, (c) => c.notNull())
    .addColumn('cost_fen', t.money)
    .addColumn('currency', 'varchar(3)', (c) => c.notNull().defaultTo('CNY'))
    .addColumn('product_line', 'varchar(100)')
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('due_on', t.date)
    .addColumn('paid_on', t.date)
    .addColumn('notes', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('purchases_customer_idx').on('purchases').columns(['customer_id', 'ordered_on']).execute();

  await withId(db, db.schema.createTable('interactions'))
    .addColumn('customer_id', t.ref, (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('occurred_at', ts, (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('by_user_id', t.ref, (c) => c.references('users.id'))
    .addColumn('next_follow_up_on', t.date)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();
  await db.schema.createIndex('interactions_customer_idx').on('interactions').columns(['customer_id', 'occurred_at']).execute();

  await withId(db, db.schema.createTable('custom_field_defs'))
    .addColumn('key', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('label_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('label_en', 'varchar(50)')
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0).check(flag('required')))
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('applies_to', 'varchar(20)', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0).check(flag('sensitive')))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(flag('archived')))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await withId(db, db.schema.createTable('audit_entries'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', t.ref)
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(64)')
    .addColumn('customer_id', t.ref)
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('meta', t.json, (c) => c.notNull())
    .execute();
  for (const cols of [['customer_id', 'id'], ['at'], ['actor_id', 'id'], ['action', 'id'], ['entity_type', 'entity_id']]) {
    await db.schema.createIndex(`audit_entries_${cols.join('_')}_idx`).on('audit_entries').columns(cols).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
