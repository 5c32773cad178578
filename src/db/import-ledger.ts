import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { ImportChunk } from '../services/ports.ts';
import type { RecordCipher } from './crypto/record-cipher.ts';
import { sealWrite } from './crypto/sensitive-columns.ts';
import { pgRefreshSearchTerms, sqliteSearchTerms } from './search-terms.ts';

/*
 * The part of an import chunk besides its new rows, run in the chunk's transaction by the bulk session:
 * before-values of updated customers (the stored columns, ciphertext and blind indexes included, so undo
 * writes them back exactly; the first before-value of a batch wins), the updates themselves (encrypted
 * as the customer store does), further lines of orders the batch created, and the batch's watermark.
 */

/** Customer columns an import may change and undo restores (never id, code, created_*, version). */
export const restorableCustomerColumns = [
  'kind', 'name', 'stage', 'owner_id', 'department_id', 'source', 'tags', 'notes', 'custom', 'mobile', 'email', 'province', 'city', 'district', 'address',
  'gender', 'birthday', 'id_card_no', 'occupation', 'short_name', 'uscc', 'legal_representative', 'industry', 'employees', 'annual_revenue_fen', 'website',
  'last_verified_at', 'updated_at', 'updated_by', 'deleted_at', 'deleted_by', 'mobile_bidx', 'mobile_tail_bidx', 'email_bidx', 'id_card_bidx', 'uscc_bidx',
] as const;

/** An update that changes what the search index holds for the customer. */
const changesTerms = (c: Record<string, unknown>) => c.name !== undefined || c.kind !== undefined || c.shortName !== undefined;

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A customer update as stored columns: sensitive values sealed, blind indexes beside them, JSON as text. */
function storedChanges(cipher: RecordCipher, customKeys: ReadonlySet<string>, changes: Record<string, unknown>): [string, unknown][] {
  const sealed = sealWrite(cipher, 'customers', changes, customKeys);
  return Object.entries(sealed)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [snake(k), k === 'tags' || k === 'custom' ? JSON.stringify(v) : v]);
}

const sqliteBefore = `INSERT OR IGNORE INTO import_batch_rows (batch_id, entity_type, entity_id, before)
  SELECT ?, 'customer', id, json_object(${restorableCustomerColumns.map((c) => `'${c}', ${c}`).join(', ')}) FROM customers WHERE id = ?`;

export function sqliteImportLedger(raw: SqliteDatabase.Database, cipher: RecordCipher, customKeys: ReadonlySet<string>) {
  const before = raw.prepare(sqliteBefore);
  const merge = raw.prepare('UPDATE purchases SET amount_fen = amount_fen + ?, quantity = quantity + ?, updated_at = ? WHERE id = ?');
  const progress = raw.prepare('UPDATE import_batches SET rows_done = ?, counts = ?, updated_at = ? WHERE id = ?');
  const updates = new Map<string, SqliteDatabase.Statement>();
  const dropTags = raw.prepare('DELETE FROM customer_tags WHERE customer_id = ?');
  const addTag = raw.prepare('INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)');
  const terms = sqliteSearchTerms(raw);
  return (chunk: ImportChunk) => {
    const batchId = chunk.batch.importBatchId;
    for (const u of chunk.customerUpdates) {
      before.run(batchId, u.id);
      const cols = storedChanges(cipher, customKeys, u.changes);
      const sig = cols.map(([c]) => c).join(',');
      let stmt = updates.get(sig);
      if (!stmt) updates.set(sig, (stmt = raw.prepare(`UPDATE customers SET ${cols.map(([c]) => `${c} = ?`).join(', ')}${cols.length ? ', ' : ''}version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`)));
      stmt.run(...cols.map(([, v]) => v), chunk.at, chunk.by, u.id);
      if (u.changes.tags) {
        dropTags.run(u.id);
        for (const tag of u.changes.tags) addTag.run(u.id, tag);
      }
      if (changesTerms(u.changes)) terms.refresh(u.id);
    }
    for (const m of chunk.purchaseMerges) merge.run(m.amountFen, m.quantity, chunk.at, m.id);
    progress.run(chunk.rowsDone, JSON.stringify(chunk.counts), chunk.at, batchId);
  };
}

export function pgImportLedger(client: pg.Client, cipher: RecordCipher, customKeys: ReadonlySet<string>) {
  return async (chunk: ImportChunk) => {
    const batchId = chunk.batch.importBatchId;
    for (const u of chunk.customerUpdates) {
      await client.query(
        `INSERT INTO import_batch_rows (batch_id, entity_type, entity_id, before)
         SELECT $1, 'customer', c.id, jsonb_build_object(${restorableCustomerColumns.map((c) => `'${c}', c.${c}`).join(', ')}) FROM customers c WHERE c.id = $2
         ON CONFLICT DO NOTHING`,
        [batchId, u.id],
      );
      const cols = storedChanges(cipher, customKeys, u.changes);
      const n = cols.length;
      await client.query(
        `UPDATE customers SET ${cols.map(([c], i) => `${c} = $${i + 1}`).join(', ')}${n ? ', ' : ''}version = version + 1, updated_at = $${n + 1}, updated_by = $${n + 2} WHERE id = $${n + 3}`,
        [...cols.map(([, v]) => v), chunk.at, chunk.by, u.id],
      );
      if (u.changes.tags) {
        await client.query('DELETE FROM customer_tags WHERE customer_id = $1', [u.id]);
        for (const tag of u.changes.tags) await client.query('INSERT INTO customer_tags (customer_id, tag) VALUES ($1, $2)', [u.id, tag]);
      }
      if (changesTerms(u.changes)) await pgRefreshSearchTerms(client, u.id);
    }
    for (const m of chunk.purchaseMerges) await client.query('UPDATE purchases SET amount_fen = amount_fen + $1, quantity = quantity + $2, updated_at = $3 WHERE id = $4', [m.amountFen, m.quantity, chunk.at, m.id]);
    await client.query('UPDATE import_batches SET rows_done = $1, counts = $2, updated_at = $3 WHERE id = $4', [chunk.rowsDone, JSON.stringify(chunk.counts), chunk.at, batchId]);
  };
}
