import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadConfig } from '../../src/config/load-config.ts';
import { startServer } from '../../src/server/main.ts';

const run = promisify(execFile);
const bin = path.resolve('bin/kedang.js');

describe('kedang CLI', () => {
  let dir: string;
  const env = () => ({ ...process.env, KEDANG_DATA_DIR: path.join(dir, 'data'), KEDANG_DATABASE_URL: '', LANG: 'en_US.UTF-8' });
  const kedang = (...args: string[]) => run(process.execPath, [bin, ...args], { env: env() });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates, creates a user and a token that signs API calls in', async () => {
    const migrated = await kedang('migrate');
    expect(migrated.stdout).toMatch(/0001-create-archive/);
    expect((await kedang('migrate')).stdout).toMatch(/up to date/);

    await kedang('user', 'create', '-u', 'wangfang', '-n', '王芳', '-r', 'sales', '--password', 'sales-pass-123');
    const { stdout } = await kedang('token', 'create', '--user', 'wangfang');
    const token = stdout.trim();
    expect(token).toMatch(/^kdg_/);

    const config = loadConfig({ KEDANG_DATA_DIR: path.join(dir, 'data'), KEDANG_PORT: '0', KEDANG_LOG_LEVEL: 'silent' });
    const server = await startServer(config, { print: () => undefined, logger: false, webRoot: '/nonexistent' });
    try {
      const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect((await me.json()).user.username).toBe('wangfang');
      const bad = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}x` } });
      expect(bad.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('reports a bad password with the field and exit code 1, writing nothing', async () => {
    const err = await kedang('user', 'create', '-u', 'lisi', '--password', 'short').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/Password/);
    const db = new Database(path.join(dir, 'data', 'kedang.sqlite'), { readonly: true });
    expect(db.prepare("select count(*) n from users where username = 'lisi'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a master key that does not open the database with one clear line and exit code 3', async () => {
    const wrongKey = Buffer.alloc(32, 7).toString('base64');
    const err = await run(process.execPath, [bin, 'search', '王芳'], { env: { ...env(), KEDANG_MASTER_KEY: wrongKey } }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 3 });
    const stderr = (err as { stderr: string }).stderr;
    expect(stderr).toMatch(/主密钥与数据库不匹配/);
    expect(stderr).toMatch(/master key does not match this database/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('refuses to start on a database from a newer Kedang', async () => {
    const db = new Database(path.join(dir, 'data', 'kedang.sqlite'));
    db.prepare("insert into kedang_migrations (name, timestamp) values ('9999-future', '2030-01-01')").run();
    db.close();
    const err = await kedang('migrate').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/newer than this Kedang/);
  });
});
