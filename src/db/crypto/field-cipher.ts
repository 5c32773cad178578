import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { KeyRing } from './keyring.ts';

const prefix = 'enc1:';

/** AES-256-GCM with a random nonce per value and the key id beside it: `enc1:<keyId>:<base64(nonce|tag|ciphertext)>`. */
export function encryptValue(ring: KeyRing, plaintext: string): string {
  const key = ring.dataKeys.get(ring.currentKeyId)!;
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return `${prefix}${ring.currentKeyId}:${Buffer.concat([nonce, c.getAuthTag(), body]).toString('base64')}`;
}

export const isEncrypted = (v: string) => v.startsWith(prefix);
export const keyIdOf = (v: string) => (isEncrypted(v) ? v.slice(prefix.length, v.indexOf(':', prefix.length)) : undefined);

export function decryptValue(ring: KeyRing, stored: string): string {
  if (!isEncrypted(stored)) return stored; // written before encryption was on; re-encrypted by `kedang keys rotate`
  const sep = stored.indexOf(':', prefix.length);
  const key = ring.dataKeys.get(stored.slice(prefix.length, sep));
  if (!key) throw new Error(`unknown data key ${stored.slice(prefix.length, sep)}`);
  const raw = Buffer.from(stored.slice(sep + 1), 'base64');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/** Keyed blind index: equal values give equal indexes, and without the key nothing can be guessed from it. */
export function blindIndex(ring: KeyRing, field: string, normalizedValue: string): string {
  return createHmac('sha256', ring.indexKey).update(`${field}\u0000${normalizedValue}`).digest('base64url').slice(0, 22);
}
