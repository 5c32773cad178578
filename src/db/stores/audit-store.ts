import type { AuditEntry, AuditStore } from '../../services/ports.ts';
import type { Db } from '../connect.ts';
import { parseJson } from '../db-errors.ts';

export function auditStore(db: Db): AuditStore {
  return {
    async record(e) {
      await db
        .insertInto('auditEntries')
        .values({ ...e, changes: JSON.stringify(e.changes), meta: JSON.stringify(e.meta) })
        .execute();
    },
    async list(q) {
      let base = db.selectFrom('auditEntries');
      if (q.customerId) base = base.where('customerId', '=', q.customerId);
      if (q.actorId) base = base.where('actorId', '=', q.actorId);
      if (q.action) base = base.where('action', '=', q.action);
      if (q.entityType) base = base.where('entityType', '=', q.entityType);
      if (q.entityId) base = base.where('entityId', '=', q.entityId);
      if (q.from) base = base.where('at', '>=', q.from);
      if (q.to) base = base.where('at', '<', q.to);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items: AuditEntry[] = rows.map((r) => ({ ...r, changes: parseJson(r.changes, []), meta: parseJson(r.meta, {}) }));
      return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  };
}
