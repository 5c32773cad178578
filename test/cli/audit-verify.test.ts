import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';

const run = promisify(execFile);
const bin = path.resolve('bin/kedang.js');

describe('kedang audit verify', () => {
  let dir: string;
  const env = () => ({ ...process.env, KEDANG_DATA_DIR: path.join(dir, 'data'), KEDANG_DATABASE_URL: '', LANG: 'en_US.UTF-8' });
  const kedang = (...args: string[]) => run(process.execPath, [bin, ...args], { env: env() });
  const failed = (p: Promise<unknown>) => p.then(() => ({ code: 0, stdout: '', stderr: '' }), (e: { code: number; stdout: string; stderr: string }) => e);
  const sqlite = () => new Database(path.join(dir, 'data', 'kedang.sqlite'));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-audit-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports an intact chain with exit 0, then the edited entry with exit 1', async () => {
    const create = (u: string) => kedang('user', 'create', '-u', u, '-r', 'sales', '--password', `${[...u].reverse().join('')}-pass-123`);
    await create('zhangwei');
    // two processes appending at once: SQLite's write lock keeps the chain in order
    await Promise.all([create('lina'), create('wangqiang')]);
    const db = sqlite();
    const entries = db.prepare('select id, action, hash from audit_entries order by id').all() as { id: number; action: string; hash: string }[];
    expect(entries.map((e) => e.action)).toEqual(['user.created', 'user.created', 'user.created']);

    const ok = await kedang('audit', 'verify');
    expect(ok.stdout).toContain(`Audit chain intact: 3 entries, last hash ${entries.at(-1)?.hash}`);
    expect(JSON.parse((await kedang('audit', 'verify', '--json')).stdout)).toMatchObject({ intact: true, entries: 3, lastId: entries.at(-1)?.id });

    const target = entries[1] as { id: number };
    // the second user was created as sales; the record now claims admin
    db.prepare("update audit_entries set changes = replace(changes, '\"sales\"', '\"admin\"') where id = ?").run(target.id);
    db.close();
    const bad = await failed(kedang('audit', 'verify'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`Audit chain broken at entry #${target.id}`);
    expect(bad.stdout).toMatch(/altered/);
    expect(bad.stdout).toContain(`last intact #${entries[0]?.id}`);
    const json = await failed(kedang('audit', 'verify', '--json'));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: false, entries: 1, problem: { kind: 'altered', entryId: target.id, action: 'user.created' } });
  }, 90_000);

  it('names the entry after a deleted one', async () => {
    const db = sqlite();
    db.prepare("update audit_entries set changes = replace(changes, '\"admin\"', '\"sales\"')").run();
    const [first, second, third] = db.prepare('select id from audit_entries order by id').all() as { id: number }[];
    expect(third).toBeDefined();
    db.prepare('delete from audit_entries where id = ?').run(second?.id);
    db.close();
    const bad = await failed(kedang('audit', 'verify'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`Audit chain broken at entry #${third?.id}`);
    expect(bad.stdout).toContain(`deleted: entries are missing between #${first?.id} and it`);
  }, 30_000);
});
