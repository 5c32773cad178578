import { diffFields } from '../../domain/audit/diff.ts';
import { validateCustomValues } from '../../domain/custom-fields/custom-field.ts';
import type { Customer, CustomerFields, CustomerKind, CustomFieldValue } from '../../domain/customers/customer.ts';
import { individualOnlyFields, organizationOnlyFields } from '../../domain/customers/customer.ts';
import { DomainError, invalid, type Issue } from '../../domain/errors.ts';
import type { Stores } from '../ports.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';

/**
 * Owner and department decide who sees a customer, so changing them (or creating a customer for
 * someone else) is the transfer permission, and the new place must be inside the actor's reach too.
 */
export function assertTransferAllowed(deps: Pick<Deps, 'access'>, actor: Actor, before: { ownerId: number | null; departmentId: number | null }, changes: { ownerId?: unknown; departmentId?: unknown }) {
  const owner = changes.ownerId === undefined ? before.ownerId : (changes.ownerId as number | null);
  const department = changes.departmentId === undefined ? before.departmentId : (changes.departmentId as number | null);
  if (owner === before.ownerId && department === before.departmentId) return;
  const target = { ownerId: owner, departmentId: department };
  if (!deps.access.can(actor, 'customer.transfer', before) || !deps.access.can(actor, 'customer.transfer', target)) {
    const paths = [...(owner !== before.ownerId ? ['ownerId'] : []), ...(department !== before.departmentId ? ['departmentId'] : [])];
    throw new DomainError('FORBIDDEN', 'forbidden_fields', paths.map((p) => ({ path: [p], code: 'field_not_editable', params: { mode: 'transfer' } })));
  }
}

/** Checks what a schema cannot see alone: custom fields as defined now, and references that must exist. */
export async function checkCustomerAgainstStore(
  stores: Stores,
  kind: CustomerKind,
  fields: { custom: Record<string, CustomFieldValue>; ownerId?: number | null | undefined; departmentId?: number | null | undefined },
  extraIssues: Issue[] = [],
  /** What the customer holds now; {} for a new one. */
  storedCustom: Record<string, CustomFieldValue> = {},
): Promise<Record<string, CustomFieldValue>> {
  const defs = await stores.customFields.list();
  const { values, issues } = validateCustomValues(defs, kind, fields.custom, storedCustom);
  issues.unshift(...extraIssues);
  if (fields.ownerId) {
    const owner = await stores.users.findById(fields.ownerId);
    if (!owner || !owner.isActive) issues.push({ path: ['ownerId'], code: 'unknown_reference' });
  }
  if (fields.departmentId && !(await stores.departments.findById(fields.departmentId))) {
    issues.push({ path: ['departmentId'], code: 'unknown_reference' });
  }
  if (issues.length) throw invalid(issues);
  return values;
}

export function foreignKindIssues(kind: CustomerKind, merged: Record<string, unknown>, touched: Set<string>): Issue[] {
  const foreign = kind === 'individual' ? organizationOnlyFields : individualOnlyFields;
  return foreign
    .filter((f) => touched.has(f) && merged[f] !== null && merged[f] !== undefined)
    .map((f) => ({ path: [f], code: 'wrong_kind', params: { kind: kind === 'individual' ? 'organization' : 'individual' } }));
}

/** Business fields only, so the audit trail shows what a person would call a change. */
export function customerFields(c: Customer | null): Record<string, unknown> | null {
  if (!c) return null;
  const { id: _i, version: _v, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, deletedAt: _d, deletedBy: _db, ...fields } = c;
  return fields satisfies CustomerFields;
}

export const customerDiff = (before: Customer | null, after: Customer | null) => diffFields(customerFields(before), customerFields(after));
