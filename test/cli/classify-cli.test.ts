import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/kedang.js');
const asOf = '2026-11-30';

/** kedang classify on a small seeded archive: install, validate, preview, publish, run, history; bad input exits 1. */
describe('kedang classify', () => {
  let dir: string;
  const env = () => ({ ...process.env, KEDANG_DATA_DIR: path.join(dir, 'data'), KEDANG_DATABASE_URL: '', LANG: 'en_US.UTF-8' });
  const kedang = (...args: string[]) => run(process.execPath, [bin, ...args], { env: env(), maxBuffer: 16 * 1024 * 1024 });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-classify-'));
    await kedang('seed', '--customers', '300', '--orders', '3000', '--as-of', asOf);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('installs, proves, previews and publishes a preset, runs, and explains a customer', async () => {
    expect((await kedang('classify', 'install', 'value', 'rfm')).stdout).toMatch(/✓ value 客户价值: draft v1/);
    const validated = await kedang('classify', 'validate', 'value', '--as-of', asOf);
    expect(validated.stdout).toMatch(/客户 Customers 300 · 未覆盖 uncovered 0 · 重叠 overlapping 0/);
    expect(validated.stdout).toMatch(/可以发布 publishable/);
    expect((await kedang('classify', 'preview', 'value', '--as-of', asOf)).stdout).toMatch(/v– → v1: 0 of 300 customers change class/);
    expect((await kedang('classify', 'publish', 'value', '--as-of', asOf)).stdout).toMatch(/value v1 已发布 published: 300 customers/);
    expect((await kedang('classify', 'publish', 'rfm', '--as-of', asOf)).stdout).toMatch(/rfm v1 已发布 published/);
    expect((await kedang('classify', 'list')).stdout).toMatch(/value\s+客户价值 {2}live v1 {2}draft v–/);

    const ran = await kedang('classify', 'run', '--full', '--as-of', asOf);
    expect(ran.stdout).toMatch(/full as of 2026-11-30: 300 customers, 300 recomputed/);
    const summary = JSON.parse((await kedang('classify', 'run', '--scheme', 'rfm', '--as-of', asOf, '--json')).stdout);
    expect(summary).toMatchObject({ kind: 'incremental', customers: 300, schemes: [{ scheme: 'rfm', version: 1, uncovered: 0 }] });

    const config = loadConfig({ KEDANG_DATA_DIR: path.join(dir, 'data') });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(config.sqlitePath, { readonly: true });
    const { code } = db.prepare("select c.code from customers c join class_assignments a on a.customer_id = c.id where a.category_key like 'important%' limit 1").get() as { code: string };
    db.close();
    const history = await kedang('classify', 'history', code);
    expect(history.stdout).toMatch(/RFM 客户分群: 重要客户（M 高） › /);
    expect(history.stdout).toMatch(/M 得分 \d/);
  }, 240_000);

  it('exits 1 with the reason for an unknown scheme or a scheme without a draft', async () => {
    const unknown = await kedang('classify', 'validate', 'nope').catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 1 });
    const noDraft = await kedang('classify', 'publish', 'value').catch((e: { code: number; stderr: string }) => e);
    expect(noDraft).toMatchObject({ code: 1 });
    expect((noDraft as { stderr: string }).stderr).toMatch(/has no draft/);
  }, 60_000);
});
