import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from './column-types.ts';

// Imports: one batch per file, created rows carry their batch id, updated rows keep their stored before-values.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await withId(db, db.schema.createTable('import_batches'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
    // where the file is read from; a resume after a crash reads it again and skips what committed
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('file_size', t.money, (c) => c.notNull())
    .addColumn('options', t.json, (c) => c.notNull())
    // source rows read and committed; a chunk commits this watermark together with its rows
    .addColumn('rows_done', t.money, (c) => c.notNull().defaultTo(0))
    .addColumn('counts', t.json, (c) => c.notNull())
    .addColumn('error', 'text')
    // host:pid of the process running it; a running batch whose process is gone is resumed
    .addColumn('runner', 'varchar(200)')
    .addColumn('created_by', t.ref, (c) => c.references('users.id'))
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull().defaultTo(t.now))
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema.createIndex('import_batches_status_idx').on('import_batches').column('status').execute();

  // updated rows: the stored columns (ciphertext included) as they were, so undo writes them back exactly
  await db.schema
    .createTable('import_batch_rows')
    .addColumn('batch_id', t.ref, (c) => c.notNull().references('import_batches.id').onDelete('cascade'))
    .addColumn('entity_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('entity_id', t.ref, (c) => c.notNull())
    .addColumn('before', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_batch_rows_pk', ['batch_id', 'entity_type', 'entity_id'])
    .execute();

  for (const table of ['customers', 'contacts', 'purchases', 'interactions']) {
    await db.schema.alterTable(table).addColumn('import_batch_id', t.ref).execute();
    // partial: rows typed in by hand (nearly all) cost the index nothing
    await db.schema.createIndex(`${table}_import_batch_idx`).on(table).column('import_batch_id').where(sql.ref('import_batch_id'), 'is not', null).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
