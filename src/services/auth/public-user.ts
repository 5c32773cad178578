import type { User } from '../../domain/users/user.ts';
import type { UserWithSecret } from '../ports.ts';

/** A user as clients see it: no password hash, no back-off state, no TOTP secrets. */
export function publicUser(u: UserWithSecret): User {
  const { passwordHash: _p, failedSignIns: _f, lockedUntil: _l, totpSecret: _s, totpPendingSecret: _ps, totpEnabledAt: _e, totpLastStep: _ls, ...user } = u;
  return user;
}
