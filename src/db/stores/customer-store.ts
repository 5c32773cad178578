import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { segmentQuerySchema, type SegmentQuery } from '../../domain/sharing/share.ts';
import { sharingStore } from './sharing-store.ts';
import { classCondition } from './classification-store.ts';
import { customerListQuerySchema, type Customer, type CustomerListQuery } from '../../domain/customers/customer.ts';
import type { BlindIndexField, CustomerFilterQuery, CustomerRow, CustomerStore, CustomerSummary, ExportRow, RecordFilter } from '../../services/ports.ts';
import type { Database, CustomersTable } from '../schema.ts';
import type { Db, ScanConnection } from '../connect.ts';
import { parseJson, uniqueAs } from '../db-errors.ts';
import type { RecordCipher } from '../crypto/record-cipher.ts';
import { createBulkOpener, type BulkOpener } from '../crypto/bulk-sealer.ts';
import { normalizeIdCard, normalizeMobile, normalizeUscc } from '../../domain/customers/validators.ts';
import { customerIndexColumn, openCustom, openRow, sealedColumns, sealWrite, sensitiveCustomKeys } from '../crypto/sensitive-columns.ts';
import { MAX_TERM, mayBePinyin, normalizeSearchText, prefixEnd, searchQueryTexts, searchTermKinds } from '../../domain/customers/search-terms.ts';
import { decodeListCursor, encodeListCursor } from '../../domain/customers/list-cursor.ts';
import { insertSearchTerms, refreshSearchTerms, searchTermRows } from '../search-terms.ts';
import type { CustomerSearchHit, SearchMatch } from '../../services/ports.ts';

function toDbRow(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...changes };
  if (changes.tags !== undefined) out.tags = JSON.stringify(changes.tags);
  if (changes.custom !== undefined) out.custom = JSON.stringify(changes.custom);
  return out;
}

const summaryColumns = ['id', 'code', 'kind', 'name', 'stage', 'ownerId', 'departmentId', 'mobile', 'email', 'province', 'city', 'industry', 'tags', 'createdAt', 'updatedAt', 'deletedAt', 'version'] as const;

const indexColumn = (field: BlindIndexField) => customerIndexColumn[field];
type IndexColumn = ReturnType<typeof indexColumn>;

/** Every list filter (a saved filter is exactly these); a query with none of them set is unfiltered. */
const filterKeys = Object.keys(segmentQuerySchema.shape) as (keyof SegmentQuery)[];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A search box entry as prefix ranges over customer_search_terms (long entries scan by their first MAX_TERM characters). */
const termRanges = (q: string) =>
  searchQueryTexts(q).map((text) => {
    const head = [...text].slice(0, MAX_TERM).join('');
    return { text, lo: head, hi: prefixEnd(head), long: head !== text };
  });
const rankedKinds: [SearchMatch, number][] = [['prefix', searchTermKinds.name], ['substring', searchTermKinds.sub], ['pinyin', searchTermKinds.pinyin]];
const exactCode = (q: string) => q.normalize('NFKC').trim().toUpperCase();

/**
 * The record filter as SQL; the only place a RecordFilter becomes a WHERE clause: owned, in one of the
 * departments, shared directly (live, unexpired, with the right access), or in a shared saved filter
 * (`segments`, conditions the customer store builds from the shares it loads for the grantee).
 */
export function scopeCondition(eb: ExpressionBuilder<Database, 'customers'>, f: RecordFilter, segments: Expression<SqlBool>[] = []) {
  if (f.kind === 'all') return eb.lit(true);
  const or: Expression<SqlBool>[] = [];
  if (f.ownerId !== null) or.push(eb('customers.ownerId', '=', f.ownerId));
  if (f.departmentIds.length) or.push(eb('customers.departmentId', 'in', f.departmentIds));
  if (f.sharedTo) {
    const { userId, departmentId, access } = f.sharedTo;
    const now = new Date().toISOString();
    or.push(
      eb.exists(
        eb
          .selectFrom('customerShares as s')
          .select(sql`1`.as('one'))
          .whereRef('s.customerId', '=', 'customers.id')
          .where('s.revokedAt', 'is', null)
          .where('s.access', 'in', access)
          .where((e) => e.or([e('s.expiresAt', 'is', null), e('s.expiresAt', '>', now)]))
          .where((e) => e.or([e('s.granteeUserId', '=', userId), ...(departmentId === null ? [] : [e('s.granteeDepartmentId', '=', departmentId)])])),
      ),
      ...segments,
    );
  }
  return or.length ? eb.or(or) : eb.lit(false);
}

type Segment = { query: SegmentQuery; scope: RecordFilter };

/** The list with no filter, as `count` asks for it: every live customer in the scope. */
const everyLive: CustomerListQuery = customerListQuerySchema.parse({});

/** Rows skipped from which a page by number is read from the nearer end of the list (it needs the total first). */
const DEEP_OFFSET = 10_000;

/** Live-count rows (PostgreSQL) beyond which a read folds them into one; one per statement that changed customers. */
const LIVE_COUNT_PARTS = 200;

/**
 * Folds PostgreSQL's live-count rows into one holding their sum. Safe beside writers and another
 * compaction: it deletes only the rows its statement sees and inserts their sum in the same statement,
 * so the total in every snapshot stays the same.
 */
export async function compactLiveCounts(db: Db): Promise<void> {
  await sql`WITH gone AS (DELETE FROM customer_live_counts RETURNING n) INSERT INTO customer_live_counts (n) SELECT coalesce(sum(n), 0) FROM gone`.execute(db);
}

export function customerStore(db: Db, engine: 'sqlite' | 'postgres', cipher: RecordCipher, openScan?: () => ScanConnection): CustomerStore {
  const toCustomer = (r: Selectable<CustomersTable>): Promise<Customer> =>
    cipher.reading(db, () => {
      const c = openRow(cipher, 'customers', r);
      return { ...c, tags: parseJson(c.tags, []), custom: openCustom(cipher, parseJson(c.custom, {})) } as unknown as Customer;
    });
  const seal = async (changes: Partial<CustomerRow>) =>
    toDbRow(sealWrite(cipher, 'customers', changes, changes.custom === undefined ? undefined : await sensitiveCustomKeys(db)));

  /** What a free-text search can match exactly: a mobile (full or its last 4 digits), e-mail, USCC or ID card number. */
  const searchIndexes = (text: string) => {
    const out: [IndexColumn, string][] = [];
    const add = (field: BlindIndexField, ok: boolean) => {
      const v = ok ? cipher.index(field, text) : null;
      if (v) out.push([indexColumn(field), v]);
    };
    const t = text.trim();
    add('mobile', normalizeMobile(t) !== undefined);
    add('mobileTail', /^\d{4}$/.test(t));
    add('email', t.includes('@') || t.includes('＠'));
    add('uscc', normalizeUscc(t).length === 18);
    add('idCardNo', normalizeIdCard(t).length === 18);
    return out;
  };

  const setTags = async (customerId: number, tags: string[]) => {
    await db.deleteFrom('customerTags').where('customerId', '=', customerId).execute();
    if (tags.length) await db.insertInto('customerTags').values(tags.map((tag) => ({ customerId, tag }))).execute();
  };

  /** Saved filters shared to this user, loaded once per query (only for scoped users with shares). */
  const segmentsOf = async (f: RecordFilter): Promise<Segment[]> =>
    f.kind === 'scoped' && f.sharedTo ? sharingStore(db).segmentSharesFor(f.sharedTo, f.sharedTo.access, new Date().toISOString()) : [];
  const scoped = (eb: ExpressionBuilder<Database, 'customers'>, f: RecordFilter, segments: Segment[]) =>
    scopeCondition(eb, f, segments.map((s) => eb.and([...queryConditions(eb, s.query), scopeCondition(eb, s.scope)])));

  const filters = (q: CustomerFilterQuery & { ids?: number[] }, scope: RecordFilter, segments: Segment[]) => (eb: ExpressionBuilder<Database, 'customers'>) =>
    eb.and([scoped(eb, scope, segments), q.deleted === 'only' ? eb('deletedAt', 'is not', null) : eb('deletedAt', 'is', null), ...queryConditions(eb, q)]);

  const queryConditions = (eb: ExpressionBuilder<Database, 'customers'>, q: SegmentQuery & { ids?: number[] }) => {
    const and: Expression<SqlBool>[] = [];
    if (q.ids) and.push(q.ids.length ? eb('id', 'in', q.ids) : eb.lit(false));
    if (q.kind) and.push(eb('kind', '=', q.kind));
    if (q.stage) and.push(eb('stage', '=', q.stage));
    if (q.ownerId) and.push(eb('ownerId', '=', q.ownerId));
    if (q.departmentId) and.push(eb('departmentId', '=', q.departmentId));
    if (q.province) and.push(eb('province', '=', q.province));
    if (q.city) and.push(eb('city', '=', q.city));
    if (q.industry) and.push(eb('industry', '=', q.industry));
    if (q.createdFrom) and.push(eb('createdAt', '>=', `${q.createdFrom}T00:00:00.000Z`));
    if (q.createdTo) and.push(eb('createdAt', '<', sql<string>`${`${q.createdTo}T23:59:59.999Z`}`));
    if (q.category) {
      const [scheme = '', code = ''] = q.category.split(':');
      and.push(classCondition(eb, scheme, code));
    }
    if (q.tag) {
      and.push(eb.exists(eb.selectFrom('customerTags as t').select(sql`1`.as('one')).whereRef('t.customerId', '=', 'customers.id').where('t.tag', '=', q.tag!)));
    }
    if (q.q) {
      // served by customer_search_terms (name, company core, pinyin) and the blind indexes, never a scan of names
      const or: Expression<SqlBool>[] = [eb('code', '=', exactCode(q.q))];
      for (const column of searchIndexes(q.q)) or.push(eb(column[0], '=', column[1]));
      for (const r of termRanges(q.q)) {
        const ids = eb.selectFrom('customerSearchTerms as st').select('st.customerId').where('st.kind', 'in', mayBePinyin(q.q) ? [searchTermKinds.name, searchTermKinds.sub, searchTermKinds.pinyin] : [searchTermKinds.name, searchTermKinds.sub]).where('st.term', '>=', r.lo).where('st.term', '<', r.hi);
        const hit = eb('id', 'in', ids);
        const op = engine === 'postgres' ? 'ilike' : 'like';
        or.push(r.long ? eb.and([hit, eb(eb.ref('name'), op, sql<string>`${`%${escapeLike(q.q.trim())}%`} escape '\\'`)]) : hit);
      }
      and.push(eb.or(or));
    }
    return and;
  };

  /**
   * The list's total. Unfiltered, each engine has a way that reads no customer row. SQLite: all rows
   * minus the recycle bin, as a bare count(*) only counts the pages of the smallest index, ~0.3 ms
   * instead of ~90 ms at 1M customers. PostgreSQL: the sum of the live-count rows its triggers keep
   * (migration 0014), instead of a ~100 ms count(*).
   */
  const countOf = async (q: CustomerListQuery & { ids?: number[] }, scope: RecordFilter, where: ReturnType<typeof filters>): Promise<{ n: number }> => {
    const unfiltered = scope.kind === 'all' && q.deleted !== 'only' && !q.ids && !filterKeys.some((k) => q[k] !== undefined);
    if (unfiltered && engine === 'sqlite') return sql<{ n: number }>`SELECT (SELECT count(*) FROM customers) - (SELECT count(*) FROM customers WHERE deleted_at IS NOT NULL) AS n`.execute(db).then((r) => r.rows[0]!);
    if (unfiltered) {
      const r = (await sql<{ n: string; parts: string }>`SELECT coalesce(sum(n), 0) AS n, count(*) AS parts FROM customer_live_counts`.execute(db)).rows[0]!;
      if (Number(r.parts) > LIVE_COUNT_PARTS) void compactLiveCounts(db).catch(() => undefined); // the next read is cheaper; this one's answer is already exact
      return { n: Number(r.n) };
    }
    return db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow();
  };

  return {
    async insert(row, at) {
      const sealed = (await seal(row)) as CustomerRow & { tags: string; custom: string };
      const inserted = await uniqueAs('code', () =>
        db
          .insertInto('customers')
          .values({ ...sealed, version: 1, createdAt: at, updatedAt: at })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      await setTags(inserted.id, row.tags);
      await insertSearchTerms(db, searchTermRows(inserted));
      return toCustomer(inserted);
    },
    async findById(id, opts) {
      const segments = await segmentsOf(opts.filter);
      let q = db.selectFrom('customers').selectAll().where('id', '=', id).where((eb) => scoped(eb, opts.filter, segments));
      if (!opts.includeDeleted) q = q.where('deletedAt', 'is', null);
      const r = await q.executeTakeFirst();
      return r && (await toCustomer(r));
    },
    async update(id, expectedVersion, changes, at) {
      const r = await db
        .updateTable('customers')
        .set({ ...(await seal(changes)), version: sql<number>`version + 1`, updatedAt: at })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirst();
      if (!r) return undefined;
      if (changes.tags) await setTags(id, changes.tags);
      if (changes.name !== undefined || changes.kind !== undefined || changes.shortName !== undefined) await refreshSearchTerms(db, [id]);
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
      const where = filters(q, scope, await segmentsOf(scope));
      const cursor = q.after === undefined ? undefined : decodeListCursor(q.after);
      const offset = cursor ? 0 : (q.page - 1) * q.pageSize;
      let page = db.selectFrom('customers').select(summaryColumns).where(where);
      // keyset: rows after (sort value, id) of the previous page's last row, in the same order
      if (cursor) page = page.where((eb) => eb(eb.refTuple(q.sort, 'id'), q.order === 'asc' ? '>' : '<', eb.tuple(cursor.value, cursor.id)));
      const ordered = (order: 'asc' | 'desc', limit: number, skip: number) => page.orderBy(q.sort, order).orderBy('id', order).limit(limit).offset(skip).execute();
      let rows: Awaited<ReturnType<typeof ordered>>;
      let total: { n: number } | undefined;
      if (offset >= DEEP_OFFSET && q.withTotal !== 'false') {
        // a deep page by number: an OFFSET walks every row before it, so a page in the back half is read
        // from the other end, in the reverse order (the last of 50,000 pages costs what the first does)
        total = await countOf(q, scope, where);
        const n = Number(total.n);
        if (offset >= n) rows = [];
        else if (offset * 2 <= n) rows = await ordered(q.order, q.pageSize, offset);
        else {
          const end = Math.min(offset + q.pageSize, n);
          rows = (await ordered(q.order === 'asc' ? 'desc' : 'asc', end - offset, n - end)).reverse();
        }
      } else {
        [rows, total] = await Promise.all([ordered(q.order, q.pageSize, offset), q.withTotal === 'false' ? undefined : countOf(q, scope, where)]);
      }
      const items = await cipher.reading(db, () => rows.map((r) => ({ ...openRow(cipher, 'customers', r), tags: parseJson<string[]>(r.tags, []) }) as CustomerSummary));
      const last = rows.at(-1);
      const lastValue = last?.[q.sort];
      const nextCursor = rows.length === q.pageSize && last && lastValue != null ? encodeListCursor({ sort: q.sort, order: q.order, value: String(lastValue), id: last.id }) : null;
      return { items, total: total === undefined ? null : Number(total.n), page: q.page, pageSize: q.pageSize, nextCursor };
    },
    async codeExists(code) {
      return !!(await db.selectFrom('customers').select('id').where('code', '=', code).executeTakeFirst());
    },
    async findIdsByBlindIndex(field, value, scope) {
      const index = cipher.index(field, value);
      if (!index) return [];
      const segments = await segmentsOf(scope);
      const rows = await db
        .selectFrom('customers')
        .select('id')
        .where(indexColumn(field), '=', index)
        .where('deletedAt', 'is', null)
        .where((eb) => scoped(eb, scope, segments))
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async *exportBatches(q, scope, selection, batchSize) {
      const segments = await segmentsOf(scope);
      // SQLite would walk the (deleted_at, …) index and sort every batch: `+` keeps it on the id order
      const deleted = sql<SqlBool>`${engine === 'sqlite' ? sql`+` : sql``}${sql.ref('customers.deletedAt')} ${q.deleted === 'only' ? sql`is not null` : sql`is null`}`;
      const where = (eb: ExpressionBuilder<Database, 'customers'>) => eb.and([scoped(eb, scope, segments), deleted, ...queryConditions(eb, q)]);
      const fields = [...new Set(selection.fields)].filter((f) => f !== 'id');
      const sealed = sealedColumns.customers.filter((c) => (fields as string[]).includes(c));
      const withTags = (fields as string[]).includes('tags');
      const customKeys = selection.customKeys;
      const columns = ['id', ...fields, ...(customKeys.length ? ['custom'] : [])] as (keyof CustomersTable)[];
      // in place: opening an already opened value is a no-op, so a retry after a key reload is safe
      const open = (rows: Record<string, unknown>[]) => {
        for (const r of rows) {
          for (const c of sealed) if (typeof r[c] === 'string') r[c] = cipher.open(r[c]);
          if (withTags) r.tags = parseJson(r.tags as string, []);
          if (customKeys.length) {
            const custom = parseJson<Record<string, unknown>>(r.custom as string, {});
            const picked: Record<string, unknown> = {};
            for (const k of customKeys) if (custom[k] !== undefined) picked[k] = cipher.openJson(custom[k]);
            r.custom = picked;
          }
        }
        return rows as ExportRow[];
      };
      let after = 0;
      // on SQLite the batches are read through a connection of the export's own (see connect.ts)
      const scan = openScan?.();
      const reader = scan?.db ?? db;
      const read = async () => {
        const rows = (await reader.selectFrom('customers').select(columns).where(where).where('id', '>', after).orderBy('id').limit(batchSize).execute()) as Record<string, unknown>[];
        if (rows.length) after = rows.at(-1)!.id as number;
        return rows;
      };
      // a large export decrypts on a worker thread: batch n is opened there while this thread reads batch
      // n + 1 and the writer renders batch n − 1 (the worker starts only once a first batch comes back full)
      let opener: BulkOpener | undefined;
      const openBatch = async (rows: Record<string, unknown>[]) => {
        if (opener) {
          const at: [Record<string, unknown>, string][] = [];
          for (const r of rows) for (const c of sealed) if (typeof r[c] === 'string') at.push([r, c]);
          const opened = await opener.run(at.map(([r, c]) => r[c] as string));
          // what the worker could not open (a key rotated in since) stays sealed for `open` below
          for (let i = 0; i < at.length; i++) if (opened[i] !== null) at[i]![0][at[i]![1]] = opened[i];
        }
        return cipher.reading(db, () => open(rows));
      };
      try {
        let rows = await read();
        if (rows.length === batchSize && sealed.length) opener = createBulkOpener(cipher);
        let opening = rows.length ? openBatch(rows) : undefined;
        while (opening) {
          const next = rows.length === batchSize ? await read() : [];
          const done = await opening;
          opening = next.length ? openBatch(next) : undefined;
          rows = next;
          yield done;
        }
      } finally {
        await opener?.close();
        await scan?.close();
      }
    },
    async search(q, limit, scope) {
      const segments = await segmentsOf(scope);
      const hits = new Map<number, CustomerSearchHit>();
      const open = (rows: Selectable<CustomersTable>[] | Pick<Selectable<CustomersTable>, (typeof summaryColumns)[number]>[], match: SearchMatch) =>
        cipher.reading(db, () => {
          for (const r of rows) if (!hits.has(r.id) && hits.size < limit) hits.set(r.id, { ...openRow(cipher, 'customers', r), tags: parseJson<string[]>(r.tags, []), match } as CustomerSearchHit);
        });
      const exactRows = await db
        .selectFrom('customers')
        .select(summaryColumns)
        .where((eb) => eb.or([eb('code', '=', exactCode(q)), ...searchIndexes(q).map(([column, value]) => eb(column, '=', value))]))
        .where('deletedAt', 'is', null)
        .where((eb) => scoped(eb, scope, segments))
        .orderBy('id')
        .limit(limit)
        .execute();
      await open(exactRows, 'exact');
      const ranges = termRanges(q);
      for (const [match, kind] of rankedKinds) {
        if (match === 'pinyin' && !mayBePinyin(q)) continue;
        for (const r of ranges) {
          if (hits.size >= limit) break;
          // the (kind, term, customer_id) key gives rows in term order: the shortest completion of a prefix first
          const rows = await db
            .selectFrom('customerSearchTerms as st')
            .innerJoin('customers', 'customers.id', 'st.customerId')
            .select(summaryColumns.map((c) => `customers.${c}` as const))
            .where('st.kind', '=', kind)
            .where('st.term', '>=', r.lo)
            .where('st.term', '<', r.hi)
            .where('customers.deletedAt', 'is', null)
            .where((eb) => scoped(eb as unknown as ExpressionBuilder<Database, 'customers'>, scope, segments))
            .orderBy('st.term')
            .orderBy('st.customerId')
            .limit((limit + hits.size) * 2)
            .execute();
          await open(r.long ? rows.filter((x) => match === 'pinyin' || [normalizeSearchText(x.name), x.name.normalize('NFKC').toLowerCase().replace(/\s/gu, '')].some((n) => n.includes(r.text))) : rows, match);
        }
      }
      return [...hits.values()];
    },
    async count(scope) {
      return Number((await countOf(everyLive, scope, filters(everyLive, scope, await segmentsOf(scope)))).n);
    },
  };
}
