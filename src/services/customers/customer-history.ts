import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';

/** The history tab: every audit entry about this customer and its records, newest first. */
export async function customerHistory(deps: Deps, actor: Actor, customerId: number, page = { page: 1, pageSize: 50 }) {
  deps.access.assertCan(actor, 'customer.read', { customerId });
  if (!(await deps.db.customers.findById(customerId, { includeDeleted: true }))) throw notFound('customer', customerId);
  return deps.db.audit.list({ customerId, ...page });
}
