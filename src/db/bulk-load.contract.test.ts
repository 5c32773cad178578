import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../test/support/engines.ts';
import { codePeriod, defaultCodeScheme } from '../domain/customers/code-scheme.ts';
import type { Actor } from '../domain/users/user.ts';
import { createCustomer } from '../services/customers/create-customer.ts';
import { listCustomers } from '../services/customers/list-customers.ts';
import { seedArchive, seedOrderScope, type SeedSummary } from '../services/seed/seed-archive.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the contract drives the loader the way the CLI does, through the composition root
import { openKedang, type Kedang } from '../wiring.ts';

const admin: Actor = { kind: 'system', name: 'test' };

describe.each(testEngines())('bulk loader and seed on %s', (engine) => {
  let db: TestDatabase;
  let kedang: Kedang;
  let summary: SeedSummary;
  let before: { code: string; id: number };
  const count = async (table: 'customers' | 'customerTags' | 'contacts' | 'purchases' | 'interactions' | 'auditEntries') =>
    Number((await kedang.connection.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    kedang = await openKedang(db.config);
    // an archive that already has a customer this month: the seed must continue after it
    const first = await createCustomer(kedang.deps, admin, { kind: 'individual', name: '张伟', mobile: '13800138000' });
    before = { code: first.code, id: first.id };
    // and a code above the counter, as an import with its own codes might leave
    const period = codePeriod(defaultCodeScheme, new Date());
    const at = new Date().toISOString();
    await kedang.connection.db.insertInto('customers').values({ code: `KH${period}00009`, kind: 'individual', name: '李娜', stage: 'potential', tags: '[]', custom: '{}', version: 1, createdAt: at, updatedAt: at }).execute();
    summary = await seedArchive(kedang.deps, admin, kedang.bulk, { customers: 2_000, orders: 10_000, seed: 7, batchSize: 700 });
  }, 120_000);
  afterAll(async () => {
    await kedang?.connection.close();
    await db?.drop();
  });

  it('writes the counts it reports', async () => {
    expect(summary.counts.customers).toBe(2_000);
    expect(summary.counts.purchases).toBe(10_000);
    expect(summary.counts.interactions).toBe(4_000);
    expect(await count('customers')).toBe(2_002);
    expect(await count('purchases')).toBe(10_000);
    expect(await count('interactions')).toBe(4_000);
    expect(await count('contacts')).toBe(summary.counts.contacts);
    expect(await count('customerTags')).toBe(summary.counts.customerTags);
    expect(summary.counts.contacts).toBeGreaterThan(0);
    expect(summary.counts.customerTags).toBeGreaterThan(0);
  });

  it('continues codes after existing customers and leaves each counter at the highest code used', async () => {
    const period = codePeriod(defaultCodeScheme, new Date());
    const thisMonth = (await kedang.connection.db.selectFrom('customers').select('code').where('code', 'like', `KH${period}%`).orderBy('code').execute()).map((r) => r.code);
    expect(thisMonth.slice(0, 2)).toEqual([before.code, `KH${period}00009`]);
    expect(thisMonth.length).toBeGreaterThan(2);
    expect(thisMonth.slice(2)).toEqual(thisMonth.slice(2).map((_, i) => `KH${period}${String(i + 10).padStart(5, '0')}`));
    const counters = await kedang.connection.db.selectFrom('codeCounters').selectAll().where('scope', '=', 'customer:KH').execute();
    const codes = await kedang.connection.db.selectFrom('customers').select('code').execute();
    const highest = new Map<string, number>();
    for (const { code } of codes) highest.set(code.slice(2, 8), Math.max(highest.get(code.slice(2, 8)) ?? 0, Number(code.slice(8))));
    expect(new Map(counters.map((c) => [c.period, Number(c.lastValue)]))).toEqual(highest);
  });

  it('lets createCustomer continue without a collision, with a newer id', async () => {
    const created = await createCustomer(kedang.deps, admin, { kind: 'organization', name: '杭州云栈科技有限公司' });
    const maxId = await kedang.connection.db.selectFrom('customers').select((eb) => eb.fn.max('id').as('m')).where('id', '!=', created.id).executeTakeFirstOrThrow();
    expect(created.id).toBeGreaterThan(Number(maxId.m));
    const same = await kedang.connection.db.selectFrom('customers').select('id').where('code', '=', created.code).execute();
    expect(same).toHaveLength(1);
    const period = codePeriod(defaultCodeScheme, new Date());
    const counter = await kedang.connection.db.selectFrom('codeCounters').select('lastValue').where('scope', '=', 'customer:KH').where('period', '=', period).executeTakeFirstOrThrow();
    expect(created.code).toBe(`KH${period}${String(counter.lastValue).padStart(5, '0')}`);
  });

  it('makes tags filterable and keeps the tags column and customer_tags in step', async () => {
    const vip = await listCustomers(kedang.deps, admin, { tag: 'VIP', pageSize: 200 });
    const tagged = await kedang.connection.db.selectFrom('customerTags').select((eb) => eb.fn.countAll<number>().as('n')).where('tag', '=', 'VIP').executeTakeFirstOrThrow();
    expect(vip.total).toBe(Number(tagged.n));
    expect(vip.total).toBeGreaterThan(0);
    for (const c of vip.items) expect(c.tags).toContain('VIP');
    const rows = await kedang.connection.db.selectFrom('customers').select(['id', 'tags']).execute();
    const links = await kedang.connection.db.selectFrom('customerTags').selectAll().execute();
    const fromLinks = new Map<number, string[]>();
    for (const l of links) fromLinks.set(Number(l.customerId), [...(fromLinks.get(Number(l.customerId)) ?? []), l.tag]);
    for (const r of rows) expect((fromLinks.get(Number(r.id)) ?? []).sort()).toEqual((JSON.parse(r.tags) as string[]).sort());
  });

  it('stores stages that agree with the orders', async () => {
    const { db: k } = kedang.connection;
    const potentialWithOrders = await k.selectFrom('customers').select('id').where('stage', '=', 'potential').where((eb) => eb.exists(eb.selectFrom('purchases').select('id').whereRef('purchases.customerId', '=', 'customers.id'))).execute();
    const activeWithout = await k.selectFrom('customers').select('id').where('stage', '!=', 'potential').where((eb) => eb.not(eb.exists(eb.selectFrom('purchases').select('id').whereRef('purchases.customerId', '=', 'customers.id')))).execute();
    expect(potentialWithOrders).toHaveLength(0);
    expect(activeWithout).toHaveLength(0);
  });

  it('records one archive.seeded audit entry, not one per row', async () => {
    const entries = await kedang.deps.db.audit.list({ action: 'archive.seeded', page: 1, pageSize: 10 });
    expect(entries.total).toBe(1);
    expect(entries.items[0]).toMatchObject({ actorName: 'system:seed', entityType: 'archive', meta: { seed: 7, counts: summary.counts } });
    // the customer created before and after the seed have their own entries; the seeded rows have none
    expect(await count('auditEntries')).toBeLessThan(10);
  });

  it('can seed again without reusing a code or an order number', async () => {
    const again = await seedArchive(kedang.deps, admin, kedang.bulk, { customers: 300, orders: 1_000, seed: 7 });
    expect(again.counts.customers).toBe(300);
    const { db: k } = kedang.connection;
    const distinct = await k.selectFrom('purchases').select(sql<number>`count(distinct order_no)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(distinct.n)).toBe(11_000);
    const order = await k.selectFrom('codeCounters').select('lastValue').where('scope', '=', seedOrderScope).executeTakeFirstOrThrow();
    expect(Number(order.lastValue)).toBe(11_000);
    expect(await count('customers')).toBe(2_303);
  });
});
