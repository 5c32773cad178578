import { customerPatchSchema, type Customer } from '../../domain/customers/customer.ts';
import { DomainError, parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { CustomerRow } from '../ports.ts';
import { assertTransferAllowed, checkCustomerAgainstStore, customerDiff, foreignKindIssues } from './customer-rules.ts';
import { guardFieldWrites, presentRecord } from './field-security.ts';
import { fieldRulesFor, scopedCustomer } from './scoped-customer.ts';

/** PATCH with optimistic concurrency: the client sends the version it saw; a stale one gets VERSION_CONFLICT. */
export async function updateCustomer(deps: Deps, actor: Actor, id: number, input: unknown): Promise<Customer> {
  const patch = parseOrThrow(customerPatchSchema, input) as Record<string, unknown> & { version: number };
  const { version, kind: _k, code: _c, ...requested } = patch;
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await scopedCustomer(deps, tx, actor, 'customer.update', id);
    if (before.version !== version) throw versionConflict(before.version);
    const rules = await fieldRulesFor(deps, tx, actor);
    const changes = guardFieldWrites(rules, before, requested);
    assertTransferAllowed(deps, actor, before, changes);
    const touched = new Set(Object.keys(changes));
    const merged = { ...before, ...changes } as Customer;
    if (changes.custom) merged.custom = { ...before.custom, ...(changes.custom as Customer['custom']) };
    merged.custom = await checkCustomerAgainstStore(tx, before.kind, merged, foreignKindIssues(before.kind, merged, touched), before.custom);
    const writes: Partial<CustomerRow> = { ...(changes as Partial<CustomerRow>), custom: merged.custom, updatedBy: actor.kind === 'user' ? actor.userId : null };
    const after = await tx.customers.update(id, version, writes, at);
    if (!after) throw versionConflict(before.version);
    const changed = customerDiff(before, after);
    if (changed.length) await recordAudit(tx, actor, at, { action: 'customer.updated', entityType: 'customer', entityId: id, customerId: id, changes: changed });
    return presentRecord(rules, after);
  });
}

const versionConflict = (current: number) => new DomainError('VERSION_CONFLICT', 'version_conflict', [{ path: ['version'], code: 'stale', params: { current } }], { current });
