import { customerListQuerySchema } from '../../domain/customers/customer.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Page } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { CustomerSummary } from '../ports.ts';

export async function listCustomers(deps: Deps, actor: Actor, input: unknown): Promise<Page<CustomerSummary>> {
  deps.access.assertCan(actor, 'customer.read');
  const query = parseOrThrow(customerListQuerySchema, input);
  if (query.deleted === 'only') deps.access.assertCan(actor, 'customer.restore');
  return deps.db.customers.list(query);
}
