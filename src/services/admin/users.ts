import { diffFields } from '../../domain/audit/diff.ts';
import { DomainError, invalid, notFound, parseOrThrow, type Issue } from '../../domain/errors.ts';
import { builtinRoles } from '../../domain/access/permissions.ts';
import { userDraftSchema, userPatchSchema, type Actor, type User } from '../../domain/users/user.ts';
import { containsUsername } from '../../domain/users/password-policy.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';

/** A user's department and role must exist: a built-in role or a custom one. */
async function checkReferences(tx: Stores, u: { departmentId?: number | null | undefined; role?: string | undefined }) {
  const issues: Issue[] = [];
  if (u.departmentId && !(await tx.departments.findById(u.departmentId))) issues.push({ path: ['departmentId'], code: 'unknown_reference' });
  if (u.role && !Object.hasOwn(builtinRoles, u.role) && !(await tx.roles.find(u.role))) issues.push({ path: ['role'], code: 'unknown_reference' });
  if (issues.length) throw invalid(issues);
}

export async function listUsers(deps: Deps, actor: Actor): Promise<User[]> {
  deps.access.assertCan(actor, 'user.read');
  return deps.db.users.list();
}

export async function createUser(deps: Deps, actor: Actor, input: unknown): Promise<User> {
  deps.access.assertCan(actor, 'user.manage');
  const draft = parseOrThrow(userDraftSchema, input);
  const passwordHash = await deps.passwords.hash(draft.password);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    await checkReferences(tx, draft);
    const { password: _p, ...fields } = draft;
    const user = await tx.users.insert({ ...fields, departmentId: draft.departmentId ?? null, email: draft.email ?? null, isActive: true, passwordHash }, at);
    await recordAudit(tx, actor, at, { action: 'user.created', entityType: 'user', entityId: user.id, changes: diffFields(null, { username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId }) });
    return user;
  });
}

/** Also resets a password (all sessions of that user end) and disables users; the last admin stays. */
export async function updateUser(deps: Deps, actor: Actor, id: number, input: unknown): Promise<User> {
  const patch = parseOrThrow(userPatchSchema, input);
  const self = actor.kind === 'user' && actor.userId === id;
  const onlyOwnProfile = self && Object.keys(patch).every((k) => ['displayName', 'password', 'currentPassword', 'email'].includes(k));
  if (!onlyOwnProfile) deps.access.assertCan(actor, 'user.manage');
  if (patch.password) {
    const target = await deps.db.users.findById(id);
    // a stolen session must not be enough to take over the account
    if (self && (!target || !patch.currentPassword || !(await deps.passwords.verify(target.passwordHash, patch.currentPassword)))) {
      throw invalid([{ path: ['currentPassword'], code: patch.currentPassword ? 'wrong_password' : 'required' }]);
    }
    if (target && containsUsername(patch.password, target.username)) throw invalid([{ path: ['password'], code: 'password_contains_username' }]);
  }
  const passwordHash = patch.password ? await deps.passwords.hash(patch.password) : undefined;
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await tx.users.findById(id);
    if (!before) throw notFound('user', id);
    await checkReferences(tx, patch);
    const losesAdmin = before.role === 'admin' && before.isActive && ((patch.role && patch.role !== 'admin') || patch.isActive === false);
    if (losesAdmin && (await tx.users.countActiveAdmins()) <= 1) throw new DomainError('CONFLICT', 'last_admin');
    const { password: _p, currentPassword: _c, ...fields } = patch;
    const after = await tx.users.update(id, { ...fields, ...(passwordHash ? { passwordHash, failedSignIns: 0, lockedUntil: null } : {}) }, at);
    if (passwordHash || patch.isActive === false) await tx.auth.deleteSessionsOfUser(id);
    // a disabled user's tokens die with the account; re-enabling does not bring them back
    if (patch.isActive === false) await tx.auth.revokeTokensOfUser(id, at);
    const changes = diffFields(publicFields(before), publicFields(after));
    if (passwordHash) changes.push({ field: 'password', before: '***', after: '***' });
    if (changes.length) await recordAudit(tx, actor, at, { action: 'user.updated', entityType: 'user', entityId: id, changes });
    return after;
  });
}

const publicFields = (u: User) => ({ displayName: u.displayName, role: u.role, departmentId: u.departmentId, email: u.email, isActive: u.isActive });

