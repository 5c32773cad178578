import type { AuditEntry, AuditStore } from '../../services/ports.ts';
import type { Db } from '../connect.ts';
import type { RecordCipher } from '../crypto/record-cipher.ts';
import { openChanges, sealChanges, sensitiveCustomKeys } from '../crypto/sensitive-columns.ts';

/**
 * Audit before/after values of sensitive fields are encrypted like the records they describe, so the
 * history does not keep in plaintext what the customer table encrypts. Wraps the audit store: entries
 * are written once and never re-encrypted (their hash covers what was stored), so old data keys stay in the ring.
 */
export function withAuditCipher(inner: AuditStore, db: Db, cipher: RecordCipher): AuditStore {
  const open = (entries: AuditEntry[]) => cipher.reading(db, () => entries.map((e) => ({ ...e, changes: openChanges(cipher, e.changes) })));
  return {
    ...inner,
    async record(entry) {
      const touchesCustom = entry.changes.some((c) => c.field === 'custom');
      const keys = touchesCustom ? await sensitiveCustomKeys(db) : new Set<string>();
      await inner.record({ ...entry, changes: sealChanges(cipher, entry.changes, keys) });
    },
    async list(query) {
      const page = await inner.list(query);
      return { ...page, items: await open(page.items) };
    },
    scan(filter, upToId, batchSize) {
      const batches = inner.scan(filter, upToId, batchSize);
      return {
        async *[Symbol.asyncIterator]() {
          for await (const batch of batches) yield await open(batch);
        },
      };
    },
  };
}
