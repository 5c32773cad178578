import { normalizeEmail, normalizeIdCard, normalizeMobile, normalizeUscc, toHalfWidth } from '../../domain/customers/validators.ts';
import type { BlindIndexField } from '../../services/ports.ts';
import type { Db } from '../connect.ts';
import { blindIndexInput, decryptValue, encryptValue, hmacIndex, UnknownDataKeyError } from './field-cipher.ts';
import type { KeyRing } from './keyring.ts';

/** An encrypted JSON value (custom field values, audit before/after): no plain value has this shape. */
export type SealedJson = { $enc: string };

export const isSealedJson = (v: unknown): v is SealedJson =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { $enc?: unknown }).$enc === 'string' && Object.keys(v).length === 1;

const digits = (s: string) => toHalfWidth(s).replace(/\D/g, '');

/** What a blind index compares: the validators' normal form, so "+86 138-0013-8000" finds 13800138000. */
const normalizers: Record<BlindIndexField, (raw: string) => string | undefined> = {
  mobile: (v) => normalizeMobile(v) ?? (digits(v) || undefined),
  mobileTail: (v) => {
    const d = normalizeMobile(v) ?? digits(v);
    return d.length >= 4 ? d.slice(-4) : undefined;
  },
  // the whole address lower-cased: the old LIKE search ignored case too
  email: (v) => normalizeEmail(v).toLowerCase() || undefined,
  idCardNo: (v) => normalizeIdCard(v) || undefined,
  uscc: (v) => normalizeUscc(v) || undefined,
};
const hmacFields: Record<BlindIndexField, string> = { mobile: 'mobile', mobileTail: 'mobile_tail', email: 'email', idCardNo: 'id_card', uscc: 'uscc' };

/**
 * Field encryption for the stores, over the process's live key ring. Reads are synchronous; when a value
 * is under a key this process has not loaded (another process rotated), `reading` reloads the ring from
 * the database once and retries.
 */
export type RecordCipher = {
  readonly ring: KeyRing;
  seal(plaintext: string): string;
  /** Plaintext as is (written before encryption was on), ciphertext decrypted. */
  open(stored: string): string;
  sealJson(value: unknown): SealedJson;
  openJson(value: unknown): unknown;
  /** HMAC of the normalized value, or null when there is nothing to index. */
  index(field: BlindIndexField, raw: string | null | undefined): string | null;
  /** What index() feeds the HMAC (normalized, with the field), for hashing elsewhere (bulk worker). */
  indexInput(field: BlindIndexField, raw: string | null | undefined): string | null;
  /** Runs a synchronous read; on an unknown key id reloads the ring through `db` once and runs it again. */
  reading<T>(db: Db, read: () => T): Promise<T>;
  /** Loads keys (and the current key id) saved by another process. */
  refresh(db: Db): Promise<void>;
};

function indexInput(field: BlindIndexField, raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const normal = normalizers[field](raw);
  return normal === undefined ? null : blindIndexInput(hmacFields[field], normal);
}

export function createRecordCipher(ring: KeyRing, reload: (db: Db) => Promise<KeyRing | undefined>): RecordCipher {
  let inFlight: Promise<void> | undefined;
  const refresh = (db: Db) => {
    inFlight ??= (async () => {
      try {
        const saved = await reload(db);
        if (!saved) return;
        for (const [id, key] of saved.dataKeys) ring.dataKeys.set(id, key);
        ring.currentKeyId = saved.currentKeyId;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
  return {
    ring,
    seal: (plaintext) => encryptValue(ring, plaintext),
    open: (stored) => decryptValue(ring, stored),
    sealJson: (value) => ({ $enc: encryptValue(ring, JSON.stringify(value)) }),
    openJson: (value) => (isSealedJson(value) ? (JSON.parse(decryptValue(ring, value.$enc)) as unknown) : value),
    index(field, raw) {
      const input = indexInput(field, raw);
      return input === null ? null : hmacIndex(ring.indexKey, input);
    },
    indexInput,
    async reading(db, read) {
      try {
        return read();
      } catch (err) {
        if (!(err instanceof UnknownDataKeyError)) throw err;
        await refresh(db);
        return read();
      }
    },
    refresh,
  };
}
