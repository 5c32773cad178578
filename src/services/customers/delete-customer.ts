import type { Customer } from '../../domain/customers/customer.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { scopedCustomer } from './scoped-customer.ts';

/** Soft delete into the recycle bin; the code stays taken for ever. */
export async function deleteCustomer(deps: Deps, actor: Actor, id: number): Promise<Customer> {
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await scopedCustomer(deps, tx, actor, 'customer.delete', id);
    const after = await tx.customers.setDeleted(id, { at, by: actor.kind === 'user' ? actor.userId : null });
    // a concurrent delete got there first (PostgreSQL re-runs our update after its commit): roll back
    if (after.version !== before.version + 1) throw notFound('customer', id);
    await recordAudit(tx, actor, at, { action: 'customer.deleted', entityType: 'customer', entityId: id, customerId: id, changes: [{ field: 'deletedAt', before: null, after: at }] });
    return after;
  });
}
