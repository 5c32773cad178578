import { customerSearchQuerySchema } from '../../domain/customers/customer.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { CustomerSearchHit } from '../ports.ts';
import { presentRecord } from './field-security.ts';
import { fieldRulesFor } from './scoped-customer.ts';

/** Typeahead and the search box: ranked hits within the actor's reach, sensitive fields as the list shows them. */
export async function searchCustomers(deps: Deps, actor: Actor, input: unknown): Promise<{ items: CustomerSearchHit[] }> {
  const query = parseOrThrow(customerSearchQuerySchema, input);
  deps.access.assertCan(actor, 'customer.read');
  const [hits, rules] = await Promise.all([deps.db.customers.search(query.q, query.limit, deps.access.filter(actor, 'customer.read')), fieldRulesFor(deps, deps.db, actor)]);
  return { items: hits.map((c) => presentRecord(rules, c)) };
}
