import { createHash } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/engines.ts';
import { openTestKedang, type TestKedang } from '../../../test/support/kedang.ts';
import type { Engine } from '../connect.ts';
import { connect } from '../connect.ts';
import { migrations } from '../migrations/index.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { updateCustomer } from '../../services/customers/update-customer.ts';
import { recordAudit } from '../../services/audit/record-audit.ts';
import { verifyAuditChain, type AuditChainReport } from '../../services/audit/verify-audit-chain.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- start-up sealing happens in the composition root, so the test opens Kedang through it
import { openKedang } from '../../wiring.ts';

// the connection's CamelCasePlugin hands raw rows back camelCased
type Row = { id: number; action: string; prevHash: string | null; hash: string | null };
const contentColumns = ['at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'customer_id', 'changes', 'meta', 'prev_hash', 'hash'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL against the stored table, as an intruder would write it
const raw = (k: TestKedang) => k.connection.db as unknown as Kysely<any>;
const chainRows = async (k: TestKedang) => (await sql<Row>`select id, action, prev_hash, hash from audit_entries order by id`.execute(k.connection.db)).rows.map((r) => ({ ...r, id: Number(r.id) }));
const forgedHash = (text: string) => createHash('sha256').update(text).digest('hex');
const verify = (k: TestKedang) => verifyAuditChain(k.deps, k.admin);

/** The workload: real use cases, a rolled-back append (an id gap), then 20 creates at once. */
async function chainedKedang(engine: Engine): Promise<TestKedang & { gapId: number }> {
  const k = await openTestKedang(engine);
  const c = await createCustomer(k.deps, k.admin, { kind: 'individual', name: '链测客户', mobile: '13800138000', contacts: [{ name: '王芳', mobile: '13900139000' }] });
  await updateCustomer(k.deps, k.admin, c.id, { version: c.version, name: '链测客户（改名）', notes: '=cmd|calc' });
  const before = (await chainRows(k)).at(-1)?.id ?? 0;
  await k.deps.db
    .transaction(async (tx) => {
      await recordAudit(tx, k.admin, new Date().toISOString(), { action: 'test.rolled_back', entityType: 'test', entityId: null });
      throw new Error('roll back');
    })
    .catch(() => undefined);
  // PostgreSQL keeps the identity value the rollback used; SQLite rolls its sequence back, so move it on by hand
  if (engine === 'sqlite') await sql`update sqlite_sequence set seq = seq + 1 where name = 'audit_entries'`.execute(k.connection.db);
  await updateCustomer(k.deps, k.admin, c.id, { version: c.version + 1, notes: '第二次修改' });
  // creates queue on the code counter's row lock; updates of different customers share no lock but the chain's
  const created = await Promise.all(Array.from({ length: 20 }, (_, i) => createCustomer(k.deps, k.admin, { kind: 'individual', name: `并发客户${i}` })));
  await Promise.all(created.map((x, i) => updateCustomer(k.deps, k.admin, x.id, { version: x.version, notes: `并发修改${i}` })));
  return Object.assign(k, { gapId: before + 1 });
}

const problemOf = (r: AuditChainReport) => (r.intact ? undefined : r.problem);

describe.each(testEngines())('audit hash chain on %s', (engine) => {
  let k: (TestKedang & { gapId: number }) | undefined;
  afterEach(async () => {
    await k?.close();
    k = undefined;
  });

  it('links every entry written by use cases, 20 concurrent creates, 20 concurrent updates and an id gap included', async () => {
    k = await chainedKedang(engine);
    const rows = await chainRows(k);
    expect(rows.length).toBe(45);
    expect(rows.map((r) => r.id)).not.toContain(k.gapId);
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    for (const [i, r] of rows.entries()) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(r.prevHash).toBe(rows[i - 1]?.hash);
    }
    expect(await verify(k)).toEqual({ intact: true, entries: rows.length, lastId: rows.at(-1)?.id, lastHash: rows.at(-1)?.hash });
  });

  it('pages filtered entries newest first for exports, never past the id the export began at', async () => {
    k = await chainedKedang(engine);
    const rows = await chainRows(k);
    const upToId = (rows[30] as Row).id;
    const filter = { action: 'customer.updated' };
    const batches: number[][] = [];
    for await (const batch of k.deps.db.audit.scan(filter, upToId, 7)) batches.push(batch.map((e) => e.id));
    const expected = rows.filter((r) => r.action === 'customer.updated' && r.id <= upToId).map((r) => r.id).reverse();
    expect(batches.flat()).toEqual(expected);
    expect(batches.every((b) => b.length <= 7)).toBe(true);
    expect(await k.deps.db.audit.count(filter, upToId)).toBe(expected.length);
    expect(await k.deps.db.audit.head()).toEqual({ id: rows.at(-1)?.id, hash: rows.at(-1)?.hash });
  });

  it('names an altered entry, whichever column changed, also when the intruder rehashes it without the key', async () => {
    k = await chainedKedang(engine);
    const rows = await chainRows(k);
    const target = rows.find((r) => r.action === 'customer.updated') as Row;
    const previousId = rows[rows.indexOf(target) - 1]?.id ?? null;
    const db = raw(k);
    const original = await db.selectFrom('audit_entries').select([...contentColumns]).where('id', '=', target.id).executeTakeFirstOrThrow();
    const edits: Record<string, unknown>[] = [
      { changes: JSON.stringify([{ field: 'name', before: '链测客户', after: '别人' }]) },
      { action: 'customer.viewed' },
      { actor_name: 'someone-else' },
      { actor_id: null },
      { at: '2020-01-01T00:00:00.000Z' },
      { customer_id: 999 },
      { meta: JSON.stringify({ note: 'added' }) },
      { prev_hash: forgedHash('x') },
      { action: 'customer.viewed', hash: forgedHash('customer.viewed') },
    ];
    for (const edit of edits) {
      await db.updateTable('audit_entries').set(edit).where('id', '=', target.id).execute();
      expect(problemOf(await verify(k)), JSON.stringify(edit)).toMatchObject({ kind: 'altered', entryId: target.id, previousId });
      await db.updateTable('audit_entries').set(original).where('id', '=', target.id).execute();
    }
    expect((await verify(k)).intact).toBe(true);
  });

  it('names the entry after a deleted one, and a deleted first entry', async () => {
    k = await chainedKedang(engine);
    const rows = await chainRows(k);
    const [first, second, third] = rows as [Row, Row, Row];
    await sql`delete from audit_entries where id = ${second.id}`.execute(k.connection.db);
    expect(await verify(k)).toMatchObject({ intact: false, entries: 1, problem: { kind: 'deleted', entryId: third.id, previousId: first.id, action: third.action } });
    await sql`delete from audit_entries where id = ${first.id}`.execute(k.connection.db);
    expect(problemOf(await verify(k))).toMatchObject({ kind: 'deleted', entryId: third.id, previousId: null });
  });

  it('names a forged entry put into an id gap, and one appended at the end', async () => {
    k = await chainedKedang(engine);
    const rows = await chainRows(k);
    const before = rows.filter((r) => r.id < k!.gapId).at(-1) as Row;
    const overriding = engine === 'postgres' ? sql`overriding system value` : sql``;
    const forge = (id: number, prevHash: string | null) => sql`
      insert into audit_entries (id, at, actor_id, actor_name, action, entity_type, entity_id, customer_id, changes, meta, prev_hash, hash)
      ${overriding} values (${id}, ${new Date().toISOString()}, null, 'admin', 'customer.deleted', 'customer', '1', 1, '[]', '{}', ${prevHash}, ${forgedHash(String(id))})`.execute(k!.connection.db);
    await forge(k.gapId, before.hash);
    expect(await verify(k)).toMatchObject({ intact: false, problem: { kind: 'inserted', entryId: k.gapId, previousId: before.id, action: 'customer.deleted' } });
    await sql`delete from audit_entries where id = ${k.gapId}`.execute(k.connection.db);
    expect((await verify(k)).intact).toBe(true);

    const lastId = (rows.at(-1) as Row).id;
    await forge(lastId + 100, forgedHash('made up'));
    expect(problemOf(await verify(k))).toMatchObject({ kind: 'inserted', entryId: lastId + 100, previousId: lastId });
  });

  it('names the first of two swapped entries as altered', async () => {
    k = await chainedKedang(engine);
    const rows = await chainRows(k);
    const [a, b] = rows.slice(5, 7) as [Row, Row];
    const db = raw(k);
    const read = (id: number) => db.selectFrom('audit_entries').select([...contentColumns]).where('id', '=', id).executeTakeFirstOrThrow();
    const [ra, rb] = [await read(a.id), await read(b.id)];
    await db.updateTable('audit_entries').set(rb).where('id', '=', a.id).execute();
    await db.updateTable('audit_entries').set(ra).where('id', '=', b.id).execute();
    expect(problemOf(await verify(k))).toMatchObject({ kind: 'altered', entryId: a.id, previousId: rows[4]?.id });
  });

  it('keeps appending after tampering and still names the first problem', async () => {
    k = await chainedKedang(engine);
    const target = (await chainRows(k))[3] as Row;
    await sql`update audit_entries set actor_name = 'nobody' where id = ${target.id}`.execute(k.connection.db);
    await createCustomer(k.deps, k.admin, { kind: 'organization', name: '篡改之后的客户' });
    expect(problemOf(await verify(k))).toMatchObject({ kind: 'altered', entryId: target.id });
  });

  describe('entries written before the chain existed', () => {
    let tdb: TestDatabase | undefined;
    afterEach(async () => {
      await tdb?.drop();
      tdb = undefined;
    });

    it('are sealed in id order at start-up, once; a hash removed later is reported, not re-signed', async () => {
      tdb = await createTestDatabase(engine);
      const c = connect({ ...tdb.config, poolSize: 2 });
      const before0004 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0004'));
      const migrator = new Migrator({ db: c.db.withoutPlugins(), provider: { getMigrations: async () => before0004 }, migrationTableName: 'kedang_migrations', migrationLockTableName: 'kedang_migrations_lock' });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      for (let i = 0; i < 1_234; i++) {
        await sql`insert into audit_entries (at, actor_id, actor_name, action, entity_type, entity_id, customer_id, changes, meta)
          values (${new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString()}, null, 'system:legacy', 'customer.updated', 'customer', ${String(i)}, ${i}, ${JSON.stringify([{ field: 'name', before: `旧${i}`, after: `新${i}` }])}, '{}')`.execute(c.db);
      }
      await c.close();

      const opened = await openKedang(tdb.config);
      const system = { kind: 'system', name: 'test' } as const;
      const report = await verifyAuditChain(opened.deps, system);
      expect(report).toMatchObject({ intact: true, entries: 1_235 });
      const sealedEntry = await opened.deps.db.audit.list({ action: 'audit.chain_sealed', page: 1, pageSize: 5 });
      expect(sealedEntry.items).toHaveLength(1);
      expect(sealedEntry.items[0]?.meta).toEqual({ entries: 1_234 });
      const target = (await sql<{ id: number }>`select id from audit_entries order by id limit 1 offset 500`.execute(opened.connection.db)).rows[0] as { id: number };
      await sql`update audit_entries set hash = null, prev_hash = null, actor_name = 'rewritten' where id = ${target.id}`.execute(opened.connection.db);
      await opened.connection.close();

      const reopened = await openKedang(tdb.config);
      expect(problemOf(await verifyAuditChain(reopened.deps, system))).toMatchObject({ kind: 'altered', entryId: Number(target.id) });
      await reopened.connection.close();
    });
  });
});
