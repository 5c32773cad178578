import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/engines.ts';
import { openTestKedang, type TestKedang } from '../../../test/support/kedang.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { deleteCustomer } from '../../services/customers/delete-customer.ts';
import { listCustomers } from '../../services/customers/list-customers.ts';
import { customerSortFields } from '../../domain/customers/customer.ts';

describe.each(testEngines())('customer list keyset pages on %s', (engine) => {
  let k: TestKedang;
  let tick = 0;
  beforeEach(async () => {
    // a clock with ties: several customers share a created_at, so the id must break them
    k = await openTestKedang(engine, { clock: () => new Date(Date.UTC(2026, 10, 24, 4, 0, Math.floor(tick++ / 3))) });
  });
  afterEach(() => k.close());

  /** Every page by cursor, compared with the same list read by offset. */
  const walk = async (base: Record<string, unknown>) => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await listCustomers(k.deps, k.admin, { ...base, pageSize: 4, ...(after ? { after, withTotal: 'false' } : {}) });
      if (after) expect(page.total).toBeNull();
      seen.push(...page.items.map((c) => c.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    return seen;
  };

  it('pages by cursor through every sort and order exactly as offset pages do', async () => {
    const stages = ['potential', 'active', 'churned'];
    for (let i = 0; i < 11; i++) await createCustomer(k.deps, k.admin, { kind: 'individual', name: ['张三', '李四', '王五'][i % 3]! + (i % 4), stage: stages[i % 3] });
    for (const sort of customerSortFields.filter((s) => s !== 'deletedAt')) {
      for (const order of ['asc', 'desc'] as const) {
        const all = await listCustomers(k.deps, k.admin, { sort, order, pageSize: 100 });
        expect(await walk({ sort, order }), `${sort} ${order}`).toEqual(all.items.map((c) => c.id));
      }
    }
    const filtered = await listCustomers(k.deps, k.admin, { stage: 'active', sort: 'name', order: 'asc', pageSize: 100 });
    expect(await walk({ stage: 'active', sort: 'name', order: 'asc' })).toEqual(filtered.items.map((c) => c.id));
  });

  it('pages the recycle bin by deletion time', async () => {
    for (let i = 0; i < 6; i++) {
      const c = await createCustomer(k.deps, k.admin, { kind: 'individual', name: `删${i}` });
      await deleteCustomer(k.deps, k.admin, c.id);
    }
    const all = await listCustomers(k.deps, k.admin, { deleted: 'only', sort: 'deletedAt', order: 'desc', pageSize: 100 });
    expect(await walk({ deleted: 'only', sort: 'deletedAt', order: 'desc' })).toEqual(all.items.map((c) => c.id));
  });

  it('counts live customers only, unfiltered and filtered', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createCustomer(k.deps, k.admin, { kind: 'individual', name: `计${i}`, stage: i < 2 ? 'active' : 'potential' }));
    await deleteCustomer(k.deps, k.admin, made[0]!.id);
    expect((await listCustomers(k.deps, k.admin, {})).total).toBe(4);
    expect((await listCustomers(k.deps, k.admin, { stage: 'active' })).total).toBe(1);
    expect((await listCustomers(k.deps, k.admin, { deleted: 'only' })).total).toBe(1);
  });

  it('refuses a cursor from another sort or one it never gave out, naming the field', async () => {
    for (let i = 0; i < 3; i++) await createCustomer(k.deps, k.admin, { kind: 'individual', name: `客${i}` });
    const first = await listCustomers(k.deps, k.admin, { sort: 'name', order: 'asc', pageSize: 2 });
    expect(first.nextCursor).toBeTruthy();
    await expect(listCustomers(k.deps, k.admin, { sort: 'code', order: 'asc', after: first.nextCursor })).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['after'], code: 'bad_cursor' }] });
    await expect(listCustomers(k.deps, k.admin, { after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: ['after'], code: 'bad_cursor' }] });
  });
});
