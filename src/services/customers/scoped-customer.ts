import type { Customer } from '../../domain/customers/customer.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Action } from '../access.ts';
import type { Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';
import { sensitiveRules } from './field-security.ts';

/**
 * The customer if this action reaches it. Otherwise FORBIDDEN when the actor can at least read it, and
 * NOT_FOUND when not — the same answer as for an id that does not exist, so nobody learns which
 * customers exist outside their reach.
 */
export async function scopedCustomer(deps: Deps, stores: Stores, actor: Actor, action: Action, id: number, opts: { includeDeleted?: boolean } = {}): Promise<Customer> {
  deps.access.assertCan(actor, action);
  const customer = await stores.customers.findById(id, { filter: deps.access.filter(actor, action), includeDeleted: opts.includeDeleted ?? false });
  if (customer) return customer;
  if (action !== 'customer.read' && deps.access.can(actor, 'customer.read')) {
    const visible = await stores.customers.findById(id, { filter: deps.access.filter(actor, 'customer.read'), includeDeleted: opts.includeDeleted ?? false });
    if (visible) throw new DomainError('FORBIDDEN', 'forbidden', [], { action });
  }
  throw notFound('customer', id);
}

/** The sensitive-field rules for this actor, with the custom fields marked sensitive. */
export async function fieldRulesFor(deps: Deps, stores: Stores, actor: Actor) {
  return sensitiveRules(deps.access.fieldModes(actor), await stores.customFields.list());
}
