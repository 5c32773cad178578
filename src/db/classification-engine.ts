import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { dayString } from '../domain/classification/dates.ts';
import type { Inputs } from '../domain/classification/evaluate.ts';
import type { CustomerTable } from '../domain/classification/metrics.ts';
import type { AssignmentWrite, ClassificationEngine, ClassificationSession } from '../services/ports.ts';
import { AssignmentsBuilder, codeList, PACK } from './classification-assignments.ts';
import { openSqlite, type Engine } from './connect.ts';
import {
  addInteractionGroups, addPurchaseGroups, clearFacts, customersToTable, factsDigests, factsRow, factsRowToTable, metricColumns, rowFinder, rowIndex, type RawRow,
} from './classification-facts.ts';

/*
 * The classification engine's own connection (SQLite: a second handle on the file, WAL lets it read
 * while the server writes; PostgreSQL: one client). Reads are set-based: one pass over customers, one
 * aggregate over purchases grouped by customer, product line and status (index order on SQLite, thanks
 * to purchases_classify_idx; a hash aggregate on PostgreSQL), one over interactions.
 */

export type EngineTarget = { engine: Engine; sqlitePath: string; databaseUrl: string | undefined };

export function createClassificationEngine(target: EngineTarget): ClassificationEngine {
  return {
    engine: target.engine,
    async open() {
      if (target.engine === 'postgres') {
        if (!target.databaseUrl) throw new Error('classification engine: PostgreSQL needs a database URL');
        const client = new pg.Client({ connectionString: target.databaseUrl });
        await client.connect();
        return pgSession(client);
      }
      return sqliteSession(openSqlite(target.sqlitePath));
    },
  };
}

/** created_at comes back as whole epoch seconds (`seconds`): a number per row instead of a string to parse. */
const customerSql = (withCustom: boolean, seconds: (expr: string) => string) =>
  `SELECT id, kind, stage, industry, province, city, source, ${seconds('created_at')}${withCustom ? ', custom' : ''} FROM customers WHERE deleted_at IS NULL ORDER BY id`;

/**
 * Completed and refunded orders per customer × product line × status; cancelled orders are left out
 * entirely. First and last order dates come back as epoch days (`day`), numbers rather than strings.
 */
const purchaseSql = (p: (n: number) => string, day: (expr: string) => string, idList: string | null) => `
  SELECT customer_id, product_line, status, count(*), sum(amount_fen), sum(amount_fen - cost_fen),
         sum(amount_fen) FILTER (WHERE cost_fen IS NOT NULL), ${day('min(ordered_on)')}, ${day('max(ordered_on)')},
         sum(amount_fen) FILTER (WHERE ordered_on > ${p(1)}), count(*) FILTER (WHERE ordered_on > ${p(2)})
  FROM purchases
  WHERE status IN ('completed', 'refunded')${idList ? ` AND customer_id IN (${idList})` : ''}
  GROUP BY customer_id, product_line, status`;

const interactionSql = (idList: string | null) =>
  `SELECT customer_id, count(*), max(occurred_at) FROM interactions${idList ? ` WHERE customer_id IN (${idList})` : ''} GROUP BY customer_id`;

const factsSql = `SELECT customer_id, order_count, frequency, monetary_fen, costed_revenue_fen, gross_profit_fen, first_purchase_on, last_purchase_on,
  refund_count, window_frequency, window_monetary_fen, main_product_line, interaction_count, last_interaction_at FROM customer_metrics ORDER BY customer_id`;

const assignmentColumns = ['scheme_id', 'version', 'customer_id', 'category_key', 'category_code', 'source', 'reason', 'expires_at', 'assigned_by', 'inputs', 'assigned_at'] as const;
const assignmentValues = (schemeId: number, version: number, a: AssignmentWrite) => [
  schemeId, version, a.customerId, a.categoryKey, a.categoryCode, a.source, a.reason, a.expiresAt, a.assignedBy, JSON.stringify(a.inputs), a.assignedAt,
];

const ID_BATCH = 500;
const sqliteDay = (expr: string) => `unixepoch(${expr}) / 86400`;
const pgDay = (expr: string) => `(${expr} - date '1970-01-01')`;
const WRITE_BATCH = 20_000;

function idBatches(t: CustomerTable, rows: Int32Array): string[] {
  const out: string[] = [];
  for (let k = 0; k < rows.length; k += ID_BATCH) out.push(Array.from(rows.subarray(k, k + ID_BATCH), (i) => String(t.ids[i]!)).join(','));
  return out;
}

const windowStart = (asOfDay: number, windowDays: number) => dayString(asOfDay - windowDays);

// the manual rows come from class_assignments_manual_idx (partial, WHERE source = 'manual')
const manualSql = (p: (n: number) => string, indexedBy = '') =>
  `SELECT customer_id, category_key, expires_at, reason, assigned_by FROM class_assignments${indexedBy} WHERE scheme_id = ${p(1)} AND version = ${p(2)} AND source = 'manual'`;
const keysSql = (p: (n: number) => string, idList: string) =>
  `SELECT customer_id, category_key FROM class_assignments WHERE scheme_id = ${p(1)} AND version = ${p(2)} AND customer_id IN (${idList})`;

/** Rows of the table whose new digest differs from the stored one (or that have none stored). */
function changedRows(t: CustomerTable, rows: Int32Array | null, digests: Float64Array, stored: Iterable<RawRow>): Int32Array {
  const find = rowIndex(t);
  const old = new Float64Array(t.size).fill(NaN);
  for (const r of stored) {
    const i = find(Number(r[0]));
    if (i >= 0 && r[1] !== null && r[1] !== undefined) old[i] = Number(r[1]);
  }
  const out: number[] = [];
  const consider = (i: number) => old[i] !== digests[i] && out.push(i);
  if (rows === null) for (let i = 0; i < t.size; i++) consider(i);
  else for (const i of rows) consider(i);
  return Int32Array.from(out);
}
const digestSql = 'SELECT customer_id, digest FROM customer_metrics';

const copySql = (p: (n: number) => string) => `INSERT INTO class_assignments (${assignmentColumns.join(', ')})
  SELECT scheme_id, ${p(1)}, customer_id, category_key, category_code, source, reason, expires_at, assigned_by, inputs, assigned_at
  FROM class_assignments WHERE scheme_id = ${p(2)} AND version = ${p(3)} AND customer_id > ${p(4)} AND customer_id <= ${p(5)}`;
const recodeSql = (p: (n: number) => string) => `UPDATE class_assignments SET category_code = ${p(1)} WHERE scheme_id = ${p(2)} AND version = ${p(3)} AND category_key = ${p(4)}`;
const idRangeSql = (p: (n: number) => string) => `SELECT min(customer_id), max(customer_id) FROM class_assignments WHERE scheme_id = ${p(1)} AND version = ${p(2)}`;
const COPY_SPAN = 50_000;

function sqliteSession(raw: SqliteDatabase.Database): ClassificationSession {
  raw.pragma('cache_size = -262144'); // 256 MiB for this connection: the aggregates stream through it
  const iterate = (text: string, ...params: unknown[]) => raw.prepare(text).raw().iterate(...params) as IterableIterator<RawRow>;
  const upsertFacts = raw.prepare(
    `INSERT INTO customer_metrics (${metricColumns.join(', ')}) VALUES (${metricColumns.map(() => '?').join(', ')})
     ON CONFLICT (customer_id) DO UPDATE SET ${metricColumns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  const insertAssignment = raw.prepare(
    `INSERT INTO class_assignments (${assignmentColumns.join(', ')}) VALUES (${assignmentColumns.map(() => '?').join(', ')})
     ON CONFLICT (scheme_id, version, customer_id) DO UPDATE SET ${assignmentColumns.slice(3).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  return {
    async loadCustomers({ withCustom }) {
      return customersToTable(iterate(customerSql(withCustom, (e) => `unixepoch(${e})`)), withCustom);
    },
    async aggregate(t, rows, { asOfDay, windowDays }) {
      clearFacts(t, rows);
      const start = windowStart(asOfDay, windowDays);
      const lists = rows === null ? [null] : idBatches(t, rows);
      for (const list of lists) {
        addPurchaseGroups(t, iterate(purchaseSql(() => '?', sqliteDay, list), start, start));
        addInteractionGroups(t, iterate(interactionSql(list)));
      }
    },
    async readFacts(t) {
      const find = rowFinder(t);
      const seen = new Uint8Array(t.size);
      for (const r of iterate(factsSql)) {
        const i = factsRowToTable(t, find, r);
        if (i >= 0) seen[i] = 1;
      }
      return missingRows(seen);
    },
    async changedSince(since, orderedIn) {
      const out = new Set<number>();
      const ranges = orderedIn.map(() => '(ordered_on > ? AND ordered_on <= ?)');
      const queries: [string, unknown[]][] = [
        [`SELECT DISTINCT customer_id FROM purchases WHERE updated_at >= ?${ranges.map((r) => ` OR ${r}`).join('')}`, [since, ...orderedIn.flat()]],
        ['SELECT DISTINCT customer_id FROM interactions WHERE updated_at >= ?', [since]],
        ['SELECT id FROM customers WHERE updated_at >= ?', [since]],
        ['SELECT DISTINCT customer_id FROM audit_entries WHERE at >= ? AND customer_id IS NOT NULL', [since]],
      ];
      for (const [text, params] of queries) for (const r of iterate(text, ...params)) out.add(Number(r[0]));
      return out;
    },
    async writeFacts(t, rows, meta) {
      const digests = factsDigests(t, meta.windowDays);
      const changed = changedRows(t, rows, digests, iterate(digestSql));
      const write = raw.transaction((from: number, to: number) => {
        for (let k = from; k < to; k++) upsertFacts.run(factsRow(t, changed[k]!, meta, digests));
      });
      for (let k = 0; k < changed.length; k += WRITE_BATCH) write.immediate(k, Math.min(changed.length, k + WRITE_BATCH));
      return changed.length;
    },
    async readAssignments(schemeId, version, t, categories) {
      const codes = codeList(categories);
      const out = new AssignmentsBuilder(t, codes);
      // packed values stay exact doubles while id × 65536 < 2^53
      if (codes.list.length < PACK && (t.size === 0 || t.ids[t.size - 1]! < 2 ** 37)) {
        // one double per row (see classification-assignments.ts); all() in one call beats a generator step per row
        const packed = raw
          .prepare(`SELECT customer_id * ${PACK} + instr(?, '|' || category_code || '|') FROM class_assignments INDEXED BY class_assignments_code_idx WHERE scheme_id = ? AND version = ?`)
          .pluck()
          .all(codes.list, schemeId, version) as number[];
        out.addPacked(packed, codes.keyAt);
      } else {
        for (const r of iterate('SELECT customer_id, category_key FROM class_assignments WHERE scheme_id = ? AND version = ?', schemeId, version)) out.setKey(Number(r[0]), String(r[1]));
      }
      for (let k = 0; k < out.unknown.length; k += ID_BATCH) {
        for (const r of iterate(keysSql(() => '?', out.unknown.slice(k, k + ID_BATCH).join(',')), schemeId, version)) out.setKey(Number(r[0]), String(r[1]));
      }
      // without statistics SQLite would take the primary key and read every row of the version
      out.addManual(iterate(manualSql(() => '?', ' INDEXED BY class_assignments_manual_idx'), schemeId, version));
      return out.build();
    },
    async readInputs(schemeId, version, customerIds) {
      const out = new Map<number, Inputs>();
      for (let k = 0; k < customerIds.length; k += ID_BATCH) {
        const list = customerIds.slice(k, k + ID_BATCH).join(',');
        for (const r of iterate(`SELECT customer_id, inputs FROM class_assignments WHERE scheme_id = ? AND version = ? AND customer_id IN (${list})`, schemeId, version)) {
          out.set(Number(r[0]), JSON.parse(String(r[1])) as Inputs);
        }
      }
      return out;
    },
    async writeAssignments(schemeId, version, rows) {
      const write = raw.transaction((from: number, to: number) => {
        for (let k = from; k < to; k++) insertAssignment.run(assignmentValues(schemeId, version, rows[k]!));
      });
      for (let k = 0; k < rows.length; k += WRITE_BATCH) write.immediate(k, Math.min(rows.length, k + WRITE_BATCH));
    },
    async copyVersion(schemeId, from, to, codes) {
      const [lo, hi] = raw.prepare(idRangeSql(() => '?')).raw().get(schemeId, from) as [number | null, number | null];
      const copy = raw.prepare(copySql(() => '?'));
      if (lo !== null && hi !== null) {
        for (let start = lo - 1; start < hi; start += COPY_SPAN) raw.transaction(() => copy.run(to, schemeId, from, start, start + COPY_SPAN)).immediate();
      }
      const recode = raw.prepare(recodeSql(() => '?'));
      raw.transaction(() => {
        for (const [key, code] of codes) recode.run(code, schemeId, to, key);
      }).immediate();
    },
    async deleteRows(schemeId, version, customerIds) {
      const write = raw.transaction((list: string) => raw.prepare(`DELETE FROM class_assignments WHERE scheme_id = ? AND version = ? AND customer_id IN (${list})`).run(schemeId, version));
      for (let k = 0; k < customerIds.length; k += ID_BATCH) write.immediate(customerIds.slice(k, k + ID_BATCH).join(','));
    },
    async purgeVersions(schemeId, keep) {
      let total = 0;
      const versions = raw.prepare('SELECT DISTINCT version FROM class_assignments WHERE scheme_id = ? AND version <> ?').raw().all(schemeId, keep) as [number][];
      const del = raw.prepare(
        'DELETE FROM class_assignments WHERE scheme_id = ? AND version = ? AND customer_id IN (SELECT customer_id FROM class_assignments WHERE scheme_id = ? AND version = ? LIMIT 20000)',
      );
      for (const [v] of versions) {
        for (;;) {
          const n = raw.transaction(() => del.run(schemeId, v, schemeId, v).changes).immediate();
          total += n;
          if (n === 0) break;
        }
      }
      return total;
    },
    async close() {
      raw.close();
    },
  };
}

function missingRows(seen: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < seen.length; i++) if (!seen[i]) out.push(i);
  return Int32Array.from(out);
}

function pgSession(client: pg.Client): ClassificationSession {
  const rowsOf = async (text: string, values: unknown[] = []): Promise<RawRow[]> => (await client.query({ text, values, rowMode: 'array' })).rows as RawRow[];
  const inTransaction = async (work: () => Promise<void>) => {
    await client.query('BEGIN');
    try {
      await work();
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };
  return {
    async loadCustomers({ withCustom }) {
      return customersToTable(await rowsOf(customerSql(withCustom, (e) => `floor(extract(epoch from ${e}))::float8`)), withCustom);
    },
    async aggregate(t, rows, { asOfDay, windowDays }) {
      clearFacts(t, rows);
      const start = windowStart(asOfDay, windowDays);
      const lists = rows === null ? [null] : idBatches(t, rows);
      for (const list of lists) {
        addPurchaseGroups(t, await rowsOf(purchaseSql((n) => `$${n}::date`, pgDay, list), [start, start]));
        addInteractionGroups(t, await rowsOf(interactionSql(list)));
      }
    },
    async readFacts(t) {
      const find = rowFinder(t);
      const seen = new Uint8Array(t.size);
      for (const r of await rowsOf(factsSql)) {
        const i = factsRowToTable(t, find, r);
        if (i >= 0) seen[i] = 1;
      }
      return missingRows(seen);
    },
    async changedSince(since, orderedIn) {
      const out = new Set<number>();
      const ranges = orderedIn.map((_, k) => ` OR (ordered_on > $${2 + k * 2}::date AND ordered_on <= $${3 + k * 2}::date)`).join('');
      const queries: [string, unknown[]][] = [
        [`SELECT DISTINCT customer_id FROM purchases WHERE updated_at >= $1${ranges}`, [since, ...orderedIn.flat()]],
        ['SELECT DISTINCT customer_id FROM interactions WHERE updated_at >= $1', [since]],
        ['SELECT id FROM customers WHERE updated_at >= $1', [since]],
        ['SELECT DISTINCT customer_id FROM audit_entries WHERE at >= $1 AND customer_id IS NOT NULL', [since]],
      ];
      for (const [text, params] of queries) for (const r of await rowsOf(text, params)) out.add(Number(r[0]));
      return out;
    },
    async writeFacts(t, rows, meta) {
      const digests = factsDigests(t, meta.windowDays);
      const all = changedRows(t, rows, digests, await rowsOf(digestSql));
      const types = ['bigint', 'timestamptz', 'date', 'int', 'int', 'int', 'bigint', 'bigint', 'bigint', 'date', 'date', 'int', 'int', 'bigint', 'text', 'int', 'timestamptz', 'bigint'];
      for (let k = 0; k < all.length; k += WRITE_BATCH) {
        const batch = Array.from(all.subarray(k, k + WRITE_BATCH), (i) => factsRow(t, i, meta, digests));
        const columns = metricColumns.map((_, c) => batch.map((r) => r[c] ?? null));
        await client.query(
          `INSERT INTO customer_metrics (${metricColumns.join(', ')}) SELECT * FROM unnest(${types.map((ty, c) => `$${c + 1}::${ty}[]`).join(', ')})
           ON CONFLICT (customer_id) DO UPDATE SET ${metricColumns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
          columns,
        );
      }
      return all.length;
    },
    async readAssignments(schemeId, version, t, categories) {
      const codes = codeList(categories);
      const out = new AssignmentsBuilder(t, codes);
      const keyOfCode = new Map(categories.map((c) => [c.code, c.key]));
      for (const [id, code] of await rowsOf('SELECT customer_id, category_code FROM class_assignments WHERE scheme_id = $1 AND version = $2', [schemeId, version])) {
        const key = keyOfCode.get(String(code));
        if (key === undefined) out.unknown.push(Number(id));
        else out.setKey(Number(id), key);
      }
      for (let k = 0; k < out.unknown.length; k += ID_BATCH) {
        for (const r of await rowsOf('SELECT customer_id, category_key FROM class_assignments WHERE scheme_id = $1 AND version = $2 AND customer_id = ANY($3::bigint[])', [schemeId, version, out.unknown.slice(k, k + ID_BATCH)])) {
          out.setKey(Number(r[0]), String(r[1]));
        }
      }
      out.addManual(await rowsOf(manualSql((n) => `$${n}`), [schemeId, version]));
      return out.build();
    },
    async readInputs(schemeId, version, customerIds) {
      const out = new Map<number, Inputs>();
      for (let k = 0; k < customerIds.length; k += ID_BATCH) {
        const rows = await rowsOf('SELECT customer_id, inputs FROM class_assignments WHERE scheme_id = $1 AND version = $2 AND customer_id = ANY($3::bigint[])', [schemeId, version, customerIds.slice(k, k + ID_BATCH)]);
        for (const r of rows) out.set(Number(r[0]), JSON.parse(String(r[1])) as Inputs);
      }
      return out;
    },
    async writeAssignments(schemeId, version, rows) {
      const types = ['bigint', 'int', 'bigint', 'text', 'text', 'text', 'text', 'timestamptz', 'bigint', 'jsonb', 'timestamptz'];
      for (let k = 0; k < rows.length; k += WRITE_BATCH) {
        const batch = rows.slice(k, k + WRITE_BATCH).map((a) => assignmentValues(schemeId, version, a));
        const columns = assignmentColumns.map((_, c) => batch.map((r) => r[c] ?? null));
        await inTransaction(async () => {
          await client.query(
            `INSERT INTO class_assignments (${assignmentColumns.join(', ')}) SELECT * FROM unnest(${types.map((ty, c) => `$${c + 1}::${ty}[]`).join(', ')})
             ON CONFLICT (scheme_id, version, customer_id) DO UPDATE SET ${assignmentColumns.slice(3).map((c) => `${c} = excluded.${c}`).join(', ')}`,
            columns,
          );
        });
      }
    },
    async copyVersion(schemeId, from, to, codes) {
      const range = (await rowsOf(idRangeSql((n) => `$${n}`), [schemeId, from]))[0] ?? [null, null];
      if (range[0] !== null && range[1] !== null) {
        const [lo, hi] = [Number(range[0]), Number(range[1])];
        for (let start = lo - 1; start < hi; start += COPY_SPAN) await client.query(copySql((n) => `$${n}`), [to, schemeId, from, start, start + COPY_SPAN]);
      }
      await inTransaction(async () => {
        for (const [key, code] of codes) await client.query(recodeSql((n) => `$${n}`), [code, schemeId, to, key]);
      });
    },
    async deleteRows(schemeId, version, customerIds) {
      for (let k = 0; k < customerIds.length; k += ID_BATCH) {
        await client.query('DELETE FROM class_assignments WHERE scheme_id = $1 AND version = $2 AND customer_id = ANY($3::bigint[])', [schemeId, version, customerIds.slice(k, k + ID_BATCH)]);
      }
    },
    async purgeVersions(schemeId, keep) {
      let total = 0;
      for (;;) {
        const r = await client.query(
          `DELETE FROM class_assignments WHERE (scheme_id, version, customer_id) IN (SELECT scheme_id, version, customer_id FROM class_assignments WHERE scheme_id = $1 AND version <> $2 LIMIT 20000)`,
          [schemeId, keep],
        );
        total += r.rowCount ?? 0;
        if (!r.rowCount) break;
      }
      return total;
    },
    async close() {
      await client.end();
    },
  };
}

/** The raw aggregate a full run is compared with in benchmarks: one pass over purchases, grouped by customer. */
export const rawAggregateSql = 'select customer_id, count(*), sum(amount_fen), max(ordered_on) from purchases group by customer_id';

/** Times the raw aggregate straight on the driver (better-sqlite3 or pg), reading every row; returns ms and rows. */
export async function timeRawAggregate(target: EngineTarget): Promise<{ ms: number; rows: number }> {
  if (target.engine === 'postgres') {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const started = performance.now();
      const r = await client.query({ text: rawAggregateSql, rowMode: 'array' });
      return { ms: performance.now() - started, rows: r.rowCount ?? r.rows.length };
    } finally {
      await client.end();
    }
  }
  const raw = openSqlite(target.sqlitePath);
  try {
    const started = performance.now();
    let rows = 0;
    for (const _r of raw.prepare(rawAggregateSql).raw().iterate()) rows++;
    return { ms: performance.now() - started, rows };
  } finally {
    raw.close();
  }
}
