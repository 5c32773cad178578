import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditChainLink, AuditEntry, AuditFilter, AuditStore } from '../../services/ports.ts';
import type { Db, Engine } from '../connect.ts';
import { parseJson } from '../db-errors.ts';

/**
 * Audit entries form a hash chain: hash = HMAC-SHA256(audit key, prevHash + canonical JSON of the entry).
 * Keyed, so write access to the database without the key file cannot re-forge it. Links go by prevHash,
 * never by id arithmetic (PostgreSQL identities have gaps after rollbacks).
 */
const genesisHash = '0'.repeat(64);
/** pg_advisory_xact_lock key that serialises appends to the chain ("kedaudit" as a number). */
const chainLockKey = 0x6b65646175646974n;
const entryColumns = ['id', 'at', 'actorId', 'actorName', 'action', 'entityType', 'entityId', 'customerId', 'changes', 'meta'] as const;

type Content = { id: number; at: string; actorId: number | null; actorName: string; action: string; entityType: string; entityId: string | null; customerId: number | null; changes: unknown; meta: unknown };
type StoredRow = Omit<Content, 'changes' | 'meta'> & { changes: string; meta: string };

/** JSON with object keys sorted, so jsonb (PostgreSQL reorders keys) and text (SQLite) hash alike. Hot in verify: plain loops. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + canonicalJson(v[i]);
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(o).sort()) {
    if (o[k] === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + canonicalJson(o[k]);
  }
  return `${out}}`;
}

/** Stored JSON as a value; text that is not JSON stays text, so garbage never hashes like what it replaced. */
const jsonValue = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** One instant, one spelling: both engines hand back what was written, but a timestamptz could be rendered differently. */
const canonicalAt = (at: string) => {
  if (isoUtc.test(at)) return at;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toISOString();
};

/**
 * HMAC-SHA256(key, prevHash + canonical JSON of the entry), the JSON spelled out with its keys in sorted
 * order (action, actorId, actorName, at, changes, customerId, entityId, entityType, id, meta): verify runs it per entry.
 */
export function chainHash(key: KeyObject | Buffer, prevHash: string, c: Content): string {
  const json =
    `{"action":${JSON.stringify(c.action)},"actorId":${canonicalJson(c.actorId)},"actorName":${JSON.stringify(c.actorName)},"at":${JSON.stringify(canonicalAt(c.at))}` +
    `,"changes":${canonicalJson(c.changes)},"customerId":${canonicalJson(c.customerId)},"entityId":${canonicalJson(c.entityId)},"entityType":${JSON.stringify(c.entityType)}` +
    `,"id":${canonicalJson(c.id)},"meta":${canonicalJson(c.meta)}}`;
  return createHmac('sha256', key).update(prevHash).update(json).digest('hex');
}

const contentOf = (r: StoredRow): Content => ({ ...r, changes: jsonValue(r.changes), meta: jsonValue(r.meta) });
const toEntry = (r: StoredRow): AuditEntry => ({ ...r, changes: parseJson(r.changes, []), meta: parseJson(r.meta, {}) });

/** The work in the caller's transaction, or in one of its own: an append is several statements. */
const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('auditEntries');
  if (f.customerId) q = q.where('customerId', '=', f.customerId);
  if (f.actorId) q = q.where('actorId', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entityType', '=', f.entityType);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  return q;
}

export function auditStore(db: Db, engine: Engine, auditKeyBytes: Buffer): AuditStore {
  const auditKey = createSecretKey(auditKeyBytes);
  /** Until the transaction ends no one else appends: PostgreSQL by an advisory lock, SQLite by its one write lock. */
  const lockChain = async (trx: Db) => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(chainLockKey)})`.execute(trx);
    // a write that changes nothing still takes SQLite's write lock, before anything is read
    else await sql`update audit_entries set hash = hash where id < 0`.execute(trx);
  };

  return {
    genesisHash,
    async record(e) {
      const changes = JSON.stringify(e.changes);
      const meta = JSON.stringify(e.meta);
      await inTransaction(db, async (trx) => {
        if (engine === 'postgres') await lockChain(trx);
        // on SQLite this insert takes the write lock, so the entry before it stays the chain head until commit
        const { id } = await trx.insertInto('auditEntries').values({ ...e, changes, meta }).returning('id').executeTakeFirstOrThrow();
        const prev = await trx.selectFrom('auditEntries').select('hash').where('id', '<', id).orderBy('id', 'desc').limit(1).executeTakeFirst();
        // a predecessor without a hash cannot happen after start-up sealing; linking to '' leaves the break for verify to name
        const prevHash = prev ? (prev.hash ?? '') : genesisHash;
        const hash = chainHash(auditKey, prevHash, { ...e, id, changes: JSON.parse(changes) as unknown, meta: JSON.parse(meta) as unknown });
        await trx.updateTable('auditEntries').set({ prevHash, hash }).where('id', '=', id).execute();
      });
    },
    async list(q) {
      const base = filtered(db, q);
      const [rows, total] = await Promise.all([
        base.select(entryColumns).orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toEntry), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
    async count(f, upToId) {
      const r = await filtered(db, f).where('id', '<=', upToId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async *scan(f, upToId, batchSize) {
      let before = upToId + 1;
      for (;;) {
        const rows = await filtered(db, f).select(entryColumns).where('id', '<', before).orderBy('id', 'desc').limit(batchSize).execute();
        if (rows.length > 0) yield rows.map(toEntry);
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        before = last.id;
      }
    },
    head: () => db.selectFrom('auditEntries').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    async chainLinks(afterId, upToId, limit) {
      // one-sided, so every engine walks the primary key with the limit (a two-sided range on stale statistics got sorted whole)
      const rows = await db.selectFrom('auditEntries').select([...entryColumns, 'prevHash', 'hash']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.filter((r) => r.id <= upToId).map(
        (r): AuditChainLink => ({
          id: r.id,
          at: r.at,
          action: r.action,
          prevHash: r.prevHash,
          hash: r.hash,
          hashMatches: r.hash !== null && r.prevHash !== null && chainHash(auditKey, r.prevHash, contentOf(r)) === r.hash,
        }),
      );
    },
    sealLegacy: () =>
      inTransaction(db, async (trx) => {
        await lockChain(trx);
        // once any entry has a hash the chain exists: a hashless entry is then tampering for verify to report, never something to sign
        if (await trx.selectFrom('auditEntries').select('id').where('hash', 'is not', null).limit(1).executeTakeFirst()) return 0;
        let prevHash = genesisHash;
        let after = 0;
        let sealed = 0;
        for (;;) {
          const rows = await trx.selectFrom('auditEntries').select(entryColumns).where('id', '>', after).orderBy('id').limit(1000).execute();
          if (rows.length === 0) return sealed;
          for (const r of rows) {
            const hash = chainHash(auditKey, prevHash, contentOf(r));
            await trx.updateTable('auditEntries').set({ prevHash, hash }).where('id', '=', r.id).execute();
            prevHash = hash;
            after = r.id;
            sealed++;
          }
        }
      }),
  };
}
