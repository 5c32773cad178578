import { sql } from 'kysely';
import type { ExistingRow, ImportBatch, ImportBatchStatus, ImportCounts, ImportStore } from '../../services/ports.ts';
import type { Db, Engine } from '../connect.ts';
import type { RecordCipher } from '../crypto/record-cipher.ts';
import { parseJson } from '../db-errors.ts';
import { restorableCustomerColumns } from '../import-ledger.ts';
import { refreshSearchTerms } from '../search-terms.ts';
import type { ImportBatchesTable } from '../schema.ts';
import type { Selectable } from 'kysely';
import { scopeCondition } from './customer-store.ts';

const emptyCounts: ImportCounts = { rows: 0, created: 0, updated: 0, merged: 0, skipped: 0, invalid: 0, customersCreated: 0 };

const toBatch = (r: Selectable<ImportBatchesTable>): ImportBatch => ({
  ...r,
  status: r.status as ImportBatchStatus,
  options: parseJson(r.options, {}),
  counts: { ...emptyCounts, ...parseJson<Partial<ImportCounts>>(r.counts, {}) },
});

/** Values per IN list: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const IN_CHUNK = 1000;
const inChunks = <T>(values: T[]) => Array.from({ length: Math.ceil(values.length / IN_CHUNK) }, (_, i) => values.slice(i * IN_CHUNK, (i + 1) * IN_CHUNK));

export function importStore(db: Db, engine: Engine, cipher: RecordCipher): ImportStore {
  /** Live customers within the filter by one column, keyed by that column's value. */
  const byColumn = async (column: 'code' | 'mobileBidx' | 'emailBidx' | 'usccBidx', values: string[], filter: Parameters<ImportStore['matchCustomers']>[2]) => {
    const out = new Map<string, ExistingRow & { name: string }>();
    for (const part of inChunks([...new Set(values)])) {
      const rows = await db
        .selectFrom('customers')
        .select(['id', 'importBatchId', 'name', column])
        .where(column, 'in', part)
        .where('deletedAt', 'is', null)
        .where((eb) => scopeCondition(eb, filter))
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const key = r[column] as string;
        if (!out.has(key)) out.set(key, { id: r.id, importBatchId: r.importBatchId, name: r.name });
      }
    }
    return out;
  };

  return {
    async insertBatch(row, at) {
      const r = await db
        .insertInto('importBatches')
        .values({ ...row, status: 'running', options: JSON.stringify(row.options), counts: JSON.stringify(row.counts), rowsDone: 0, createdAt: at, updatedAt: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toBatch(r);
    },
    async claimBatch(id, fromRunner, runner, at) {
      const r = await db
        .updateTable('importBatches')
        .set({ runner, updatedAt: at })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where((eb) => (fromRunner === null ? eb('runner', 'is', null) : eb('runner', '=', fromRunner)))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async findBatch(id) {
      const r = await db.selectFrom('importBatches').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toBatch(r);
    },
    async listBatches(page) {
      const [rows, total] = await Promise.all([
        db.selectFrom('importBatches').selectAll().orderBy('id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute(),
        db.selectFrom('importBatches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toBatch), total: Number(total.n), ...page };
    },
    async listRunning() {
      return (await db.selectFrom('importBatches').selectAll().where('status', '=', 'running').orderBy('id').execute()).map(toBatch);
    },
    async finishBatch(id, changes, at) {
      await db
        .updateTable('importBatches')
        .set({
          status: changes.status,
          ...(changes.counts ? { counts: JSON.stringify(changes.counts) } : {}),
          ...(changes.error !== undefined ? { error: changes.error } : {}),
          updatedAt: at,
          finishedAt: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async revert(id, _at) {
      const restored = await db.selectFrom('importBatchRows').select((eb) => eb.fn.countAll<number>().as('n')).where('batchId', '=', id).where('entityType', '=', 'customer').executeTakeFirstOrThrow();
      // stored before-values back, column by column; the version moves on so stale edits still conflict
      const cols = restorableCustomerColumns;
      if (engine === 'postgres') {
        await sql`UPDATE customers c SET ${sql.raw(cols.map((col) => `${col} = r.${col}`).join(', '))}, version = c.version + 1
          FROM import_batch_rows b, jsonb_populate_record(NULL::customers, b.before) r
          WHERE b.batch_id = ${id} AND b.entity_type = 'customer' AND c.id = b.entity_id`.execute(db);
      } else {
        await sql`UPDATE customers SET ${sql.raw(cols.map((col) => `${col} = (SELECT json_extract(b.before, '$.${col}') FROM import_batch_rows b WHERE b.batch_id = ${id} AND b.entity_type = 'customer' AND b.entity_id = customers.id)`).join(', '))}, version = version + 1
          WHERE id IN (SELECT entity_id FROM import_batch_rows WHERE batch_id = ${id} AND entity_type = 'customer')`.execute(db);
      }
      // customer_tags follow the restored tags column
      const updated = sql`(SELECT entity_id FROM import_batch_rows WHERE batch_id = ${id} AND entity_type = 'customer')`;
      await sql`DELETE FROM customer_tags WHERE customer_id IN ${updated}`.execute(db);
      await (engine === 'postgres'
        ? sql`INSERT INTO customer_tags (customer_id, tag) SELECT c.id, t FROM customers c, jsonb_array_elements_text(c.tags) t WHERE c.id IN ${updated}`
        : sql`INSERT INTO customer_tags (customer_id, tag) SELECT c.id, j.value FROM customers c, json_each(c.tags) j WHERE c.id IN ${updated}`
      ).execute(db);
      const restoredIds = await db.selectFrom('importBatchRows').select('entityId').where('batchId', '=', id).where('entityType', '=', 'customer').execute();
      await refreshSearchTerms(db, restoredIds.map((r) => Number(r.entityId)));
      const removed = { customers: 0, contacts: 0, purchases: 0, interactions: 0 };
      // children first: rows this batch added to customers that stay
      for (const table of ['contacts', 'purchases', 'interactions', 'customers'] as const) {
        const r = await db.deleteFrom(table).where('importBatchId', '=', id).executeTakeFirst();
        removed[table] = Number(r.numDeletedRows);
      }
      return { ...removed, restored: Number(restored.n) };
    },
    async matchCustomers(key, values, filter) {
      const out = new Map<string, ExistingRow>();
      if (key === 'code') {
        for (const [k, v] of await byColumn('code', values, filter)) out.set(k, v);
        return out;
      }
      const field = key === 'name_mobile' ? 'mobile' : key;
      const column = ({ mobile: 'mobileBidx', email: 'emailBidx', uscc: 'usccBidx' } as const)[field];
      const hashOf = new Map<string, string>();
      for (const v of values) {
        const raw = key === 'name_mobile' ? v.slice(v.indexOf('\u0000') + 1) : v;
        const h = cipher.index(field, raw);
        if (h) hashOf.set(v, h);
      }
      const found = await byColumn(column, [...hashOf.values()], filter);
      for (const [v, h] of hashOf) {
        const hit = found.get(h);
        if (!hit) continue;
        if (key === 'name_mobile' && hit.name !== v.slice(0, v.indexOf('\u0000'))) continue;
        out.set(v, { id: hit.id, importBatchId: hit.importBatchId });
      }
      return out;
    },
    async codesTaken(codes) {
      const taken = new Set<string>();
      for (const part of inChunks([...new Set(codes)])) for (const r of await db.selectFrom('customers').select('code').where('code', 'in', part).execute()) taken.add(r.code);
      return taken;
    },
    async findPurchasesByOrderNo(orderNos) {
      const out = new Map<string, ExistingRow>();
      for (const part of inChunks([...new Set(orderNos)])) {
        for (const r of await db.selectFrom('purchases').select(['id', 'orderNo', 'importBatchId']).where('orderNo', 'in', part).execute()) out.set(r.orderNo, { id: r.id, importBatchId: r.importBatchId });
      }
      return out;
    },
  };
}
