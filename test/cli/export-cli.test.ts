import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve('bin/kedang.js');

/** kedang export: the imported rows come back out in GBK, and --user applies that user's scope. */
describe('kedang export', () => {
  let dir: string;
  const env = () => ({ ...process.env, KEDANG_DATA_DIR: path.join(dir, 'data'), KEDANG_DATABASE_URL: '', KEDANG_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8' });
  const kedang = (...args: string[]) => run(process.execPath, [bin, ...args], { env: env(), maxBuffer: 1 << 24 });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-export-cli-'));
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, '客户名称,手机号码,城市,备注\n欧阳娜娜,13800138200,上海市,@老板\n王小明,13800138201,北京市,\n');
    await kedang('import', file);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes GBK CSV with the chosen columns and filters, neutralising formulas', async () => {
    const out = path.join(dir, '导出.csv');
    const r = await kedang('export', '-o', out, '--encoding', 'gbk', '--columns', 'name,mobile,city,notes', '--city', '上海市', '--language', 'zh-CN');
    expect(r.stdout).toMatch(/Exported 1 rows \(csv, 4 columns\)/);
    expect(parse(iconv.decode(fs.readFileSync(out), 'gbk'))).toEqual([
      ['客户名称', '手机', '城市', '备注'],
      ['欧阳娜娜', '13800138200', '上海市', "'@老板"],
    ]);
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  }, 60_000);

  it('exits 1 naming an unknown column or user, leaving no file', async () => {
    const out = path.join(dir, 'bad.xlsx');
    const err = await kedang('export', '-o', out, '--columns', 'name,salary').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/"salary" is not an exportable column/);
    const nobody = await kedang('export', '-o', out, '--user', 'nobody').catch((e: { code: number; stderr: string }) => e);
    expect(nobody).toMatchObject({ code: 1 });
    expect(fs.existsSync(out) || fs.existsSync(`${out}.part`)).toBe(false);
  }, 60_000);
});
