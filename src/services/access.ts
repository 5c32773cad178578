import { DomainError } from '../domain/errors.ts';
import type { Actor, Role } from '../domain/users/user.ts';

export const actions = [
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.delete',
  'customer.restore',
  'audit.read',
  'user.read',
  'user.manage',
  'custom_field.manage',
  'settings.manage',
] as const;
export type Action = (typeof actions)[number];

/** The record an action is about, when there is one; record scopes hang off this. */
export type Resource = { customerId?: number; ownerId?: number | null; departmentId?: number | null };

export interface Access {
  can(actor: Actor, action: Action, resource?: Resource): boolean;
  /** Throws FORBIDDEN; every use case calls this before it reads or writes. */
  assertCan(actor: Actor, action: Action, resource?: Resource): void;
  /** What the web may offer this actor; the server still checks every call. */
  permissionsOf(actor: Actor): Action[];
}

const readOnly: Action[] = ['customer.read', 'user.read'];
const archiveWork: Action[] = [...readOnly, 'customer.create', 'customer.update', 'customer.delete', 'customer.restore', 'audit.read'];

/** Role → actions. Record scopes and field rules refine this in the access-control work. */
const grants: Record<Role, ReadonlySet<Action>> = {
  admin: new Set(actions),
  manager: new Set(archiveWork),
  sales: new Set(archiveWork),
  service: new Set(archiveWork),
  data_steward: new Set(archiveWork),
  auditor: new Set([...readOnly, 'audit.read']),
  readonly: new Set(readOnly),
};

export function createAccess(): Access {
  const can = (actor: Actor, action: Action) => actor.kind === 'system' || grants[actor.role].has(action);
  return {
    can,
    assertCan(actor, action) {
      if (!can(actor, action)) throw new DomainError('FORBIDDEN', 'forbidden', [], { action });
    },
    permissionsOf: (actor) => actions.filter((a) => can(actor, a)),
  };
}
