import { z } from 'zod';
import { diffFields } from '../../domain/audit/diff.ts';
import { builtinRoles, roleGrantsSchema, type RoleGrants } from '../../domain/access/permissions.ts';
import { DomainError, invalid, notFound, parseOrThrow } from '../../domain/errors.ts';
import { optionalText, requiredText } from '../../domain/shared/primitives.ts';
import { roleKeySchema, type Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';

export type RoleView = { key: string; nameZh: string; nameEn: string | null; builtin: boolean; grants: RoleGrants };

export const roleDraftSchema = z.strictObject({ key: roleKeySchema, nameZh: requiredText(50), nameEn: optionalText(50), grants: roleGrantsSchema });
export const rolePatchSchema = z.strictObject({ nameZh: requiredText(50).optional(), nameEn: optionalText(50), grants: roleGrantsSchema.optional() });

/** Built-in roles first (fixed), then custom ones; anyone signed in may read them to understand the UI. */
export async function listRoles(deps: Deps, actor: Actor): Promise<RoleView[]> {
  deps.access.assertCan(actor, 'user.read');
  const builtin = Object.entries(builtinRoles).map(([key, r]) => ({ key, nameZh: r.nameZh, nameEn: r.nameEn, builtin: true, grants: r.grants as RoleGrants }));
  const custom = (await deps.db.roles.list()).map((r) => ({ key: r.key, nameZh: r.nameZh, nameEn: r.nameEn, builtin: false, grants: r.grants }));
  return [...builtin, ...custom];
}

export async function createRole(deps: Deps, actor: Actor, input: unknown): Promise<RoleView> {
  deps.access.assertCan(actor, 'user.manage');
  const draft = parseOrThrow(roleDraftSchema, input);
  if (Object.hasOwn(builtinRoles, draft.key)) throw invalid([{ path: ['key'], code: 'duplicate' }]);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const role = await tx.roles.insert({ ...draft, nameEn: draft.nameEn ?? null }, at);
    await recordAudit(tx, actor, at, { action: 'role.created', entityType: 'role', entityId: role.key, changes: diffFields(null, { nameZh: role.nameZh, nameEn: role.nameEn, grants: role.grants }) });
    return { ...role, builtin: false };
  });
}

/** Changing a role's grants changes what every user with it can do: audited as a permission change. */
export async function updateRole(deps: Deps, actor: Actor, key: string, input: unknown): Promise<RoleView> {
  deps.access.assertCan(actor, 'user.manage');
  if (Object.hasOwn(builtinRoles, key)) throw new DomainError('CONFLICT', 'builtin_role');
  const patch = parseOrThrow(rolePatchSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await tx.roles.find(key);
    if (!before) throw notFound('role', key);
    const after = await tx.roles.update(key, patch, at);
    const changes = diffFields({ nameZh: before.nameZh, nameEn: before.nameEn, grants: before.grants }, { nameZh: after.nameZh, nameEn: after.nameEn, grants: after.grants });
    if (changes.length) await recordAudit(tx, actor, at, { action: 'role.permissions_changed', entityType: 'role', entityId: key, changes });
    return { ...after, builtin: false };
  });
}

export async function deleteRole(deps: Deps, actor: Actor, key: string): Promise<void> {
  deps.access.assertCan(actor, 'user.manage');
  if (Object.hasOwn(builtinRoles, key)) throw new DomainError('CONFLICT', 'builtin_role');
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    const before = await tx.roles.find(key);
    if (!before) throw notFound('role', key);
    const users = await tx.roles.countUsers(key);
    if (users > 0) throw new DomainError('CONFLICT', 'role_in_use', [], { users });
    await tx.roles.delete(key);
    await recordAudit(tx, actor, at, { action: 'role.deleted', entityType: 'role', entityId: key, changes: diffFields({ nameZh: before.nameZh, grants: before.grants }, null) });
  });
}
