import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve('bin/kedang.js');

/** kedang import from the command line: a GBK file imported and undone, and a run killed with SIGKILL finished by the next one. */
describe('kedang import', () => {
  let dir: string;
  const env = () => ({ ...process.env, KEDANG_DATA_DIR: path.join(dir, 'data'), KEDANG_DATABASE_URL: '', KEDANG_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8' });
  const kedang = (...args: string[]) => run(process.execPath, [bin, ...args], { env: env(), maxBuffer: 1 << 24 });
  const query = <T>(sql: string): T[] => {
    const db = new Database(path.join(dir, 'data', 'kedang.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-import-cli-'));
    await kedang('migrate');
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a GBK CSV with an error report, lists the batch and undoes it', async () => {
    const file = path.join(dir, '客户.csv');
    fs.writeFileSync(file, iconv.encode('客户名称,手机号码,城市\n欧阳娜娜,13800138200,上海市\n坏号码,1380,北京市\n', 'gbk'));
    const report = path.join(dir, 'errors.xlsx');
    const out = await kedang('import', file, '--report', report);
    expect(out.stdout).toMatch(/batch #1: committed/);
    expect(out.stdout).toMatch(/created 1,.*invalid 1/);
    expect(fs.readFileSync(report).subarray(0, 2).toString()).toBe('PK');
    expect(query("select name, city from customers where import_batch_id = 1")).toEqual([{ name: '欧阳娜娜', city: '上海市' }]);
    expect((await kedang('import', 'list')).stdout).toMatch(/#1\tcommitted\tcustomers\t客户.csv/);
    expect((await kedang('import', 'undo', '1')).stdout).toMatch(/removed 1 customers/);
    expect(query('select count(*) n from customers')).toEqual([{ n: 0 }]);
    const err = await kedang('import', 'undo', '1').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
  }, 60_000);

  it('refuses a file with a missing required column, exit code 1, naming it', async () => {
    const file = path.join(dir, 'no-name.csv');
    fs.writeFileSync(file, '手机\n13800138201\n');
    const err = await kedang('import', file).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/required columns are missing: 客户名称/);
  }, 60_000);

  it('finishes an import killed with SIGKILL on the next run: every row once', async () => {
    const rows = 60_000;
    const file = path.join(dir, 'big.csv');
    const lines = ['名称,手机'];
    for (let i = 0; i < rows; i++) lines.push(`批量客户${i},1${String(3_900_000_000 + i)}`);
    fs.writeFileSync(file, lines.join('\n'));
    const child = spawn(process.execPath, [bin, 'import', file, '--chunk-size', '2000'], { env: env(), stdio: 'ignore' });
    // wait until some chunks have committed, then kill without warning
    for (let i = 0; i < 600; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const done = fs.existsSync(path.join(dir, 'data', 'kedang.sqlite')) ? query<{ rows_done: number }>("select rows_done from import_batches where file_name = 'big.csv'") : [];
      if ((done[0]?.rows_done ?? 0) > 2000) break;
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const [cut] = query<{ status: string; n: number }>("select status, (select count(*) from customers c where c.import_batch_id = b.id) n from import_batches b where file_name = 'big.csv'");
    // killed mid-way (or, on a fast machine, just after the end)
    expect(cut!.n % 2000 === 0 || cut!.n === rows).toBe(true);
    const next = await kedang('import', 'list');
    expect(next.stdout).toMatch(/\tcommitted\tcustomers\tbig.csv/);
    expect(query("select count(*) n, count(distinct c.name) d from customers c join import_batches b on b.id = c.import_batch_id where b.file_name = 'big.csv'")).toEqual([{ n: rows, d: rows }]);
  }, 300_000);
});
