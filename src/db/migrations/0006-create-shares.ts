import type { Kysely } from 'kysely';
import { columnTypes, withId } from './column-types.ts';

// Controlled sharing: saved filters, shares with users/departments, partner shares and their access log.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await withId(db, db.schema.createTable('saved_filters'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('owner_id', t.ref, (c) => c.references('users.id'))
    .addColumn('query', t.json, (c) => c.notNull())
    // who saved it could see only these rows; a share of it never shows more (see services/sharing)
    .addColumn('owner_scope', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await withId(db, db.schema.createTable('customer_shares'))
    .addColumn('customer_id', t.ref, (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('saved_filter_id', t.ref, (c) => c.references('saved_filters.id').onDelete('cascade'))
    .addColumn('grantee_user_id', t.ref, (c) => c.references('users.id'))
    .addColumn('grantee_department_id', t.ref, (c) => c.references('departments.id'))
    .addColumn('access', 'varchar(10)', (c) => c.notNull())
    .addColumn('expires_at', t.timestamp)
    .addColumn('note', 'varchar(200)')
    .addColumn('created_by', t.ref, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('revoked_at', t.timestamp)
    .addColumn('revoked_by', t.ref, (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('customer_shares_customer_idx').on('customer_shares').columns(['customer_id', 'revoked_at']).execute();
  await db.schema.createIndex('customer_shares_user_idx').on('customer_shares').columns(['grantee_user_id', 'revoked_at']).execute();
  await db.schema.createIndex('customer_shares_department_idx').on('customer_shares').columns(['grantee_department_id', 'revoked_at']).execute();

  await withId(db, db.schema.createTable('partners'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('contact_name', 'varchar(50)')
    .addColumn('contact_email', 'varchar(254)')
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .execute();

  await withId(db, db.schema.createTable('partner_shares'))
    .addColumn('partner_id', t.ref, (c) => c.notNull().references('partners.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(500)', (c) => c.notNull())
    .addColumn('customer_ids', t.json)
    .addColumn('saved_filter_id', t.ref, (c) => c.references('saved_filters.id'))
    .addColumn('sharer_scope', t.json, (c) => c.notNull())
    .addColumn('fields', t.json, (c) => c.notNull())
    .addColumn('masked_fields', t.json, (c) => c.notNull())
    .addColumn('allow_download', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', t.ref, (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('revoked_at', t.timestamp)
    .execute();

  await withId(db, db.schema.createTable('partner_access_log'))
    .addColumn('share_id', t.ref, (c) => c.notNull().references('partner_shares.id'))
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('action', 'varchar(10)', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema.createIndex('partner_access_log_share_idx').on('partner_access_log').columns(['share_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
