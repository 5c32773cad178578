import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { SignedInUser } from '../ports.ts';
import { hashSecret } from './tokens.ts';
import { actorForUser } from './actor.ts';
import { sessionCap, sessionExpiry, type SessionPolicy } from './sign-in.ts';

const touchEveryMs = 5 * 60_000;

async function actorOf(deps: Deps, user: SignedInUser): Promise<Actor> {
  if (!user.isActive) throw new DomainError('UNAUTHENTICATED', 'session_expired');
  return actorForUser(deps.db, user);
}

/**
 * Session cookie → actor; sliding expiry, refreshed at most every few minutes to spare writes, and
 * never past the absolute cap (KEDANG_SESSION_MAX_DAYS after signing in), whatever the activity.
 */
export async function authenticateSession(deps: Deps, token: string, policy: SessionPolicy): Promise<Actor> {
  const id = hashSecret(token);
  const session = await deps.db.auth.findSession(id);
  const now = deps.clock();
  if (!session || session.expiresAt <= now.toISOString() || now.getTime() >= sessionCap(session.createdAt, policy)) {
    throw new DomainError('UNAUTHENTICATED', 'session_expired');
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) > touchEveryMs) {
    await deps.db.auth.touchSession(id, now.toISOString(), sessionExpiry(now, session.createdAt, policy));
  }
  return actorOf(deps, session.user);
}

/** Bearer token → actor. Revoked or expired tokens are refused the same way as unknown ones. */
export async function authenticateToken(deps: Deps, token: string): Promise<Actor> {
  const record = await deps.db.auth.findTokenByHash(hashSecret(token));
  const now = deps.clock().toISOString();
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
  if (!record.lastUsedAt || Date.parse(now) - Date.parse(record.lastUsedAt) > touchEveryMs) await deps.db.auth.touchToken(record.id, now);
  return actorOf(deps, record.user);
}
