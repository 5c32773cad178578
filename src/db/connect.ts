import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A connection of its own for one long sequential read (an export), closed when the read ends. */
export type ScanConnection = { db: Db; close: () => Promise<void> };
/** `openScan`: SQLite files only; a long read through it neither evicts the shared connection's hot pages nor grows its page cache. */
export type Connection = { db: Db; engine: Engine; describe: string; close: () => Promise<void>; openScan?: (() => ScanConnection) | undefined };

// PostgreSQL returns int8, dates, timestamps and json in shapes SQLite does not; read all as SQLite does.
pg.types.setTypeParser(20, (v) => Number(v)); // int8: ids, counts and fen stay within 2^53
pg.types.setTypeParser(1082, (v) => v); // date: keep 'YYYY-MM-DD'
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz: ISO UTC
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString()); // timestamp
pg.types.setTypeParser(114, (v) => v); // json as text
pg.types.setTypeParser(3802, (v) => v); // jsonb as text

export type ConnectOptions = { databaseUrl?: string | undefined; sqlitePath: string; poolSize?: number };

/**
 * SQLite is the embedded default: WAL so readers never block the writer, synchronous=FULL so a
 * commit survives a power cut (NORMAL in WAL may lose the last commits), foreign keys on.
 */
export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('cache_size = -65536'); // 64 MiB page cache
  raw.pragma('temp_store = MEMORY');
  return raw;
}

/**
 * Kysely asks better-sqlite3 to prepare every query anew, and preparing was the largest single cost of a
 * request (15% of CPU in a get-by-id profile). Prepared statements are kept per SQL text (the least
 * recently used dropped past `max`); one still being iterated by a stream is busy, so that call gets a
 * fresh statement. SQLite re-prepares a kept statement by itself after a schema change.
 */
function withStatementCache(raw: SqliteDatabase.Database, max = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close() {
      cache.clear();
      raw.close();
    },
    prepare(text: string) {
      const kept = cache.get(text);
      if (kept && !kept.busy) {
        cache.delete(text);
        cache.set(text, kept);
        return kept;
      }
      const fresh = raw.prepare(text);
      if (!kept) {
        cache.set(text, fresh);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return fresh;
    },
  };
}

export function connect(opts: ConnectOptions): Connection {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // an idle client's error must not crash the process; the next query reports it
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    const url = new URL(opts.databaseUrl);
    return { db, engine: 'postgres', describe: `PostgreSQL ${url.host}${url.pathname}`, close: () => db.destroy() };
  }
  const raw = openSqlite(opts.sqlitePath);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }), plugins });
  const openScan =
    opts.sqlitePath === ':memory:'
      ? undefined
      : (): ScanConnection => {
          const reader = openSqlite(opts.sqlitePath);
          reader.pragma('query_only = ON');
          // a scan reads each page once: 8 MiB instead of 64 (a 1,000,000-row export peaked ~100 MB higher with the large cache)
          reader.pragma('cache_size = -8192');
          const scanDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }), plugins });
          return { db: scanDb, close: () => scanDb.destroy() };
        };
  return { db, engine: 'sqlite', describe: `SQLite ${opts.sqlitePath}`, close: () => db.destroy(), openScan };
}

/** Settings that would let an acknowledged write vanish in a crash; start-up prints them loudly. */
export async function durabilityWarnings(conn: Connection): Promise<string[]> {
  if (conn.engine === 'sqlite') return [];
  const rows = await sql<{ name: string; setting: string }>`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes')`.execute(conn.db);
  return rows.rows
    .filter((r) => r.setting === 'off')
    .map((r) => `PostgreSQL ${r.name}=off: acknowledged writes may be lost in a crash / 崩溃时已确认的写入可能丢失`);
}
