import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../../../test/support/engines.ts';
import type { Actor } from '../../domain/users/user.ts';
import { deleteCustomer } from '../../services/customers/delete-customer.ts';
import { listCustomers } from '../../services/customers/list-customers.ts';
import { seedArchive } from '../../services/seed/seed-archive.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the contract seeds through the composition root, as the CLI does
import { openKedang, type Kedang } from '../../wiring.ts';

const admin: Actor = { kind: 'system', name: 'test' };
const CUSTOMERS = 12_003;

/** Pages far into the list (past the 10,000 rows from which a page is read from the nearer end) are the pages an OFFSET would give. */
describe.each(testEngines())('customer list deep pages on %s', (engine) => {
  let db: TestDatabase;
  let kedang: Kedang;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    kedang = await openKedang(db.config);
    await seedArchive(kedang.deps, admin, kedang.bulk, { customers: CUSTOMERS, orders: 0, interactions: 0, seed: 11 });
    // a few in the recycle bin: the live list and its total must leave them out at either end
    for (const id of [2, 6_001, 11_990]) await deleteCustomer(kedang.deps, admin, id);
    // nine in ten active, so a filtered list too runs past 10,000 rows
    await sql`UPDATE customers SET stage = CASE WHEN id % 10 = 0 THEN 'potential' ELSE 'active' END`.execute(kedang.connection.db);
  }, 180_000);
  afterAll(async () => {
    await kedang?.connection.close();
    await db?.drop();
  });

  /** The same page straight from the database by OFFSET. */
  const byOffset = async (column: string, order: 'asc' | 'desc', pageSize: number, page: number, where = sql``) =>
    (await sql<{ id: number }>`SELECT id FROM customers WHERE deleted_at IS NULL ${where} ORDER BY ${sql.ref(column)} ${sql.raw(order)}, id ${sql.raw(order)} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(kedang.connection.db)).rows.map((r) => Number(r.id));

  it('gives every deep page, the last partial one included, in the order an OFFSET gives it', async () => {
    const live = CUSTOMERS - 3;
    for (const [sort, column] of [['createdAt', 'created_at'], ['name', 'name'], ['stage', 'stage']] as const) {
      for (const order of ['asc', 'desc'] as const) {
        for (const [pageSize, page] of [[20, 501], [20, 580], [7, Math.ceil(live / 7)], [50, 240], [100, 120]] as const) {
          const got = await listCustomers(kedang.deps, admin, { sort, order, pageSize, page });
          expect(got.total).toBe(live);
          expect(got.items.map((c) => c.id), `${sort} ${order} page ${page} of ${pageSize}`).toEqual(await byOffset(column, order, pageSize, page));
        }
      }
    }
    const last = await listCustomers(kedang.deps, admin, { pageSize: 7, page: Math.ceil(live / 7) });
    expect(last.items).toHaveLength(live % 7 || 7);
    expect((await listCustomers(kedang.deps, admin, { pageSize: 100, page: 121 })).items).toEqual([]);
  });

  it('pages a filtered list from its own end', async () => {
    const n = (await listCustomers(kedang.deps, admin, { stage: 'active', pageSize: 1 })).total!;
    expect(n).toBeGreaterThan(10_000);
    for (const page of [1_001, Math.ceil(n / 10)]) {
      const got = await listCustomers(kedang.deps, admin, { stage: 'active', pageSize: 10, page });
      expect(got.items.map((c) => c.id)).toEqual(await byOffset('created_at', 'desc', 10, page, sql`AND stage = 'active'`));
    }
  });
});
