import { DomainError } from '../../domain/errors.ts';
import type { Actor, User } from '../../domain/users/user.ts';
import type { Action } from '../access.ts';
import type { Deps } from '../deps.ts';

export async function currentUser(deps: Deps, actor: Actor): Promise<{ user: User; permissions: Action[] }> {
  const user = actor.kind === 'user' ? await deps.db.users.findById(actor.userId) : undefined;
  if (!user) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
  const { passwordHash: _p, failedSignIns: _f, lockedUntil: _l, ...publicUser } = user;
  return { user: publicUser, permissions: deps.access.permissionsOf(actor) };
}
