import type { Customer } from '../../domain/customers/customer.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { scopedCustomer } from './scoped-customer.ts';

export async function restoreCustomer(deps: Deps, actor: Actor, id: number): Promise<Customer> {
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await scopedCustomer(deps, tx, actor, 'customer.restore', id, { includeDeleted: true });
    if (!before.deletedAt) throw notFound('deleted customer', id);
    const after = await tx.customers.setDeleted(id, null);
    // a concurrent restore got there first (PostgreSQL re-runs our update after its commit): roll back
    if (after.version !== before.version + 1) throw notFound('deleted customer', id);
    await recordAudit(tx, actor, at, { action: 'customer.restored', entityType: 'customer', entityId: id, customerId: id, changes: [{ field: 'deletedAt', before: before.deletedAt, after: null }] });
    return after;
  });
}
