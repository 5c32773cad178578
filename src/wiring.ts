import type { Config } from './config/load-config.ts';
import { connect, durabilityWarnings, type Connection } from './db/connect.ts';
import { createBulkLoader } from './db/bulk-load.ts';
import { createClassificationEngine, timeRawAggregate } from './db/classification-engine.ts';
import { migrateToLatest, assertNotNewerThanCode } from './db/migrate.ts';
import { createUnitOfWork } from './db/unit-of-work.ts';
import { loadMasterKey, type KeyRing } from './db/crypto/keyring.ts';
import { openKeyRing, readKeyRing } from './db/crypto/open-keyring.ts';
import { createRecordCipher } from './db/crypto/record-cipher.ts';
import { encryptPlaintext } from './db/crypto/reencrypt.ts';
import { createKeyAdmin, type KeyAdmin } from './db/crypto/key-admin.ts';
import { createAccess } from './services/access.ts';
import { argon2Hasher } from './services/auth/password-hasher.ts';
import { createFailureThrottle } from './services/auth/back-off.ts';
import { sealAuditChain } from './services/audit/seal-audit-chain.ts';
import type { Deps } from './services/deps.ts';
import type { BulkLoader } from './services/ports.ts';

/** `bulk` opens a connection of its own only when a bulk job (seed) asks for one. */
export type Kedang = { deps: Deps; connection: Connection; migrated: string[]; warnings: string[]; bulk: BulkLoader; ring: KeyRing; keyNotice: string | undefined; keys: KeyAdmin };
export type { KeyAdmin, KeyStatus, RotationSummary } from './db/crypto/key-admin.ts';
export type { ReencryptProgress } from './db/crypto/reencrypt.ts';
export { tsWorkerScript } from './db/crypto/bulk-sealer.ts';
/** A master key that cannot open this database's key ring: the operator's to fix, not a crash. */
export { KeyError } from './db/crypto/keyring.ts';
export { rawAggregateSql } from './db/classification-engine.ts';

/** The raw purchase aggregate timed on the driver itself, beside which benchmarks report a full classification run. */
export const timeRawPurchaseAggregate = (config: Pick<Config, 'databaseUrl' | 'sqlitePath'>, engine: 'sqlite' | 'postgres') =>
  timeRawAggregate({ engine, sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });

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
    // reads reload the ring when they meet a key another process (kedang keys rotate) added since
    const cipher = createRecordCipher(ring, (db) => readKeyRing(db, master.key));
    const deps: Deps = {
      db: createUnitOfWork(connection.db, connection.engine, cipher, connection.openScan),
      access: createAccess(),
      passwords: argon2Hasher,
      clock: () => new Date(),
      // TOTP secrets: sealed with the current data key, opened through the ring (reloaded after a rotation elsewhere)
      secrets: { seal: (text) => cipher.seal(text), open: (sealed) => cipher.reading(connection.db, () => cipher.open(sealed)) },
      signInThrottle: createFailureThrottle(),
      classifier: createClassificationEngine({ engine: connection.engine, sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl }),
    };
    // audit entries written before the hash chain existed are sealed here, once, now that the audit key is open
    await sealAuditChain(deps);
    // sensitive values written before encryption at rest are encrypted before anything is served
    const encrypted = await encryptPlaintext(connection.db, connection.engine, cipher, { openScan: connection.openScan });
    const warnings = await durabilityWarnings(connection);
    if (encrypted > 0) warnings.push(`已加密 ${encrypted} 行旧的明文敏感数据 / Encrypted the sensitive fields of ${encrypted} rows written before encryption at rest`);
    const bulk = createBulkLoader({ engine: connection.engine, sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl, cipher });
    const keys = createKeyAdmin({ db: connection.db, engine: connection.engine, cipher, master: master.key });
    return { deps, connection, migrated, warnings, bulk, ring, keyNotice, keys };
  } catch (err) {
    await connection.close();
    throw err;
  }
}
