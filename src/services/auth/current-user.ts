import { DomainError } from '../../domain/errors.ts';
import type { Actor, User } from '../../domain/users/user.ts';
import type { Action, FieldModes } from '../access.ts';
import type { Deps } from '../deps.ts';
import { publicUser } from './public-user.ts';

/** The signed-in user, what they may do, and how each sensitive field shows to them (so forms can say so up front). */
export async function currentUser(deps: Deps, actor: Actor): Promise<{ user: User; permissions: Action[]; fieldModes: FieldModes }> {
  const user = actor.kind === 'user' ? await deps.db.users.findById(actor.userId) : undefined;
  if (!user) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
  return { user: publicUser(user), permissions: deps.access.permissionsOf(actor), fieldModes: deps.access.fieldModes(actor) };
}
