import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { KeyRing } from './keyring.ts';

const prefix = 'enc1:';

/** A value under a data key this process has not loaded: another process rotated; reload the ring and retry. */
export class UnknownDataKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`unknown data key ${keyId}`);
  }
}

// nonces come from a pool filled in one call: a randomBytes call per value costs a third of the encryption
const POOL_NONCES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;
function nonce(): Buffer {
  if (poolAt === pool.length) {
    pool = randomBytes(12 * POOL_NONCES);
    poolAt = 0;
  }
  poolAt += 12;
  return pool.subarray(poolAt - 12, poolAt);
}

/** AES-256-GCM with a random nonce per value and the key id beside it: `enc1:<keyId>:<base64(nonce|tag|ciphertext)>`. */
export function encryptValue(ring: KeyRing, plaintext: string): string {
  return encryptWith(ring.currentKeyId, ring.dataKeys.get(ring.currentKeyId)!, plaintext);
}

/** encryptValue with the key given; for workers that hold one key, not the ring. */
export function encryptWith(keyId: string, key: Uint8Array, plaintext: string): string {
  const iv = nonce();
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return `${prefix}${keyId}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

export const isEncrypted = (v: string) => v.startsWith(prefix);
export const keyIdOf = (v: string) => (isEncrypted(v) ? v.slice(prefix.length, v.indexOf(':', prefix.length)) : undefined);

export function decryptValue(ring: KeyRing, stored: string): string {
  if (!isEncrypted(stored)) return stored; // written before encryption was on; re-encrypted by `kedang keys rotate`
  const sep = stored.indexOf(':', prefix.length);
  const keyId = stored.slice(prefix.length, sep);
  const key = ring.dataKeys.get(keyId);
  if (!key) throw new UnknownDataKeyError(keyId);
  const raw = Buffer.from(stored.slice(sep + 1), 'base64');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/** Decrypted values in order; null where a value is under a key not in `dataKeys` (for a worker holding a copy of the ring). */
export function runOpenJob(dataKeys: ReadonlyMap<string, Uint8Array>, values: readonly string[]): (string | null)[] {
  const ring = { dataKeys } as KeyRing;
  return values.map((v) => {
    try {
      return decryptValue(ring, v);
    } catch (err) {
      if (err instanceof UnknownDataKeyError) return null;
      throw err;
    }
  });
}

/** Keyed blind index: equal values give equal indexes, and without the key nothing can be guessed from it. */
export function blindIndex(ring: KeyRing, field: string, normalizedValue: string): string {
  return hmacIndex(ring.indexKey, blindIndexInput(field, normalizedValue));
}

export const blindIndexInput = (field: string, normalizedValue: string) => `${field}\u0000${normalizedValue}`;
export const hmacIndex = (indexKey: Uint8Array, input: string) => createHmac('sha256', indexKey).update(input).digest('base64url').slice(0, 22);
