import { sql, type Kysely } from 'kysely';
import type { Db, Engine, ScanConnection } from '../connect.ts';
import { parseJson } from '../db-errors.ts';
import { isEncrypted, keyIdOf } from './field-cipher.ts';
import { isSealedJson, type RecordCipher } from './record-cipher.ts';
import { blindIndexColumns, sealedColumns, sensitiveCustomKeys, type SealedTable } from './sensitive-columns.ts';

/*
 * Re-encryption in place, while the server keeps running: rows are read in id order, a batch at a time,
 * and each batch is written in one short transaction. Every write is a compare-and-set on the values it
 * replaces, so a row a user changed meanwhile is left alone (their write is already encrypted) and the
 * next pass looks at it again. A row already in the wanted state is skipped, so an interrupted run can
 * simply be started again.
 */

export const sealedTables = ['customers', 'contacts'] as const satisfies readonly SealedTable[];
export type TableCounts = Record<SealedTable, number>;

/** 'plaintext': encrypt values written before encryption (start-up); 'rotate': also move every value to the current key. */
export type ReencryptMode = 'plaintext' | 'rotate';
export type ReencryptProgress = { table: SealedTable; pass: number; scanned: number; total: number; rewritten: number };
export type ReencryptResult = { passes: number; scanned: TableCounts; rewritten: TableCounts; conflicts: number; interrupted: boolean; converged: boolean };
export type ReencryptOptions = { mode: ReencryptMode; batchSize?: number; maxPasses?: number; signal?: AbortSignal; onProgress?: (p: ReencryptProgress) => void };

type Row = Record<string, unknown> & { id: number };
// tables and columns chosen at run time; the names all come from sensitive-columns.ts
type Loose = Kysely<Record<string, Record<string, unknown>>>;
const loose = (db: Db) => db as unknown as Loose;

const zero = (): TableCounts => ({ customers: 0, contacts: 0 });
const readColumns = (table: SealedTable) => ['id', ...sealedColumns[table], ...(table === 'customers' ? ['custom'] : [])];

/** What to write for one row (and the stored values it must still hold), or undefined when it is fine as it is. */
function planRow(cipher: RecordCipher, table: SealedTable, row: Row, mode: ReencryptMode, customKeys: ReadonlySet<string>) {
  const current = cipher.ring.currentKeyId;
  const stale = (v: string) => !isEncrypted(v) || (mode === 'rotate' && keyIdOf(v) !== current);
  const set: Record<string, unknown> = {};
  const expect: Record<string, string> = {};
  const plain: Record<string, string> = {};
  for (const c of sealedColumns[table]) {
    const v = row[c];
    if (typeof v !== 'string' || !stale(v)) continue;
    plain[c] = cipher.open(v);
    set[c] = cipher.seal(plain[c]);
    expect[c] = v;
  }
  for (const [column, [field, source]] of Object.entries(blindIndexColumns[table])) {
    if (source in plain) set[column] = cipher.index(field, plain[source]);
  }
  if (typeof row.custom === 'string') {
    const custom = parseJson<Record<string, unknown>>(row.custom, {});
    let changed = false;
    for (const [k, v] of Object.entries(custom)) {
      if (isSealedJson(v) ? stale(v.$enc) : customKeys.has(k) && v !== null) {
        custom[k] = cipher.sealJson(cipher.openJson(v));
        changed = true;
      }
    }
    if (changed) {
      set.custom = JSON.stringify(custom);
      expect.custom = row.custom;
    }
  }
  return Object.keys(expect).length ? { id: row.id, set, expect } : undefined;
}

async function countRows(db: Db, table: SealedTable): Promise<number> {
  const r = await loose(db).selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Walks every table once; returns what it rewrote and how many compare-and-sets found the row changed. */
async function pass(db: Db, cipher: RecordCipher, o: ReencryptOptions, passNo: number, into: ReencryptResult): Promise<{ rewritten: number; conflicts: number }> {
  const batchSize = o.batchSize ?? 1000;
  const customKeys = await sensitiveCustomKeys(db);
  let rewritten = 0;
  let conflicts = 0;
  for (const table of sealedTables) {
    const total = await countRows(db, table);
    let cursor = 0;
    let scanned = 0;
    let tableRewritten = 0;
    for (;;) {
      if (o.signal?.aborted) {
        into.interrupted = true;
        return { rewritten, conflicts };
      }
      const rows = (await loose(db).selectFrom(table).select(readColumns(table)).where('id', '>', cursor).orderBy('id').limit(batchSize).execute()) as Row[];
      if (rows.length === 0) break;
      cursor = Number(rows.at(-1)!.id);
      scanned += rows.length;
      const plans = await cipher.reading(db, () => rows.map((r) => planRow(cipher, table, r, o.mode, customKeys)).filter((p) => p !== undefined));
      if (plans.length) {
        const done = await db.transaction().execute(async (trx) => {
          let n = 0;
          for (const p of plans) {
            let q = loose(trx).updateTable(table).set(p.set).where('id', '=', p.id);
            for (const [c, v] of Object.entries(p.expect)) q = q.where(c, '=', v);
            n += Number((await q.executeTakeFirst()).numUpdatedRows);
          }
          return n;
        });
        tableRewritten += done;
        rewritten += done;
        into.rewritten[table] += done;
        conflicts += plans.length - done;
      }
      if (passNo === 1) into.scanned[table] = scanned;
      o.onProgress?.({ table, pass: passNo, scanned, total: Math.max(total, scanned), rewritten: tableRewritten });
    }
  }
  return { rewritten, conflicts };
}

/**
 * Passes until one finds nothing to do (rows written meanwhile by a server still on the old key, or
 * changed under a compare-and-set, are picked up by the next pass), at most maxPasses.
 */
export async function reencryptAll(db: Db, cipher: RecordCipher, o: ReencryptOptions): Promise<ReencryptResult> {
  const result: ReencryptResult = { passes: 0, scanned: zero(), rewritten: zero(), conflicts: 0, interrupted: false, converged: false };
  const maxPasses = o.maxPasses ?? 5;
  while (result.passes < maxPasses) {
    result.passes++;
    const r = await pass(db, cipher, o, result.passes, result);
    result.conflicts += r.conflicts;
    if (result.interrupted) break;
    if (r.rewritten === 0 && r.conflicts === 0) {
      result.converged = true;
      break;
    }
  }
  return result;
}

/** SQL that is true for a row holding a sensitive value in plaintext. */
function plaintextCondition(engine: Engine, table: SealedTable, customKeys: ReadonlySet<string>) {
  const columns = sealedColumns[table].map((c) => sql<boolean>`(${sql.ref(c)} is not null and ${sql.ref(c)} not like 'enc1:%')`);
  const custom = [...customKeys].map((k) =>
    engine === 'postgres' ? sql<boolean>`jsonb_typeof(custom -> ${k}::text) not in ('object', 'null')` : sql<boolean>`json_type(custom, ${`$.${k}`}) not in ('object', 'null')`,
  );
  return sql<boolean>`(${sql.join([...columns, ...(table === 'customers' ? custom : [])], sql` or `)})`;
}

/** A quick look (one query per table, stopping at the first hit) for plaintext left by an older build. */
export async function hasPlaintext(db: Db, engine: Engine): Promise<boolean> {
  const customKeys = await sensitiveCustomKeys(db);
  for (const table of sealedTables) {
    const hit = await loose(db).selectFrom(table).select('id').where(plaintextCondition(engine, table, customKeys)).limit(1).executeTakeFirst();
    if (hit) return true;
  }
  return false;
}

/**
 * Start-up: encrypts and indexes sensitive values still in plaintext (rows written before encryption at
 * rest, or a custom field marked sensitive later). On SQLite the file is then vacuumed and the WAL
 * truncated, so the old plaintext does not linger in free pages. Returns how many rows it rewrote.
 */
export async function encryptPlaintext(db: Db, engine: Engine, cipher: RecordCipher, o: Omit<ReencryptOptions, 'mode'> & { openScan?: (() => ScanConnection) | undefined } = {}): Promise<number> {
  // the look is a full scan of both tables: through a connection of its own on SQLite, so the pages it
  // reads leave with it instead of filling the shared cache of every command and the server (~70 MB)
  const { openScan, ...options } = o;
  const scan = openScan?.();
  try {
    if (!(await hasPlaintext(scan?.db ?? db, engine))) return 0;
  } finally {
    await scan?.close();
  }
  const r = await reencryptAll(db, cipher, { ...options, mode: 'plaintext' });
  const rewritten = r.rewritten.customers + r.rewritten.contacts;
  if (engine === 'sqlite' && rewritten > 0) {
    try {
      await sql`vacuum`.execute(db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    } catch {
      // another connection holds the file: the pages are reused and overwritten over time instead
    }
  }
  return rewritten;
}

/** Rows per data key id ('plaintext' for values never encrypted); a row counts once under each key its values use. */
export async function keyUsage(db: Db, batchSize = 5000): Promise<Record<SealedTable, { rows: number; byKey: Record<string, number> }>> {
  const customKeys = await sensitiveCustomKeys(db);
  const out = {} as Record<SealedTable, { rows: number; byKey: Record<string, number> }>;
  for (const table of sealedTables) {
    const usage = { rows: 0, byKey: {} as Record<string, number> };
    let cursor = 0;
    for (;;) {
      const rows = (await loose(db).selectFrom(table).select(readColumns(table)).where('id', '>', cursor).orderBy('id').limit(batchSize).execute()) as Row[];
      if (rows.length === 0) break;
      cursor = Number(rows.at(-1)!.id);
      for (const row of rows) {
        usage.rows++;
        const keys = new Set<string>();
        for (const c of sealedColumns[table]) {
          const v = row[c];
          if (typeof v === 'string') keys.add(keyIdOf(v) ?? 'plaintext');
        }
        if (typeof row.custom === 'string') {
          for (const [k, v] of Object.entries(parseJson<Record<string, unknown>>(row.custom, {}))) {
            if (isSealedJson(v)) keys.add(keyIdOf(v.$enc) ?? 'plaintext');
            else if (customKeys.has(k) && v !== null) keys.add('plaintext');
          }
        }
        for (const k of keys) usage.byKey[k] = (usage.byKey[k] ?? 0) + 1;
      }
    }
    out[table] = usage;
  }
  return out;
}
