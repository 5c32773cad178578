import { builtinRoles, type RoleGrants } from '../../domain/access/permissions.ts';
import { departmentTree } from '../../domain/access/departments.ts';
import type { User, UserActor } from '../../domain/users/user.ts';
import type { Stores } from '../ports.ts';

const noGrants: RoleGrants = { records: {}, system: [], fields: {} };

/** What a role grants: built-in roles from code, custom ones from the store; an unknown role grants nothing. */
export async function grantsOf(stores: Pick<Stores, 'roles'>, role: string): Promise<RoleGrants> {
  if (Object.hasOwn(builtinRoles, role)) return builtinRoles[role as keyof typeof builtinRoles].grants as RoleGrants;
  return (await stores.roles.find(role))?.grants ?? noGrants;
}

/** The actor for a user, resolved once per request so every check after it is a pure function. */
export async function actorForUser(stores: Pick<Stores, 'roles' | 'departments'>, user: Pick<User, 'id' | 'username' | 'role' | 'departmentId'>): Promise<UserActor> {
  const [grants, departments] = await Promise.all([grantsOf(stores, user.role), user.departmentId ? stores.departments.list() : []]);
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    grants,
    departmentTree: departmentTree(departments, user.departmentId),
  };
}
