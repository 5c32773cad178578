import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Customer, CustomerListQuery } from '../../domain/customers/customer.ts';
import type { CustomerRow, CustomerStore, CustomerSummary, RecordFilter } from '../../services/ports.ts';
import type { Database, CustomersTable } from '../schema.ts';
import type { Db } from '../connect.ts';
import { parseJson, uniqueAs } from '../db-errors.ts';

function toCustomer(r: Selectable<CustomersTable>): Customer {
  return { ...r, tags: parseJson(r.tags, []), custom: parseJson(r.custom, {}) } as Customer;
}

function toDbRow(changes: Partial<CustomerRow>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  if (changes.tags !== undefined) out.tags = JSON.stringify(changes.tags);
  if (changes.custom !== undefined) out.custom = JSON.stringify(changes.custom);
  return out;
}

const summaryColumns = ['id', 'code', 'kind', 'name', 'stage', 'ownerId', 'departmentId', 'mobile', 'email', 'province', 'city', 'industry', 'tags', 'createdAt', 'updatedAt', 'deletedAt', 'version'] as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The record filter as SQL; the only place a RecordFilter becomes a WHERE clause. */
export function scopeCondition(eb: ExpressionBuilder<Database, 'customers'>, f: RecordFilter) {
  if (f.kind === 'all') return eb.lit(true);
  const or = [];
  if (f.ownerId !== null) or.push(eb('customers.ownerId', '=', f.ownerId));
  if (f.departmentIds.length) or.push(eb('customers.departmentId', 'in', f.departmentIds));
  return or.length ? eb.or(or) : eb.lit(false);
}

export function customerStore(db: Db, engine: 'sqlite' | 'postgres'): CustomerStore {
  const setTags = async (customerId: number, tags: string[]) => {
    await db.deleteFrom('customerTags').where('customerId', '=', customerId).execute();
    if (tags.length) await db.insertInto('customerTags').values(tags.map((tag) => ({ customerId, tag }))).execute();
  };

  const filters = (q: CustomerListQuery, scope: RecordFilter) => (eb: ExpressionBuilder<Database, 'customers'>) => {
    const and = [scopeCondition(eb, scope)];
    and.push(q.deleted === 'only' ? eb('deletedAt', 'is not', null) : eb('deletedAt', 'is', null));
    if (q.kind) and.push(eb('kind', '=', q.kind));
    if (q.stage) and.push(eb('stage', '=', q.stage));
    if (q.ownerId) and.push(eb('ownerId', '=', q.ownerId));
    if (q.departmentId) and.push(eb('departmentId', '=', q.departmentId));
    if (q.province) and.push(eb('province', '=', q.province));
    if (q.city) and.push(eb('city', '=', q.city));
    if (q.industry) and.push(eb('industry', '=', q.industry));
    if (q.createdFrom) and.push(eb('createdAt', '>=', `${q.createdFrom}T00:00:00.000Z`));
    if (q.createdTo) and.push(eb('createdAt', '<', sql<string>`${`${q.createdTo}T23:59:59.999Z`}`));
    if (q.tag) {
      and.push(eb.exists(eb.selectFrom('customerTags as t').select(sql`1`.as('one')).whereRef('t.customerId', '=', 'customers.id').where('t.tag', '=', q.tag!)));
    }
    if (q.q) {
      const like = `%${escapeLike(q.q)}%`;
      const op = engine === 'postgres' ? 'ilike' : 'like';
      const cols = ['name', 'code', 'mobile', 'email', 'shortName', 'uscc'] as const;
      and.push(eb.or(cols.map((c) => eb(eb.ref(c), op, sql<string>`${like} escape '\\'`))));
    }
    return eb.and(and);
  };

  return {
    async insert(row, at) {
      const inserted = await uniqueAs('code', () =>
        db
          .insertInto('customers')
          .values({ ...(toDbRow(row) as CustomerRow & { tags: string; custom: string }), version: 1, createdAt: at, updatedAt: at })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      await setTags(inserted.id, row.tags);
      return toCustomer(inserted);
    },
    async findById(id, opts) {
      let q = db.selectFrom('customers').selectAll().where('id', '=', id).where((eb) => scopeCondition(eb, opts.filter));
      if (!opts.includeDeleted) q = q.where('deletedAt', 'is', null);
      const r = await q.executeTakeFirst();
      return r && toCustomer(r);
    },
    async update(id, expectedVersion, changes, at) {
      const r = await db
        .updateTable('customers')
        .set({ ...toDbRow(changes), version: sql<number>`version + 1`, updatedAt: at })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!r) return undefined;
      if (changes.tags) await setTags(id, changes.tags);
      return toCustomer(r);
    },
    async lockForWrite(id) {
      let q = db.selectFrom('customers').select('id').where('id', '=', id).where('deletedAt', 'is', null);
      if (engine === 'postgres') q = q.forUpdate();
      return !!(await q.executeTakeFirst());
    },
    async setDeleted(id, deleted) {
      const r = await db
        .updateTable('customers')
        .set({ deletedAt: deleted?.at ?? null, deletedBy: deleted?.by ?? null, version: sql<number>`version + 1` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCustomer(r);
    },
    async list(q, scope) {
      const where = filters(q, scope);
      const offset = (q.page - 1) * q.pageSize;
      const [rows, total] = await Promise.all([
        db
          .selectFrom('customers')
          .select(summaryColumns)
          .where(where)
          .orderBy(q.sort, q.order)
          .orderBy('id', q.order)
          .limit(q.pageSize)
          .offset(offset)
          .execute(),
        db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
      ]);
      const items = rows.map((r) => ({ ...r, tags: parseJson<string[]>(r.tags, []) }) as CustomerSummary);
      return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
    async codeExists(code) {
      return !!(await db.selectFrom('customers').select('id').where('code', '=', code).executeTakeFirst());
    },
    async count(scope) {
      const r = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where('deletedAt', 'is', null).where((eb) => scopeCondition(eb, scope)).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
