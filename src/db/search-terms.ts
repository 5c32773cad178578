import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { customerSearchTerms, searchTermKinds } from '../domain/customers/search-terms.ts';
import type { CustomerKind } from '../domain/customers/customer.ts';

/*
 * customer_search_terms rows (kind as its rank weight, term, customer id) from the domain's terms.
 * Every write door that changes a customer's kind, name or short name replaces that customer's rows:
 * the customer store, the bulk session (seed, import) and the import ledger and undo.
 */

export type SearchTermSource = { id: number; kind: CustomerKind | string; name: string; shortName: string | null };
export type SearchTermRow = [kind: number, term: string, customerId: number];
/** A customer's terms before it has an id (bulk loads compute them on the sealer's worker thread). */
export type SearchTermKey = [kind: number, term: string];

export function searchTermKeys(c: Omit<SearchTermSource, 'id'>): SearchTermKey[] {
  return customerSearchTerms({ kind: c.kind as CustomerKind, name: c.name, shortName: c.shortName }).map((t) => [searchTermKinds[t.kind], t.term]);
}

export function searchTermRows(c: SearchTermSource): SearchTermRow[] {
  return searchTermKeys(c).map(([kind, term]) => [kind, term, c.id]);
}

/**
 * A batch's terms with their customers' ids, in key order: inserted that way, consecutive rows land on
 * the same few pages of the index instead of a random page each (at 1M customers, ~8M terms).
 */
export function sortedTermRows(keys: readonly SearchTermKey[][], ids: readonly number[]): SearchTermRow[] {
  const rows: SearchTermRow[] = [];
  for (let i = 0; i < keys.length; i++) for (const [kind, term] of keys[i]!) rows.push([kind, term, ids[i]!]);
  return rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
}

/** Rows per INSERT: three parameters each, under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 3000;

/** Inserts terms through any Kysely connection (both engines); the caller deleted the old ones. */
export async function insertSearchTerms<DB>(db: Kysely<DB>, rows: SearchTermRow[], table = 'customer_search_terms'): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const part = rows.slice(i, i + ROWS_PER_INSERT);
    await sql`INSERT INTO ${sql.table(table)} (kind, term, customer_id) VALUES ${sql.join(part.map((r) => sql`(${r[0]}, ${r[1]}, ${r[2]})`))} ON CONFLICT DO NOTHING`.execute(db);
  }
}

/** Replaces the terms of the given customers with what their current rows say. */
export async function refreshSearchTerms<DB>(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    await sql`DELETE FROM customer_search_terms WHERE customer_id IN (${sql.join(part)})`.execute(db);
    const rows = await sql<SearchTermSource>`SELECT id, kind, name, short_name AS "shortName" FROM customers WHERE id IN (${sql.join(part)})`.execute(db);
    await insertSearchTerms(db, rows.rows.flatMap((c) => searchTermRows({ ...c, id: Number(c.id) })));
  }
}

const selectSources = 'SELECT id, kind, name, short_name AS "shortName" FROM customers WHERE id = ';

/** The bulk session's and import ledger's way (raw better-sqlite3, inside their transaction). */
export function sqliteSearchTerms(raw: SqliteDatabase.Database) {
  const insert = raw.prepare('INSERT OR IGNORE INTO customer_search_terms (kind, term, customer_id) VALUES (?, ?, ?)');
  const drop = raw.prepare('DELETE FROM customer_search_terms WHERE customer_id = ?');
  const source = raw.prepare<[number], SearchTermSource>(`${selectSources}?`);
  /** Rows already made (sortedTermRows for a bulk batch), in the order given. */
  const insertRows = (rows: readonly SearchTermRow[]) => {
    for (const r of rows) insert.run(r[0], r[1], r[2]);
  };
  const add = (c: SearchTermSource) => insertRows(searchTermRows(c));
  return {
    add,
    insertRows,
    refresh(id: number) {
      drop.run(id);
      const c = source.get(id);
      if (c) add(c);
    },
  };
}

/** PostgreSQL COPY text lines of term rows (terms have no tab, newline or backslash left after normalising). */
export function searchTermCopyLines(rows: readonly SearchTermRow[]): string {
  let out = '';
  for (const r of rows) out += `${r[0]}\t${r[1]}\t${r[2]}\n`;
  return out;
}

export async function pgRefreshSearchTerms(client: pg.Client, id: number): Promise<void> {
  await client.query('DELETE FROM customer_search_terms WHERE customer_id = $1', [id]);
  const c = (await client.query<SearchTermSource>(`${selectSources}$1`, [id])).rows[0];
  const rows = c ? searchTermRows({ ...c, id: Number(c.id) }) : [];
  if (rows.length) {
    await client.query(`INSERT INTO customer_search_terms (kind, term, customer_id) SELECT * FROM unnest($1::smallint[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`, [
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
    ]);
  }
}
