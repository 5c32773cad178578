import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../config/load-config.ts';
import { systemActor } from '../../domain/users/user.ts';
import { importFile } from '../../services/imports/import-file.ts';
import { undoImport } from '../../services/imports/undo-import.ts';
import { openKedang } from '../../wiring.ts';
import type { BenchContext } from '../context.ts';
import { customerFileHeaders, writeCustomerCsv, writeCustomerXlsx } from '../customer-file.ts';
import type { BenchStep, Figure } from '../step.ts';

const XLSX_ROWS = 100_000;
const RAW_BATCH = 5_000;
const round = (n: number) => Math.round(n);

/** A fresh, empty, migrated database for one measurement: a temp SQLite folder, or a new PostgreSQL database beside the bench's. */
async function freshDatabase(base: Config, dir: string, name: string): Promise<{ config: Config; drop: () => Promise<void> }> {
  const dataDir = path.join(dir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!base.databaseUrl) return { config: loadConfig({ ...process.env, KEDANG_DATA_DIR: dataDir, KEDANG_DATABASE_URL: '' }), drop: async () => undefined };
  const db = `kedang_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base.databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const url = new URL(base.databaseUrl);
  url.pathname = `/${db}`;
  return {
    config: loadConfig({ ...process.env, KEDANG_DATA_DIR: dataDir, KEDANG_DATABASE_URL: url.toString() }),
    drop: async () => {
      const c = new pg.Client({ connectionString: base.databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db}`);
      await c.end();
    },
  };
}

/** Imports a file through the use case into a fresh database; then undoes it. */
export async function kedangImport(base: Config, dir: string, name: string, file: string) {
  const fresh = await freshDatabase(base, dir, name);
  const k = await openKedang(fresh.config);
  try {
    const actor = systemActor('bench');
    const t = performance.now();
    const summary = await importFile(k.deps, actor, k.bulk, { path: file });
    const seconds = (performance.now() - t) / 1000;
    const u = performance.now();
    await undoImport(k.deps, actor, summary.batchId!);
    return { rows: summary.counts.created, seconds, undoSeconds: (performance.now() - u) / 1000 };
  } finally {
    await k.connection.close();
    await fresh.drop();
  }
}

const rawColumns = [
  'code', 'name', 'kind', 'mobile', 'email', 'province', 'city', 'district', 'address', 'industry', 'source', 'tags', 'gender', 'birthday',
  'id_card_no', 'occupation', 'uscc', 'legal_representative', 'employees', 'annual_revenue_fen', 'website', 'notes', 'stage', 'custom', 'created_at', 'updated_at',
] as const;

/** A file row as the raw engine stores it: cells as they are (the few words mapped), no validation, no encryption. */
function rawRow(cells: string[], i: number, at: string): (string | number | null)[] {
  const v = (c: string | undefined) => (c === undefined || c === '' ? null : c);
  const [name, kind, mobile, email, province, city, district, address, industry, source, tags, gender, birthday, idCard, occupation, uscc, legal, employees, revenue, website, notes] = cells;
  return [
    `R${i}`, name ?? '', kind === '企业' ? 'organization' : 'individual', v(mobile), v(email), v(province), v(city), v(district), v(address), v(industry), v(source),
    JSON.stringify(tags ? tags.split('，') : []), gender === '男' ? 'male' : gender === '女' ? 'female' : null, v(birthday), v(idCard), v(occupation), v(uscc), v(legal),
    employees ? Number(employees) : null, revenue ? Math.round(Number(revenue) * 100) : null, v(website), v(notes), 'potential', '{}', at, at,
  ];
}

/**
 * The raw engine: the same file parsed by csv-parse and written by bare batched INSERTs, one transaction
 * per batch, into a fresh database with the same schema. `bare`: the customers table without its
 * secondary indexes, the most this engine and machine can write this file at (no schema does less).
 */
export async function rawImport(base: Config, dir: string, file: string, opts: { bare?: boolean } = {}): Promise<{ rows: number; seconds: number }> {
  const fresh = await freshDatabase(base, dir, opts.bare ? 'bare' : 'raw');
  const migrated = await openKedang(fresh.config); // migrations only: the same schema and indexes
  if (opts.bare) {
    const indexes = fresh.config.databaseUrl
      ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'customers' AND indexname NOT IN (SELECT conname FROM pg_constraint)`.execute(migrated.connection.db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' AND sql IS NOT NULL`.execute(migrated.connection.db);
    for (const { name } of indexes.rows) await sql`DROP INDEX ${sql.id(name)}`.execute(migrated.connection.db);
  }
  await migrated.connection.close();
  const at = new Date().toISOString();
  const t = performance.now();
  let rows = 0;
  const records = fs.createReadStream(file).pipe(parse({ bom: true, from_line: 2, relax_column_count: true }));
  try {
    if (fresh.config.databaseUrl) {
      const client = new pg.Client({ connectionString: fresh.config.databaseUrl });
      await client.connect();
      const per = 1_000; // rows per multi-row INSERT
      const flush = async (batch: (string | number | null)[][]) => {
        await client.query('BEGIN');
        for (let s = 0; s < batch.length; s += per) {
          const part = batch.slice(s, s + per);
          const values = part.map((_, r) => `(${rawColumns.map((__, c) => `$${r * rawColumns.length + c + 1}`).join(', ')})`).join(', ');
          await client.query(`INSERT INTO customers (${rawColumns.join(', ')}) VALUES ${values}`, part.flat());
        }
        await client.query('COMMIT');
      };
      let batch: (string | number | null)[][] = [];
      for await (const cells of records as AsyncIterable<string[]>) {
        batch.push(rawRow(cells, ++rows, at));
        if (batch.length < RAW_BATCH) continue;
        await flush(batch);
        batch = [];
      }
      if (batch.length) await flush(batch);
      await client.end();
    } else {
      const db = new Database(fresh.config.sqlitePath);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const insert = db.prepare(`INSERT INTO customers (${rawColumns.join(', ')}) VALUES (${rawColumns.map(() => '?').join(', ')})`);
      const write = db.transaction((batch: (string | number | null)[][]) => {
        for (const r of batch) insert.run(r);
      });
      let batch: (string | number | null)[][] = [];
      for await (const cells of records as AsyncIterable<string[]>) {
        batch.push(rawRow(cells, ++rows, at));
        if (batch.length < RAW_BATCH) continue;
        write(batch);
        batch = [];
      }
      if (batch.length) write(batch);
      db.close();
    }
    return { rows, seconds: (performance.now() - t) / 1000 };
  } finally {
    await fresh.drop();
  }
}

/**
 * `kedang import` end to end: a generated customer CSV of --customers rows (Chinese names, mobiles,
 * e-mails, places, USCCs …) imported through the use case into a fresh database, beside the raw engine
 * writing the same rows with bare batched INSERTs; then an XLSX of up to 100,000 rows; then undo.
 */
export const importStep: BenchStep = {
  name: 'import',
  title: '文件导入 file import (rows/s)',
  async run(ctx: BenchContext) {
    const n = Math.max(1_000, ctx.customers);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-bench-import-'));
    try {
      const csv = path.join(dir, 'customers.csv');
      const bytes = await writeCustomerCsv(csv, n);
      ctx.log(`  CSV ${n.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB, ${customerFileHeaders.length} columns`);
      const raw = await rawImport(ctx.config, dir, csv);
      ctx.log(`  raw ${round(raw.rows / raw.seconds)} rows/s`);
      const bare = await rawImport(ctx.config, dir, csv, { bare: true });
      ctx.log(`  raw, no secondary index ${round(bare.rows / bare.seconds)} rows/s`);
      const k = await kedangImport(ctx.config, dir, 'csv', csv);
      ctx.log(`  Kedang ${round(k.rows / k.seconds)} rows/s, undo ${k.undoSeconds.toFixed(1)} s`);
      fs.rmSync(csv);
      const xlsxRows = Math.min(XLSX_ROWS, n);
      const xlsx = path.join(dir, 'customers.xlsx');
      await writeCustomerXlsx(xlsx, xlsxRows);
      const x = await kedangImport(ctx.config, dir, 'xlsx', xlsx);
      const figures: Figure[] = [
        { metric: `CSV ${n.toLocaleString('en-US')} customers`, kedang: round(k.rows / k.seconds), raw: round(raw.rows / raw.seconds), unit: 'rows/s', better: 'higher', target: { op: '>=', value: 50_000 }, note: 'validated, deduplicated, encrypted, durable chunks' },
        { metric: `CSV ${n.toLocaleString('en-US')} customers beside a bare table`, kedang: round(k.rows / k.seconds), raw: round(bare.rows / bare.seconds), unit: 'rows/s', better: 'higher', note: 'raw: the same INSERTs into customers without its secondary indexes, the ceiling of engine and machine' },
        { metric: `XLSX ${xlsxRows.toLocaleString('en-US')} customers`, kedang: round(x.rows / x.seconds), unit: 'rows/s', better: 'higher' },
        { metric: `undo of the CSV import`, kedang: Number(k.undoSeconds.toFixed(2)), unit: 's', better: 'lower' },
      ];
      return figures;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
