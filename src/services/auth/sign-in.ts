import { z } from 'zod';
import { DomainError, parseOrThrow } from '../../domain/errors.ts';
import { hasControlCharacters, hasLoneSurrogates } from '../../domain/customers/validators.ts';
import type { Actor, User } from '../../domain/users/user.ts';
import { systemActor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Deps } from '../deps.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { actorForUser } from './actor.ts';

export const signInSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(64)
    .refine((s) => !hasControlCharacters(s), { params: { code: 'control_characters' } })
    .refine((s) => !hasLoneSurrogates(s), { params: { code: 'bad_unicode' } }),
  password: z.string().min(1).max(200),
});

const freeAttempts = 5;
const maxLockSeconds = 15 * 60;
// a fixed hash to verify against for unknown users, so timing does not reveal which names exist
let decoyHash: Promise<string> | undefined;

/** Seconds locked after n consecutive failures: none for the first five, then 30 s doubling to 15 min. */
export function lockSeconds(failures: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(30 * 2 ** (failures - freeAttempts), maxLockSeconds);
}

export async function signIn(
  deps: Deps,
  input: unknown,
  client: { ip: string | null; userAgent: string | null; sessionHours: number },
): Promise<{ sessionToken: string; expiresAt: string; user: User }> {
  const { username, password } = parseOrThrow(signInSchema, input);
  const now = deps.clock();
  const at = now.toISOString();
  const user = await deps.db.users.findByUsername(username);
  if (!user || !user.isActive) {
    decoyHash ??= deps.passwords.hash('decoy-password-1');
    await deps.passwords.verify(await decoyHash, password);
    await deps.db.transaction((tx) => recordAudit(tx, systemActor('auth'), at, { action: 'user.sign_in_failed', entityType: 'user', entityId: null, meta: { username, ip: client.ip } }));
    throw new DomainError('UNAUTHENTICATED', 'bad_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > at) {
    const retryAfterSeconds = Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000);
    throw new DomainError('TOO_MANY_ATTEMPTS', 'too_many_attempts', [], { retryAfterSeconds });
  }
  const actor: Actor = await actorForUser(deps.db, user);
  if (!(await deps.passwords.verify(user.passwordHash, password))) {
    const failures = user.failedSignIns + 1;
    const lock = lockSeconds(failures);
    await deps.db.transaction(async (tx) => {
      await tx.users.update(user.id, { failedSignIns: failures, lockedUntil: lock ? new Date(now.getTime() + lock * 1000).toISOString() : null }, at);
      await recordAudit(tx, actor, at, { action: 'user.sign_in_failed', entityType: 'user', entityId: user.id, meta: { ip: client.ip, failures } });
    });
    if (lock) throw new DomainError('TOO_MANY_ATTEMPTS', 'too_many_attempts', [], { retryAfterSeconds: lock });
    throw new DomainError('UNAUTHENTICATED', 'bad_credentials');
  }
  const sessionToken = newSecret();
  const expiresAt = new Date(now.getTime() + client.sessionHours * 3_600_000).toISOString();
  await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { failedSignIns: 0, lockedUntil: null }, at);
    await tx.auth.insertSession({ id: hashSecret(sessionToken), userId: user.id, createdAt: at, lastSeenAt: at, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
    await recordAudit(tx, actor, at, { action: 'user.signed_in', entityType: 'user', entityId: user.id, meta: { ip: client.ip } });
  });
  const { passwordHash: _p, failedSignIns: _f, lockedUntil: _l, ...publicUser } = user;
  return { sessionToken, expiresAt, user: publicUser };
}

export async function signOut(deps: Deps, sessionToken: string): Promise<void> {
  await deps.db.auth.deleteSession(hashSecret(sessionToken));
}
