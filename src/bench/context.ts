import Database from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { actorForUser } from '../services/auth/actor.ts';
import { ensureAdmin } from '../services/admin/ensure-admin.ts';
import type { UserActor } from '../domain/users/user.ts';
import { openKedang, type Kedang } from '../wiring.ts';

/**
 * The raw engine beside Kedang: the same database driven directly (better-sqlite3 or pg), no Kysely, no
 * services, no access checks, no decryption. Every figure in the benchmark is printed beside it.
 * SQL is written with `?` placeholders; they become $1, $2 … on PostgreSQL.
 */
export type RawEngine = {
  engine: 'sqlite' | 'postgres';
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
};

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function openRaw(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>): RawEngine {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
    return {
      engine: 'postgres',
      all: async <T>(sql: string, params: unknown[] = []) => (await pool.query(numbered(sql), params)).rows as T[],
      run: async (sql, params = []) => void (await pool.query(numbered(sql), params)),
      close: () => pool.end(),
    };
  }
  const db = new Database(config.sqlitePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return {
    engine: 'sqlite',
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => void db.prepare(sql).run(...params),
    close: async () => void db.close(),
  };
}

export type BenchContext = {
  config: Config;
  kedang: Kedang;
  raw: RawEngine;
  /** the admin: every figure is for a user who may see every customer, unless a step says otherwise */
  admin: UserActor;
  customers: number;
  /** the ids of live customers span 1 … maxId */
  maxId: number;
  log: (line: string) => void;
};

export async function openContext(config: Config, log: (line: string) => void): Promise<BenchContext> {
  const kedang = await openKedang(config);
  await ensureAdmin(kedang.deps, config.adminPassword ?? 'bench-admin-password-1');
  const user = await kedang.deps.db.users.findByUsername('admin');
  if (!user) throw new Error('the bench database has no admin user');
  const admin = await actorForUser(kedang.deps.db, user);
  const raw = openRaw(config);
  const [row] = await raw.all<{ n: number | string; max: number | string | null }>('select count(*) as n, max(id) as max from customers where deleted_at is null');
  return { config, kedang, raw, admin, customers: Number(row?.n ?? 0), maxId: Number(row?.max ?? 0), log };
}

export async function closeContext(ctx: BenchContext) {
  await ctx.raw.close();
  await ctx.kedang.connection.close();
}
