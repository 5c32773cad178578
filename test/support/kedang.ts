import { loadConfig } from '../../src/config/load-config.ts';
import type { Engine } from '../../src/db/connect.ts';
import type { Actor } from '../../src/domain/users/user.ts';
import { createUser } from '../../src/services/admin/users.ts';
import { actorForUser } from '../../src/services/auth/actor.ts';
import type { PasswordHasher } from '../../src/services/deps.ts';
import { startServer } from '../../src/server/main.ts';
import { openKedang, type Kedang } from '../../src/wiring.ts';
import { createTestDatabase, type TestDatabase } from './engines.ts';

/** Hashing is the slow part of user creation; tests that do not test passwords use this. */
export const fastHasher: PasswordHasher = {
  hash: async (p) => `plain:${p}`,
  verify: async (h, p) => h === `plain:${p}`,
};

export type TestKedang = Kedang & { db: TestDatabase; admin: Actor; close: () => Promise<void> };

/** Kedang on a fresh database with one admin user, for service and store tests. */
export async function openTestKedang(engine: Engine, opts: { clock?: () => Date } = {}): Promise<TestKedang> {
  const db = await createTestDatabase(engine);
  const kedang = await openKedang(db.config);
  kedang.deps.passwords = fastHasher;
  if (opts.clock) kedang.deps.clock = opts.clock;
  const system: Actor = { kind: 'system', name: 'test' };
  const u = await createUser(kedang.deps, system, { username: 'admin', displayName: '管理员', password: 'kedang-test-pass-1', role: 'admin' });
  const admin: Actor = await actorForUser(kedang.deps.db, u);
  return {
    ...kedang,
    db,
    admin,
    close: async () => {
      await kedang.connection.close();
      await db.drop();
    },
  };
}

export type TestServerOptions = {
  webRoot?: string;
  /** more environment (KEDANG_TLS_CERT, rate limits, …) */
  env?: Record<string, string>;
  /** the fast hasher, for suites that create many users and do not test passwords themselves */
  fastPasswords?: boolean;
};

/**
 * A real HTTP server on a random port over a fresh database; admin password is known.
 * Suites sign in dozens of times a minute from one address, so the rate limits are raised unless
 * `env` sets them (test/security proves the real defaults).
 */
export async function startTestServer(engine: Engine, opts: TestServerOptions = {}) {
  const db = await createTestDatabase(engine);
  const config = loadConfig({
    KEDANG_DATA_DIR: db.config.dataDir,
    ...(db.config.databaseUrl ? { KEDANG_DATABASE_URL: db.config.databaseUrl } : {}),
    KEDANG_PORT: '0',
    KEDANG_ADMIN_PASSWORD: 'admin-pass-1',
    KEDANG_LOG_LEVEL: 'silent',
    KEDANG_RATE_LIMIT_PER_MINUTE: '100000',
    KEDANG_SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000',
    ...opts.env,
  });
  const server = await startServer({ ...config, sqlitePath: db.config.sqlitePath }, { print: () => undefined, logger: false, webRoot: opts.webRoot ?? '/nonexistent' });
  if (opts.fastPasswords) {
    server.deps.passwords = fastHasher;
    const admin = await server.deps.db.users.findByUsername('admin');
    if (admin) await server.deps.db.users.update(admin.id, { passwordHash: await fastHasher.hash('admin-pass-1') }, new Date().toISOString());
  }
  return {
    ...server,
    engine,
    db,
    close: async () => {
      await server.stop();
      await db.drop();
    },
  };
}
