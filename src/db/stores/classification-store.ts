import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Assignment, ClassChange, ClassRun } from '../../domain/classification/assignment.ts';
import { codePrefixEnd } from '../../domain/classification/codes.ts';
import type { Scheme, SchemeDefinition, SchemeVersion, VersionStatus } from '../../domain/classification/scheme.ts';
import type { AssignmentWrite, ClassChangeRow, ClassificationStore } from '../../services/ports.ts';
import type { Db } from '../connect.ts';
import { parseJson } from '../db-errors.ts';
import type { ClassChangesTable, ClassRunsTable, ClassSchemesTable, ClassSchemeVersionsTable, Database } from '../schema.ts';
import { scopeCondition } from './customer-store.ts';

const toScheme = (r: Selectable<ClassSchemesTable>): Scheme => {
  const { archivedAt: _a, ...rest } = r;
  return rest;
};

const toVersion = (r: Selectable<ClassSchemeVersionsTable>): SchemeVersion => ({
  ...r,
  status: r.status as VersionStatus,
  definition: parseJson<SchemeDefinition>(r.definition, { levels: [], categories: [], reassignments: {} }),
});

const toChange = (r: Selectable<ClassChangesTable>): ClassChange => ({
  ...r,
  cause: r.cause as ClassChange['cause'],
  rule: parseJson(r.rule, null),
  inputsBefore: parseJson(r.inputsBefore, null),
  inputsAfter: parseJson(r.inputsAfter, null),
});

const toRun = (r: Selectable<ClassRunsTable>): ClassRun => ({
  ...r,
  kind: r.kind as ClassRun['kind'],
  status: r.status as ClassRun['status'],
  schemeKeys: parseJson(r.schemeKeys, []),
  stats: parseJson(r.stats, {}),
});

const assignmentRow = (schemeId: number, version: number, a: AssignmentWrite) => ({
  schemeId,
  version,
  customerId: a.customerId,
  categoryKey: a.categoryKey,
  categoryCode: a.categoryCode,
  source: a.source,
  reason: a.reason,
  expiresAt: a.expiresAt,
  assignedBy: a.assignedBy,
  inputs: JSON.stringify(a.inputs),
  assignedAt: a.assignedAt,
});

const changeRow = (c: ClassChangeRow) => ({
  ...c,
  rule: c.rule === null ? null : JSON.stringify(c.rule),
  inputsBefore: c.inputsBefore === null ? null : JSON.stringify(c.inputsBefore),
  inputsAfter: c.inputsAfter === null ? null : JSON.stringify(c.inputsAfter),
});

/** Rows per statement: well under both engines' parameter limits. */
const BATCH = 400;
const chunks = <T>(rows: readonly T[], size = BATCH) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/**
 * "In category `code` of the live version of `schemeKey`, or below it": the condition the customer list
 * adds for its category filter. Codes are digits, so the prefix is the range [code, code + ':').
 */
export function classCondition(eb: ExpressionBuilder<Database, 'customers'>, schemeKey: string, code: string) {
  return eb.exists(
    eb
      .selectFrom('classAssignments as ca')
      .innerJoin('classSchemes as cs', (j) => j.onRef('cs.id', '=', 'ca.schemeId').onRef('cs.publishedVersion', '=', 'ca.version'))
      .select(sql`1`.as('one'))
      .whereRef('ca.customerId', '=', 'customers.id')
      .where('cs.key', '=', schemeKey)
      .where('cs.archivedAt', 'is', null)
      .where('ca.categoryCode', '>=', code)
      .where('ca.categoryCode', '<', codePrefixEnd(code)),
  );
}

export function classificationStore(db: Db): ClassificationStore {
  return {
    async listSchemes() {
      const rows = await db.selectFrom('classSchemes').selectAll().where('archivedAt', 'is', null).orderBy('id').execute();
      return rows.map(toScheme);
    },
    async findScheme(key) {
      const r = await db.selectFrom('classSchemes').selectAll().where('key', '=', key).where('archivedAt', 'is', null).executeTakeFirst();
      return r && toScheme(r);
    },
    async insertScheme(row, at) {
      const r = await db.insertInto('classSchemes').values({ ...row, publishedVersion: null, draftVersion: null, createdAt: at, updatedAt: at }).returningAll().executeTakeFirstOrThrow();
      return toScheme(r);
    },
    async updateScheme(id, changes, at) {
      const r = await db.updateTable('classSchemes').set({ ...changes, updatedAt: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toScheme(r);
    },
    async findVersion(schemeId, version) {
      const r = await db.selectFrom('classSchemeVersions').selectAll().where('schemeId', '=', schemeId).where('version', '=', version).executeTakeFirst();
      return r && toVersion(r);
    },
    async listVersions(schemeId) {
      const rows = await db.selectFrom('classSchemeVersions').selectAll().where('schemeId', '=', schemeId).orderBy('version', 'desc').execute();
      return rows.map(toVersion);
    },
    async maxVersion(schemeId) {
      const r = await db.selectFrom('classSchemeVersions').select((eb) => eb.fn.max('version').as('v')).where('schemeId', '=', schemeId).executeTakeFirst();
      return Number(r?.v ?? 0);
    },
    async insertVersion(v) {
      await db.insertInto('classSchemeVersions').values({ ...v, definition: JSON.stringify(v.definition) }).execute();
    },
    async updateVersion(schemeId, version, changes) {
      const { definition, ...rest } = changes;
      await db
        .updateTable('classSchemeVersions')
        .set({ ...rest, ...(definition ? { definition: JSON.stringify(definition) } : {}) })
        .where('schemeId', '=', schemeId)
        .where('version', '=', version)
        .execute();
    },
    async deleteVersion(schemeId, version) {
      await db.deleteFrom('classSchemeVersions').where('schemeId', '=', schemeId).where('version', '=', version).execute();
    },
    async findAssignment(schemeId, version, customerId) {
      const r = await db.selectFrom('classAssignments').selectAll().where('schemeId', '=', schemeId).where('version', '=', version).where('customerId', '=', customerId).executeTakeFirst();
      return r && ({ ...r, source: r.source as Assignment['source'], inputs: parseJson(r.inputs, {}) } satisfies Assignment);
    },
    async liveAssignmentsOf(customerId) {
      const rows = await db
        .selectFrom('classAssignments as a')
        .innerJoin('classSchemes as cs', (j) => j.onRef('cs.id', '=', 'a.schemeId').onRef('cs.publishedVersion', '=', 'a.version'))
        .selectAll('a')
        .where('a.customerId', '=', customerId)
        .where('cs.archivedAt', 'is', null)
        .orderBy('cs.id')
        .execute();
      return rows.map((r) => ({ ...r, source: r.source as Assignment['source'], inputs: parseJson(r.inputs, {}) }) satisfies Assignment);
    },
    async provinces() {
      const rows = await db
        .selectFrom('customers')
        .select(['province', (eb) => eb.fn.countAll<number>().as('n')])
        .where('province', 'is not', null)
        .where('deletedAt', 'is', null)
        .groupBy('province')
        .orderBy('n', 'desc')
        .limit(200)
        .execute();
      return rows.flatMap((r) => (r.province ? [r.province] : []));
    },
    async productLines() {
      const rows = await db
        .selectFrom('purchases')
        .select(['productLine', (eb) => eb.fn.countAll<number>().as('n')])
        .where('productLine', 'is not', null)
        .groupBy('productLine')
        .orderBy('n', 'desc')
        .limit(97)
        .execute();
      return rows.flatMap((r) => (r.productLine ? [r.productLine] : []));
    },
    async countByCategory(schemeId, version, filter) {
      const rows = await db
        .selectFrom('classAssignments as a')
        .innerJoin('customers', 'customers.id', 'a.customerId')
        .select(['a.categoryKey', 'a.categoryCode', (eb) => eb.fn.countAll<number>().as('n')])
        .where('a.schemeId', '=', schemeId)
        .where('a.version', '=', version)
        .where('customers.deletedAt', 'is', null)
        .where((eb) => scopeCondition(eb, filter))
        .groupBy(['a.categoryKey', 'a.categoryCode'])
        .execute();
      return rows.map((r) => ({ categoryKey: r.categoryKey, categoryCode: r.categoryCode, count: Number(r.n) }));
    },
    async upsertAssignments(schemeId, version, rows) {
      for (const batch of chunks(rows)) {
        await db
          .insertInto('classAssignments')
          .values(batch.map((a) => assignmentRow(schemeId, version, a)))
          .onConflict((oc) =>
            oc.columns(['schemeId', 'version', 'customerId']).doUpdateSet((eb) => ({
              categoryKey: eb.ref('excluded.categoryKey'),
              categoryCode: eb.ref('excluded.categoryCode'),
              source: eb.ref('excluded.source'),
              reason: eb.ref('excluded.reason'),
              expiresAt: eb.ref('excluded.expiresAt'),
              assignedBy: eb.ref('excluded.assignedBy'),
              inputs: eb.ref('excluded.inputs'),
              assignedAt: eb.ref('excluded.assignedAt'),
            })),
          )
          .execute();
      }
    },
    async deleteAssignments(schemeId, version, customerIds) {
      for (const batch of chunks(customerIds, 900)) {
        await db.deleteFrom('classAssignments').where('schemeId', '=', schemeId).where('version', '=', version).where('customerId', 'in', batch).execute();
      }
    },
    async insertChanges(rows) {
      for (const batch of chunks(rows, 200)) await db.insertInto('classChanges').values(batch.map(changeRow)).execute();
    },
    async listChanges(q, filter) {
      let base = db
        .selectFrom('classChanges')
        .innerJoin('customers', 'customers.id', 'classChanges.customerId')
        .where('customers.deletedAt', 'is', null)
        .where((eb) => scopeCondition(eb, filter));
      if (q.schemeId !== undefined) base = base.where('classChanges.schemeId', '=', q.schemeId);
      if (q.customerId !== undefined) base = base.where('classChanges.customerId', '=', q.customerId);
      if (q.fromKeys) base = base.where('classChanges.fromKey', 'in', q.fromKeys.length ? q.fromKeys : ['']);
      if (q.toKeys) base = base.where('classChanges.toKey', 'in', q.toKeys.length ? q.toKeys : ['']);
      if (q.since) base = base.where('classChanges.at', '>=', q.since);
      const [rows, total] = await Promise.all([
        base.selectAll('classChanges').orderBy('classChanges.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toChange), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
    async insertRun(run) {
      const r = await db
        .insertInto('classRuns')
        .values({ ...run, schemeKeys: JSON.stringify(run.schemeKeys), stats: JSON.stringify(run.stats) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRun(r);
    },
    async updateRun(id, changes) {
      const { stats, ...rest } = changes;
      await db.updateTable('classRuns').set({ ...rest, ...(stats ? { stats: JSON.stringify(stats) } : {}) }).where('id', '=', id).execute();
    },
    async findRun(id) {
      const r = await db.selectFrom('classRuns').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toRun(r);
    },
    async listRuns({ page, pageSize }) {
      const [rows, total] = await Promise.all([
        db.selectFrom('classRuns').selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        db.selectFrom('classRuns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toRun), total: Number(total.n), page, pageSize };
    },
    async acquireLock(runId, holder, at, staleBefore) {
      const r = await db
        .updateTable('classLock')
        .set({ runId, holder, heartbeatAt: at })
        .where('id', '=', 1)
        .where((eb) => eb.or([eb('runId', 'is', null), eb('heartbeatAt', '<', staleBefore)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async heartbeat(runId, at) {
      await db.updateTable('classLock').set({ heartbeatAt: at }).where('id', '=', 1).where('runId', '=', runId).execute();
    },
    async releaseLock(runId) {
      await db.updateTable('classLock').set({ runId: null, holder: null, heartbeatAt: null }).where('id', '=', 1).where('runId', '=', runId).execute();
    },
    async lockHolder() {
      const r = await db.selectFrom('classLock').selectAll().where('id', '=', 1).executeTakeFirst();
      return r && r.runId !== null ? { runId: r.runId, holder: r.holder ?? '', heartbeatAt: r.heartbeatAt ?? '' } : undefined;
    },
  };
}
