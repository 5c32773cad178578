import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import { presentChanges } from './field-security.ts';
import { fieldRulesFor, scopedCustomer } from './scoped-customer.ts';

/** The history tab: every audit entry about this customer and its records, newest first, masked like the record. */
export async function customerHistory(deps: Deps, actor: Actor, customerId: number, page = { page: 1, pageSize: 50 }) {
  await scopedCustomer(deps, deps.db, actor, 'customer.read', customerId, { includeDeleted: true });
  const [entries, rules] = await Promise.all([deps.db.audit.list({ customerId, ...page }), fieldRulesFor(deps, deps.db, actor)]);
  return { ...entries, items: entries.items.map((e) => ({ ...e, changes: presentChanges(rules, e.changes) })) };
}
