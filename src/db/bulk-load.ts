import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openSqlite, type Engine } from './connect.ts';
import type { ArchiveBatch, BulkLoader, BulkSession, BulkTable, CodeBlock } from '../services/ports.ts';

/*
 * Bulk writes for whole archives (seed, benchmarks), off the Kysely path that serves requests.
 * Each session has its own connection: SQLite reopens the file with the same pragmas (WAL,
 * synchronous=FULL: durability is not traded for speed), PostgreSQL uses COPY. One batch is one
 * transaction, so an interrupted load leaves whole customers with all their records.
 */

export type BulkTarget = { engine: Engine; sqlitePath: string; databaseUrl: string | undefined };

export function createBulkLoader(target: BulkTarget): BulkLoader {
  return {
    engine: target.engine,
    async open() {
      if (target.engine === 'postgres') {
        if (!target.databaseUrl) throw new Error('bulk loader: PostgreSQL needs a database URL');
        const client = new pg.Client({ connectionString: target.databaseUrl });
        await client.connect();
        return pgSession(client);
      }
      if (target.sqlitePath === ':memory:') throw new Error('bulk loader: an in-memory SQLite database cannot be reopened');
      return sqliteSession(openSqlite(target.sqlitePath));
    },
  };
}

const customerColumns = [
  'code', 'kind', 'name', 'stage', 'owner_id', 'department_id', 'source', 'tags', 'notes', 'custom', 'mobile', 'email',
  'province', 'city', 'district', 'address', 'gender', 'birthday', 'id_card_no', 'occupation', 'short_name', 'uscc',
  'legal_representative', 'industry', 'employees', 'annual_revenue_fen', 'website', 'last_verified_at', 'version',
  'created_at', 'updated_at', 'created_by', 'updated_by',
] as const;
const contactColumns = ['customer_id', 'name', 'title', 'mobile', 'email', 'is_primary', 'notes', 'created_at', 'updated_at'] as const;
const purchaseColumns = [
  'customer_id', 'order_no', 'ordered_on', 'amount_fen', 'cost_fen', 'currency', 'product_line', 'quantity', 'status',
  'due_on', 'paid_on', 'notes', 'created_at', 'updated_at',
] as const;
const interactionColumns = ['customer_id', 'channel', 'occurred_at', 'subject', 'summary', 'by_user_id', 'next_follow_up_on', 'created_at', 'updated_at'] as const;

type Row = (string | number | null)[];
type B = ArchiveBatch;

/** Row values in column order; shared by both engines so they cannot drift apart. */
const values = {
  customer: (c: B['customers'][number]): Row => [
    c.code, c.kind, c.name, c.stage, c.ownerId, c.departmentId, c.source, JSON.stringify(c.tags), c.notes, JSON.stringify(c.custom),
    c.mobile, c.email, c.province, c.city, c.district, c.address, c.gender, c.birthday, c.idCardNo, c.occupation, c.shortName,
    c.uscc, c.legalRepresentative, c.industry, c.employees, c.annualRevenueFen, c.website, c.lastVerifiedAt, 1,
    c.createdAt, c.updatedAt, c.createdBy, c.updatedBy,
  ],
  contact: (x: B['contacts'][number], id: number): Row => [id, x.name, x.title, x.mobile, x.email, x.isPrimary ? 1 : 0, x.notes, x.createdAt, x.updatedAt],
  purchase: (x: B['purchases'][number], id: number): Row => [
    id, x.orderNo, x.orderedOn, x.amountFen, x.costFen ?? null, x.currency, x.productLine, x.quantity, x.status, x.dueOn ?? null, x.paidOn ?? null, x.notes, x.createdAt, x.updatedAt,
  ],
  interaction: (x: B['interactions'][number], id: number): Row => [id, x.channel, x.occurredAt, x.subject, x.summary, x.byUserId ?? null, x.nextFollowUpOn ?? null, x.createdAt, x.updatedAt],
};
const columns = { customers: customerColumns, contacts: contactColumns, purchases: purchaseColumns, interactions: interactionColumns };

const insertSql = (table: string, cols: readonly string[]) => `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
const emptyTimings = (): Record<BulkTable, number> => ({ customers: 0, customerTags: 0, contacts: 0, purchases: 0, interactions: 0 });

/*
 * Reserving a block starts after both the counter and the highest existing code "<stem><digits>":
 * a code equal to a generated one would have the same digits, so none can collide. (After a scheme
 * change that left longer all-digit codes under the same stem, the seed continues after those.)
 */
const MAX_TAIL_DIGITS = 15; // stays exact as a JavaScript number

function sqliteSession(raw: SqliteDatabase.Database): BulkSession {
  raw.pragma('cache_size = -262144'); // 256 MiB for this connection only: index pages stay hot during the load
  const insert = {
    customer: raw.prepare(insertSql('customers', customerColumns)),
    tag: raw.prepare('INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)'),
    contact: raw.prepare(insertSql('contacts', contactColumns)),
    purchase: raw.prepare(insertSql('purchases', purchaseColumns)),
    interaction: raw.prepare(insertSql('interactions', interactionColumns)),
  };
  // the range keeps the unique index on code in play; GLOB keeps only all-digit tails
  const highestTail = raw.prepare<[number, string, string, number, number], { n: number | null }>(
    `SELECT max(CAST(substr(code, ?) AS INTEGER)) AS n FROM customers WHERE code >= ? AND code < ? AND length(code) <= ? AND substr(code, ?) NOT GLOB '*[^0-9]*'`,
  );
  const bumpCounter = raw.prepare<[string, string, number], { last_value: number }>(
    'INSERT INTO code_counters (scope, period, last_value) VALUES (?, ?, ?) ON CONFLICT (scope, period) DO UPDATE SET last_value = max(last_value, excluded.last_value) RETURNING last_value',
  );
  const readCounter = raw.prepare<[string, string], { last_value: number }>('SELECT last_value FROM code_counters WHERE scope = ? AND period = ?');

  const reserve = raw.transaction((blocks: CodeBlock[]) =>
    blocks.map((b) => {
      const current = readCounter.get(b.scope, b.period)?.last_value ?? 0;
      const stem = b.codeStem;
      const taken = stem === null ? 0 : (highestTail.get(stem.length + 1, `${stem}0`, `${stem}:`, stem.length + MAX_TAIL_DIGITS, stem.length + 1)?.n ?? 0);
      const first = Math.max(Number(current), taken) + 1;
      bumpCounter.get(b.scope, b.period, first + b.count - 1);
      return first;
    }),
  );

  const write = raw.transaction((batch: ArchiveBatch) => {
    const ms = emptyTimings();
    let t = performance.now();
    const ids: number[] = new Array(batch.customers.length);
    for (let i = 0; i < batch.customers.length; i++) {
      ids[i] = Number(insert.customer.run(values.customer(batch.customers[i]!)).lastInsertRowid);
    }
    ms.customers = -t + (t = performance.now());
    for (let i = 0; i < batch.customers.length; i++) for (const tag of batch.customers[i]!.tags) insert.tag.run(ids[i], tag);
    ms.customerTags = -t + (t = performance.now());
    for (const x of batch.contacts) insert.contact.run(values.contact(x, ids[x.customer]!));
    ms.contacts = -t + (t = performance.now());
    for (const x of batch.purchases) insert.purchase.run(values.purchase(x, ids[x.customer]!));
    ms.purchases = -t + (t = performance.now());
    for (const x of batch.interactions) insert.interaction.run(values.interaction(x, ids[x.customer]!));
    ms.interactions = performance.now() - t;
    return ms;
  });

  return {
    async reserveCodeBlocks(blocks) {
      return reserve.immediate(blocks);
    },
    async writeBatch(batch) {
      const t = performance.now();
      const ms = write.immediate(batch);
      // the commit (WAL fsync) belongs to the batch; book it on the biggest table
      ms.purchases += performance.now() - t - Object.values(ms).reduce((a, b) => a + b, 0);
      return ms;
    },
    async close() {
      raw.close();
    },
  };
}

/** PostgreSQL COPY FROM STDIN in text format: the fastest way in, about ten times multi-row INSERT. */

const pgCopyTables = ['customers', 'customerTags', 'contacts', 'purchases', 'interactions'] as const satisfies readonly BulkTable[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;

function field(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : v;
}

const line = (row: (string | number | null)[]) => row.map(field).join('\t') + '\n';

/** Lines of one table, about 2,000 rows per chunk so the socket gets few large writes. */
function* copyText(table: BulkTable, batch: ArchiveBatch, ids: number[]): Generator<string> {
  let chunk = '';
  let n = 0;
  const emit = (text: string) => {
    chunk += text;
    return ++n % 2000 === 0;
  };
  const flush = () => {
    const out = chunk;
    chunk = '';
    return out;
  };
  switch (table) {
    case 'customers':
      for (let i = 0; i < batch.customers.length; i++) if (emit(line([ids[i]!, ...values.customer(batch.customers[i]!)]))) yield flush();
      break;
    case 'customerTags':
      for (let i = 0; i < batch.customers.length; i++) for (const tag of batch.customers[i]!.tags) if (emit(line([ids[i]!, tag]))) yield flush();
      break;
    case 'contacts':
      for (const x of batch.contacts) if (emit(line(values.contact(x, ids[x.customer]!)))) yield flush();
      break;
    case 'purchases':
      for (const x of batch.purchases) if (emit(line(values.purchase(x, ids[x.customer]!)))) yield flush();
      break;
    case 'interactions':
      for (const x of batch.interactions) if (emit(line(values.interaction(x, ids[x.customer]!)))) yield flush();
      break;
  }
  if (chunk) yield flush();
}

const copySql: Record<BulkTable, string> = {
  // COPY writes identity columns as given, like INSERT … OVERRIDING SYSTEM VALUE; the ids came from nextval
  customers: `COPY customers (id, ${columns.customers.join(', ')}) FROM STDIN`,
  customerTags: 'COPY customer_tags (customer_id, tag) FROM STDIN',
  contacts: `COPY contacts (${columns.contacts.join(', ')}) FROM STDIN`,
  purchases: `COPY purchases (${columns.purchases.join(', ')}) FROM STDIN`,
  interactions: `COPY interactions (${columns.interactions.join(', ')}) FROM STDIN`,
};

async function copyRows(client: pg.Client, table: BulkTable, batch: ArchiveBatch, ids: number[]): Promise<void> {
  await pipeline(Readable.from(copyText(table, batch, ids)), client.query(copyFrom(copySql[table])));
}

function pgSession(client: pg.Client): BulkSession {
  const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };
  return {
    reserveCodeBlocks: (blocks) =>
      inTransaction(async () => {
        const firsts: number[] = [];
        for (const b of blocks) {
          let taken = 0;
          if (b.codeStem !== null) {
            const r = await client.query<{ n: string | null }>(
              `SELECT max(substr(code, $1)::numeric) AS n FROM customers WHERE left(code, $2) = $3 AND substr(code, $1) ~ '^[0-9]{1,${MAX_TAIL_DIGITS}}$'`,
              [b.codeStem.length + 1, b.codeStem.length, b.codeStem],
            );
            taken = Number(r.rows[0]?.n ?? 0);
          }
          // the row lock taken by the upsert serialises this with createCustomer's counter.next
          const r = await client.query<{ last_value: number }>(
            `INSERT INTO code_counters (scope, period, last_value) VALUES ($1, $2, $3::bigint + $4::bigint)
             ON CONFLICT (scope, period) DO UPDATE SET last_value = GREATEST(code_counters.last_value, $3::bigint) + $4::bigint RETURNING last_value`,
            [b.scope, b.period, taken, b.count],
          );
          firsts.push(Number(r.rows[0]!.last_value) - b.count + 1);
        }
        return firsts;
      }),
    writeBatch: (batch) =>
      inTransaction(async () => {
        const ms = emptyTimings();
        let t = performance.now();
        // identity values come from the sequence itself, so concurrent inserts never collide with ours
        const r = await client.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('customers', 'id')) AS id FROM generate_series(1, $1)`, [batch.customers.length]);
        const ids = r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
        for (const table of pgCopyTables) {
          await copyRows(client, table, batch, ids);
          ms[table] = -t + (t = performance.now());
        }
        return ms;
      }),
    async close() {
      await client.end();
    },
  };
}
