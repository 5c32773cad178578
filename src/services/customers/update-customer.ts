import { customerPatchSchema, type Customer } from '../../domain/customers/customer.ts';
import { DomainError, notFound, parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { CustomerRow } from '../ports.ts';
import { checkCustomerAgainstStore, customerDiff, foreignKindIssues } from './customer-rules.ts';

/** PATCH with optimistic concurrency: the client sends the version it saw; a stale one gets VERSION_CONFLICT. */
export async function updateCustomer(deps: Deps, actor: Actor, id: number, input: unknown): Promise<Customer> {
  deps.access.assertCan(actor, 'customer.update', { customerId: id });
  const patch = parseOrThrow(customerPatchSchema, input) as Record<string, unknown> & { version: number };
  const { version, kind: _k, code: _c, ...changes } = patch;
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await tx.customers.findById(id);
    if (!before) throw notFound('customer', id);
    if (before.version !== version) throw versionConflict(before.version);
    const touched = new Set(Object.keys(changes));
    const merged = { ...before, ...changes } as Customer;
    if (changes.custom) merged.custom = { ...before.custom, ...(changes.custom as Customer['custom']) };
    merged.custom = await checkCustomerAgainstStore(tx, before.kind, merged, foreignKindIssues(before.kind, merged, touched), before.custom);
    const writes: Partial<CustomerRow> = { ...(changes as Partial<CustomerRow>), custom: merged.custom, updatedBy: actor.kind === 'user' ? actor.userId : null };
    const after = await tx.customers.update(id, version, writes, at);
    if (!after) throw versionConflict(before.version);
    const changed = customerDiff(before, after);
    if (changed.length) await recordAudit(tx, actor, at, { action: 'customer.updated', entityType: 'customer', entityId: id, customerId: id, changes: changed });
    return after;
  });
}

const versionConflict = (current: number) => new DomainError('VERSION_CONFLICT', 'version_conflict', [{ path: ['version'], code: 'stale', params: { current } }], { current });
