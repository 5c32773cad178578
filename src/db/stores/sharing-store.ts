import type { Selectable } from 'kysely';
import type { InternalShare, Partner, PartnerAccess, PartnerShare, SegmentQuery, ShareAccess } from '../../domain/sharing/share.ts';
import type { RecordFilter, SharingStore } from '../../services/ports.ts';
import type { CustomerSharesTable, PartnerSharesTable } from '../schema.ts';
import type { Db } from '../connect.ts';
import { parseJson, toFlag } from '../db-errors.ts';

const toShare = (r: Selectable<CustomerSharesTable>): InternalShare => {
  const { revokedBy: _r, ...rest } = r;
  return { ...rest, access: r.access as ShareAccess };
};

const toPartnerShare = (r: Selectable<PartnerSharesTable>): PartnerShare & { sharerScope: RecordFilter } => {
  const { tokenHash: _t, ...rest } = r;
  return {
    ...rest,
    customerIds: r.customerIds === null ? null : parseJson<number[]>(r.customerIds, []),
    fields: parseJson(r.fields, []),
    maskedFields: parseJson(r.maskedFields, []),
    allowDownload: r.allowDownload === 1,
    sharerScope: parseJson<RecordFilter>(r.sharerScope, { kind: 'scoped', ownerId: null, departmentIds: [], sharedTo: null }),
  };
};

export function sharingStore(db: Db): SharingStore {
  return {
    async insertSavedFilter(row, at) {
      const r = await db
        .insertInto('savedFilters')
        .values({ name: row.name, ownerId: row.ownerId, query: JSON.stringify(row.query), ownerScope: JSON.stringify(row.ownerScope), createdAt: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...r, query: parseJson<SegmentQuery>(r.query, {}) };
    },
    async listSavedFilters(ownerId) {
      const rows = await db.selectFrom('savedFilters').selectAll().where('ownerId', '=', ownerId).orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, ownerId: r.ownerId, createdAt: r.createdAt, query: parseJson<SegmentQuery>(r.query, {}) }));
    },
    async findSavedFilter(id) {
      const r = await db.selectFrom('savedFilters').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { id: r.id, name: r.name, ownerId: r.ownerId, createdAt: r.createdAt, query: parseJson<SegmentQuery>(r.query, {}), ownerScope: parseJson<RecordFilter>(r.ownerScope, { kind: 'scoped', ownerId: null, departmentIds: [], sharedTo: null }) };
    },
    async deleteSavedFilter(id) {
      await db.deleteFrom('savedFilters').where('id', '=', id).execute();
    },
    async insertShare(row, at) {
      return toShare(await db.insertInto('customerShares').values({ ...row, createdAt: at }).returningAll().executeTakeFirstOrThrow());
    },
    async listShares(where) {
      let q = db.selectFrom('customerShares').selectAll();
      if (where.customerId !== undefined) q = q.where('customerId', '=', where.customerId);
      if (where.savedFilterId !== undefined) q = q.where('savedFilterId', '=', where.savedFilterId);
      if (!where.includeRevoked) q = q.where('revokedAt', 'is', null);
      return (await q.orderBy('id', 'desc').execute()).map(toShare);
    },
    async findShare(id) {
      const r = await db.selectFrom('customerShares').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toShare(r);
    },
    async revokeShare(id, by, at) {
      await db.updateTable('customerShares').set({ revokedAt: at, revokedBy: by }).where('id', '=', id).where('revokedAt', 'is', null).execute();
    },
    async segmentSharesFor(grantee, access, at) {
      const rows = await db
        .selectFrom('customerShares as s')
        .innerJoin('savedFilters as f', 'f.id', 's.savedFilterId')
        .select(['f.query', 'f.ownerScope'])
        .where('s.revokedAt', 'is', null)
        .where('s.access', 'in', access)
        .where((eb) => eb.or([eb('s.expiresAt', 'is', null), eb('s.expiresAt', '>', at)]))
        .where((eb) => eb.or([eb('s.granteeUserId', '=', grantee.userId), ...(grantee.departmentId === null ? [] : [eb('s.granteeDepartmentId', '=', grantee.departmentId)])]))
        .execute();
      return rows.map((r) => ({ query: parseJson<SegmentQuery>(r.query, {}), scope: parseJson<RecordFilter>(r.ownerScope, { kind: 'scoped', ownerId: null, departmentIds: [], sharedTo: null }) }));
    },
    async insertPartner(row, at) {
      return db.insertInto('partners').values({ ...row, createdAt: at }).returningAll().executeTakeFirstOrThrow() as Promise<Partner>;
    },
    listPartners: () => db.selectFrom('partners').selectAll().orderBy('id').execute(),
    findPartner: (id) => db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst(),
    updatePartner: (id, patch) => db.updateTable('partners').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow(),
    async insertPartnerShare(row, at) {
      const r = await db
        .insertInto('partnerShares')
        .values({
          ...row,
          customerIds: row.customerIds === null ? null : JSON.stringify(row.customerIds),
          fields: JSON.stringify(row.fields),
          maskedFields: JSON.stringify(row.maskedFields),
          sharerScope: JSON.stringify(row.sharerScope),
          allowDownload: toFlag(row.allowDownload),
          createdAt: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPartnerShare(r);
    },
    async listPartnerShares() {
      return (await db.selectFrom('partnerShares').selectAll().orderBy('id', 'desc').execute()).map(toPartnerShare);
    },
    async findPartnerShare(id) {
      const r = await db.selectFrom('partnerShares').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toPartnerShare(r);
    },
    async findPartnerShareByTokenHash(hash) {
      const r = await db.selectFrom('partnerShares').selectAll().where('tokenHash', '=', hash).executeTakeFirst();
      return r && toPartnerShare(r);
    },
    async revokePartnerShare(id, at) {
      await db.updateTable('partnerShares').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
    },
    async logPartnerAccess(e) {
      await db.insertInto('partnerAccessLog').values(e).execute();
    },
    async listPartnerAccess(shareId) {
      return (await db.selectFrom('partnerAccessLog').selectAll().where('shareId', '=', shareId).orderBy('id', 'desc').limit(500).execute()) as PartnerAccess[];
    },
  };
}
