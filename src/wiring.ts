import type { Config } from './config/load-config.ts';
import { connect, durabilityWarnings, type Connection } from './db/connect.ts';
import { createBulkLoader } from './db/bulk-load.ts';
import { migrateToLatest, assertNotNewerThanCode } from './db/migrate.ts';
import { createUnitOfWork } from './db/unit-of-work.ts';
import { loadMasterKey, type KeyRing } from './db/crypto/keyring.ts';
import { openKeyRing } from './db/crypto/open-keyring.ts';
import { createAccess } from './services/access.ts';
import { argon2Hasher } from './services/auth/password-hasher.ts';
import type { Deps } from './services/deps.ts';
import type { BulkLoader } from './services/ports.ts';

/** `bulk` opens a connection of its own only when a bulk job (seed) asks for one. */
export type Kedang = { deps: Deps; connection: Connection; migrated: string[]; warnings: string[]; bulk: BulkLoader; ring: KeyRing; keyNotice: string | undefined };

export type OpenConfig = Pick<Config, 'databaseUrl' | 'sqlitePath' | 'keyFile'> & { masterKey?: string | undefined };

/**
 * The composition root: the one place outside db/ that knows which database runs.
 * Server, CLI and tests all open Kedang through here.
 */
export async function openKedang(config: OpenConfig, opts: { migrate?: boolean } = {}): Promise<Kedang> {
  const connection = connect({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    const migrated = opts.migrate === false ? (await assertNotNewerThanCode(connection.db), []) : await migrateToLatest(connection.db);
    const master = loadMasterKey({ envValue: config.masterKey, keyFile: config.keyFile });
    const ring = await openKeyRing(connection.db, master.key, new Date().toISOString());
    const keyNotice = master.created
      ? `已生成主密钥 A master key was created at ${master.source}. 请另行备份：没有它，加密字段无法恢复 / Back it up separately from the database: without it encrypted fields cannot be read.`
      : undefined;
    const deps: Deps = {
      db: createUnitOfWork(connection.db, connection.engine, ring),
      access: createAccess(),
      passwords: argon2Hasher,
      clock: () => new Date(),
    };
    const bulk = createBulkLoader({ engine: connection.engine, sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
    return { deps, connection, migrated, warnings: await durabilityWarnings(connection), bulk, ring, keyNotice };
  } catch (err) {
    await connection.close();
    throw err;
  }
}
