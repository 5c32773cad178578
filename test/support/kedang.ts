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
  const u = await createUser(kedang.deps, system, { username: 'admin', displayName: '管理员', password: 'admin-pass-1', role: 'admin' });
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

/** A real HTTP server on a random port over a fresh database; admin password is known. */
export async function startTestServer(engine: Engine, opts: { webRoot?: string } = {}) {
  const db = await createTestDatabase(engine);
  const config = loadConfig({
    KEDANG_DATA_DIR: db.config.dataDir,
    ...(db.config.databaseUrl ? { KEDANG_DATABASE_URL: db.config.databaseUrl } : {}),
    KEDANG_PORT: '0',
    KEDANG_ADMIN_PASSWORD: 'admin-pass-1',
    KEDANG_LOG_LEVEL: 'silent',
  });
  const server = await startServer({ ...config, sqlitePath: db.config.sqlitePath }, { print: () => undefined, logger: false, webRoot: opts.webRoot ?? '/nonexistent' });
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
