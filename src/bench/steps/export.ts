import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import pgCopy from 'pg-copy-streams';
import { exportCustomers } from '../../services/customers/export-customers.ts';
import type { BenchContext } from '../context.ts';
import { phasePeakMb, resetPhasePeak } from '../measure.ts';
import type { BenchStep, Figure } from '../step.ts';

/** The list's columns plus owner and e-mail: what `kedang export` writes by default (mobile and e-mail decrypted). */
const rawColumns = 'id, code, kind, name, stage, owner_id, mobile, email, province, city, industry, tags, created_at';
/** The promise: 1,000,000 rows in 30 s, with memory that does not grow with the rows. */
const targetRowsPerSecond = 1_000_000 / 30;
const targetRssMb = 400;

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** The raw engine writing the same rows as plain CSV lines: no access filter, no decryption, no labels. */
async function rawCsv(ctx: BenchContext, file: string): Promise<number> {
  if (ctx.raw.engine === 'postgres') {
    const client = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await client.connect();
    try {
      const copy = client.query(pgCopy.to(`copy (select ${rawColumns} from customers where deleted_at is null order by id) to stdout with csv header`));
      await pipeline(copy, fs.createWriteStream(file));
      return Number(copy.rowCount ?? 0);
    } finally {
      await client.end();
    }
  }
  const db = new Database(ctx.config.sqlitePath, { readonly: true });
  let rows = 0;
  async function* lines() {
    let chunk = `${rawColumns}\n`;
    for (const r of db.prepare(`select ${rawColumns} from customers where +deleted_at is null order by id`).raw().iterate() as Iterable<unknown[]>) {
      chunk += `${r.map(csvCell).join(',')}\n`;
      if (++rows % 5000 === 0) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  try {
    await pipeline(Readable.from(lines()), fs.createWriteStream(file));
  } finally {
    db.close();
  }
  return rows;
}

async function kedangFile(ctx: BenchContext, format: 'csv' | 'xlsx', file: string) {
  let rows = 0;
  const started = performance.now();
  const out = await exportCustomers(ctx.kedang.deps, ctx.admin, { format }, { onProgress: (p) => (rows = p.rows) });
  await pipeline(Readable.from(out.body, { objectMode: false }), fs.createWriteStream(file));
  return { rows, seconds: (performance.now() - started) / 1000, bytes: fs.statSync(file).size };
}

/**
 * Export of every live customer through the use case (access filter, masks, mobile and e-mail decrypted,
 * labels, formula neutralisation, audit) to a temp file, beside the raw engine writing the same columns as
 * plain CSV. The step runs in a process of its own; each format's peak RSS is measured from where the step
 * stood when it began (Linux VmHWM reset), so the raw run before it is not counted against it.
 */
export const exportStep: BenchStep = {
  name: 'export',
  title: '导出 export of all customers (CSV, XLSX)',
  async run(ctx) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-bench-export-'));
    const figures: Figure[] = [];
    try {
      const rawStarted = performance.now();
      const rawRows = await rawCsv(ctx, path.join(dir, 'raw.csv'));
      const rawSeconds = (performance.now() - rawStarted) / 1000;
      ctx.log(`  raw ${rawRows.toLocaleString('en-US')} rows in ${rawSeconds.toFixed(1)} s`);

      resetPhasePeak();
      const csv = await kedangFile(ctx, 'csv', path.join(dir, 'kedang.csv'));
      ctx.log(`  csv ${csv.rows.toLocaleString('en-US')} rows in ${csv.seconds.toFixed(1)} s (${Math.round(csv.bytes / 2 ** 20)} MB)`);
      const csvRss = phasePeakMb();
      const n = csv.rows.toLocaleString('en-US');
      figures.push({ metric: `CSV rows/s (${n} rows)`, kedang: csv.rows / csv.seconds, raw: rawRows / rawSeconds, unit: 'rows/s', better: 'higher', target: { op: '>=', value: targetRowsPerSecond } });
      figures.push({ metric: `CSV seconds (${n} rows)`, kedang: csv.seconds, raw: rawSeconds, unit: 's', better: 'lower', ...(csv.rows >= 1_000_000 ? { target: { op: '<=', value: 30 } } : {}) });
      figures.push({ metric: 'peak RSS during the CSV export', kedang: csvRss, unit: 'MB', better: 'lower', target: { op: '<=', value: targetRssMb } });

      resetPhasePeak();
      const xlsx = await kedangFile(ctx, 'xlsx', path.join(dir, 'kedang.xlsx'));
      ctx.log(`  xlsx ${xlsx.rows.toLocaleString('en-US')} rows in ${xlsx.seconds.toFixed(1)} s (${Math.round(xlsx.bytes / 2 ** 20)} MB)`);
      figures.push({ metric: `XLSX rows/s (${n} rows)`, kedang: xlsx.rows / xlsx.seconds, raw: rawRows / rawSeconds, unit: 'rows/s', better: 'higher', target: { op: '>=', value: targetRowsPerSecond } });
      figures.push({ metric: `XLSX seconds (${n} rows)`, kedang: xlsx.seconds, raw: rawSeconds, unit: 's', better: 'lower' });
      figures.push({ metric: 'peak RSS during the XLSX export', kedang: phasePeakMb(), unit: 'MB', better: 'lower', target: { op: '<=', value: targetRssMb } });
      return figures;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
