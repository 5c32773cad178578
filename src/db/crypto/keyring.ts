import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Keys that protect data at rest. The ring lives in the database, wrapped (AES-256-GCM) by a master
 * key that never does: KEDANG_MASTER_KEY or a key file beside the data, so a copied database alone
 * reveals nothing.
 */
export type KeyRing = {
  /** data keys by id; new values are encrypted with the current one, old ones stay readable */
  dataKeys: Map<string, Buffer>;
  currentKeyId: string;
  /** HMAC key for blind indexes (exact lookups on encrypted fields); never rotates with data keys */
  indexKey: Buffer;
  /** HMAC key for the audit hash chain */
  auditKey: Buffer;
};

type StoredRing = { dataKeys: { id: string; key: string; createdAt: string }[]; currentKeyId: string; indexKey: string; auditKey: string };

export class KeyError extends Error {}

/** Reads KEDANG_MASTER_KEY (32 bytes as base64 or hex) or the key file, creating the file on first use. */
export function loadMasterKey(opts: { envValue: string | undefined; keyFile: string }): { key: Buffer; created: boolean; source: string } {
  if (opts.envValue) return { key: parseKey(opts.envValue, 'KEDANG_MASTER_KEY'), created: false, source: 'KEDANG_MASTER_KEY' };
  if (fs.existsSync(opts.keyFile)) return { key: parseKey(fs.readFileSync(opts.keyFile, 'utf8').trim(), opts.keyFile), created: false, source: opts.keyFile };
  fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(opts.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true, source: opts.keyFile };
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new KeyError(`${where}: 主密钥必须是 32 字节（base64 或 hex）/ the master key must be 32 bytes (base64 or hex)`);
  return key;
}

export function wrap(master: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', master, nonce);
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return Buffer.concat([nonce, c.getAuthTag(), body]).toString('base64');
}

export function unwrap(master: Buffer, wrapped: string): string {
  const raw = Buffer.from(wrapped, 'base64');
  const d = createDecipheriv('aes-256-gcm', master, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

export function newRing(at: string): StoredRing {
  return { dataKeys: [{ id: 'k1', key: randomBytes(32).toString('base64'), createdAt: at }], currentKeyId: 'k1', indexKey: randomBytes(32).toString('base64'), auditKey: randomBytes(32).toString('base64') };
}

export function openRing(master: Buffer, wrapped: string): KeyRing & { stored: StoredRing } {
  let stored: StoredRing;
  try {
    stored = JSON.parse(unwrap(master, wrapped)) as StoredRing;
  } catch {
    throw new KeyError('主密钥与数据库不匹配，无法解密 / The master key does not match this database; refusing to start (restore the right key file or KEDANG_MASTER_KEY)');
  }
  return {
    stored,
    dataKeys: new Map(stored.dataKeys.map((k) => [k.id, Buffer.from(k.key, 'base64')])),
    currentKeyId: stored.currentKeyId,
    indexKey: Buffer.from(stored.indexKey, 'base64'),
    auditKey: Buffer.from(stored.auditKey, 'base64'),
  };
}

/** Adds a fresh data key and makes it current; existing values stay readable until re-encrypted. */
export function addDataKey(stored: StoredRing, at: string): StoredRing {
  const n = Math.max(0, ...stored.dataKeys.map((k) => Number(k.id.slice(1)) || 0)) + 1;
  const id = `k${n}`;
  return { ...stored, dataKeys: [...stored.dataKeys, { id, key: randomBytes(32).toString('base64'), createdAt: at }], currentKeyId: id };
}

export type { StoredRing };
