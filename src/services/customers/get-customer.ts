import type { Customer } from '../../domain/customers/customer.ts';
import type { Contact } from '../../domain/customers/contact.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import { presentRecord, type FieldAccess } from './field-security.ts';
import { fieldRulesFor, scopedCustomer } from './scoped-customer.ts';

export type CustomerView = Customer & {
  contacts: Contact[];
  purchaseSummary: { orders: number; revenueFen: number; grossProfitFen: number; lastOrderedOn: string | null };
  fieldAccess?: FieldAccess;
};

/** One customer with what the 360° page shows at the top; deleted ones only with includeDeleted. */
export async function getCustomer(deps: Deps, actor: Actor, id: number, opts: { includeDeleted?: boolean } = {}): Promise<CustomerView> {
  const customer = await scopedCustomer(deps, deps.db, actor, opts.includeDeleted ? 'customer.restore' : 'customer.read', id, opts);
  const [contacts, purchaseSummary, rules] = await Promise.all([deps.db.contacts.listByCustomer(id), deps.db.purchases.summary(id), fieldRulesFor(deps, deps.db, actor)]);
  return { ...presentRecord(rules, customer), contacts: contacts.map((c) => presentRecord(rules, c)), purchaseSummary };
}
