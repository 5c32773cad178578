import type { Customer } from '../../domain/customers/customer.ts';
import type { Contact } from '../../domain/customers/contact.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';

export type CustomerView = Customer & {
  contacts: Contact[];
  purchaseSummary: { orders: number; revenueFen: number; grossProfitFen: number; lastOrderedOn: string | null };
};

/** One customer with what the 360° page shows at the top; deleted ones only with includeDeleted. */
export async function getCustomer(deps: Deps, actor: Actor, id: number, opts: { includeDeleted?: boolean } = {}): Promise<CustomerView> {
  deps.access.assertCan(actor, 'customer.read', { customerId: id });
  if (opts.includeDeleted) deps.access.assertCan(actor, 'customer.restore', { customerId: id });
  const customer = await deps.db.customers.findById(id, opts);
  if (!customer) throw notFound('customer', id);
  const [contacts, purchaseSummary] = await Promise.all([deps.db.contacts.listByCustomer(id), deps.db.purchases.summary(id)]);
  return { ...customer, contacts, purchaseSummary };
}
