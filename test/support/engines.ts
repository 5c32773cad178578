import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/config/load-config.ts';
import type { Engine } from '../../src/db/connect.ts';

export type TestDatabase = { engine: Engine; config: Pick<Config, 'databaseUrl' | 'sqlitePath' | 'dataDir' | 'keyFile'>; drop: () => Promise<void> };

/**
 * Engines the store suites run on: SQLite always; PostgreSQL when KEDANG_TEST_DATABASE_URL is set.
 * Under CI=true a missing PostgreSQL is a failure, never a silent skip.
 */
export function testEngines(): Engine[] {
  if (process.env.KEDANG_TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') throw new Error('CI=true but KEDANG_TEST_DATABASE_URL is not set: the PostgreSQL suite must run in CI');
  return ['sqlite'];
}

let counter = 0;

/** A fresh, empty database: a temp SQLite file, or a new PostgreSQL database created for this test. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-test-'));
  if (engine === 'sqlite') {
    return {
      engine,
      config: { databaseUrl: undefined, sqlitePath: path.join(dataDir, 'kedang.sqlite'), dataDir, keyFile: path.join(dataDir, 'kedang.key') },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.KEDANG_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('KEDANG_TEST_DATABASE_URL is not set');
  const name = `kedang_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    config: { databaseUrl: url.toString(), sqlitePath: path.join(dataDir, 'unused.sqlite'), dataDir, keyFile: path.join(dataDir, 'kedang.key') },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
