import { customerListQuerySchema } from '../../domain/customers/customer.ts';
import { invalid, parseOrThrow } from '../../domain/errors.ts';
import { decodeListCursor } from '../../domain/customers/list-cursor.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { CustomerPage } from '../ports.ts';
import { presentRecord } from './field-security.ts';
import { fieldRulesFor } from './scoped-customer.ts';

export async function listCustomers(deps: Deps, actor: Actor, input: unknown): Promise<CustomerPage> {
  const query = parseOrThrow(customerListQuerySchema, input);
  const cursor = query.after === undefined ? undefined : decodeListCursor(query.after);
  if (cursor && (cursor.sort !== query.sort || cursor.order !== query.order)) throw invalid([{ path: ['after'], code: 'bad_cursor' }]);
  const action = query.deleted === 'only' ? 'customer.restore' : 'customer.read';
  deps.access.assertCan(actor, action);
  const [page, rules] = await Promise.all([deps.db.customers.list(query, deps.access.filter(actor, action)), fieldRulesFor(deps, deps.db, actor)]);
  return { ...page, items: page.items.map((c) => presentRecord(rules, c)) };
}
