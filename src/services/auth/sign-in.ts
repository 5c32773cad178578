import { z } from 'zod';
import { DomainError, parseOrThrow } from '../../domain/errors.ts';
import { hasControlCharacters, hasLoneSurrogates } from '../../domain/customers/validators.ts';
import type { Actor, User } from '../../domain/users/user.ts';
import { systemActor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Deps } from '../deps.ts';
import type { Stores, UserWithSecret } from '../ports.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { actorForUser } from './actor.ts';
import { lockSeconds } from './back-off.ts';
import { publicUser } from './public-user.ts';
import { normalizeTotpCode, totpStep } from './totp-code.ts';

export { lockSeconds };

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

export const totpSignInSchema = z.strictObject({
  challenge: z.string().min(1).max(200),
  // checked by normalizeTotpCode: any malformed code is simply a wrong code (no field label to blame)
  code: z.unknown().describe('six digits from the authenticator app'),
});

/** How long the code step may follow the password step. */
const challengeMinutes = 5;

export type SessionPolicy = { sessionHours: number; sessionMaxDays: number };
export type SignInClient = SessionPolicy & { ip: string | null; userAgent: string | null };

export type SignedIn = { totpRequired: false; sessionToken: string; expiresAt: string; user: User };
export type TotpChallenge = { totpRequired: true; challenge: string; challengeExpiresAt: string };

// a fixed hash to verify against for unknown users, so timing does not reveal which names exist
let decoyHash: Promise<string> | undefined;

const tooMany = (retryAfterSeconds: number) => new DomainError('TOO_MANY_ATTEMPTS', 'too_many_attempts', [], { retryAfterSeconds });

/** When a session started at `createdAt` must end at the latest, however active it is. */
export const sessionCap = (createdAt: string, policy: SessionPolicy) => Date.parse(createdAt) + policy.sessionMaxDays * 86_400_000;

/** Sliding expiry from `now`, never past the absolute cap. */
export function sessionExpiry(now: Date, createdAt: string, policy: SessionPolicy): string {
  return new Date(Math.min(now.getTime() + policy.sessionHours * 3_600_000, sessionCap(createdAt, policy))).toISOString();
}

/** Counts a failed password or code: back-off on the user row, audited, 429 once locked. */
async function failed(deps: Deps, user: UserWithSecret, actor: Actor, client: SignInClient, meta: Record<string, unknown>): Promise<number> {
  const now = deps.clock();
  const at = now.toISOString();
  const failures = user.failedSignIns + 1;
  const lock = lockSeconds(failures);
  await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { failedSignIns: failures, lockedUntil: lock ? new Date(now.getTime() + lock * 1000).toISOString() : null }, at);
    await recordAudit(tx, actor, at, { action: 'user.sign_in_failed', entityType: 'user', entityId: user.id, meta: { ip: client.ip, failures, ...meta } });
  });
  return lock;
}

async function startSession(tx: Stores, user: UserWithSecret, actor: Actor, client: SignInClient, now: Date, meta: Record<string, unknown> = {}): Promise<SignedIn> {
  const at = now.toISOString();
  const sessionToken = newSecret();
  const expiresAt = sessionExpiry(now, at, client);
  await tx.users.update(user.id, { failedSignIns: 0, lockedUntil: null }, at);
  await tx.auth.insertSession({ id: hashSecret(sessionToken), userId: user.id, createdAt: at, lastSeenAt: at, expiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
  await recordAudit(tx, actor, at, { action: 'user.signed_in', entityType: 'user', entityId: user.id, meta: { ip: client.ip, ...meta } });
  return { totpRequired: false, sessionToken, expiresAt, user: publicUser(user) };
}

function assertNotLocked(user: UserWithSecret, now: Date) {
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) throw tooMany(Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000));
}

/**
 * Password step. Users with TOTP get a short-lived challenge instead of a session (and their failure
 * count is not reset until the code step succeeds, so the password alone cannot reset the back-off).
 */
export async function signIn(deps: Deps, input: unknown, client: SignInClient): Promise<SignedIn | TotpChallenge> {
  const { username, password } = parseOrThrow(signInSchema, input);
  const now = deps.clock();
  const at = now.toISOString();
  const user = await deps.db.users.findByUsername(username);
  if (!user || !user.isActive) {
    // unknown names back off like known ones: a flood is throttled, and a 429 reveals nothing
    const key = `name:${username}`;
    const locked = deps.signInThrottle.lockedFor(key, now);
    if (locked) throw tooMany(locked);
    decoyHash ??= deps.passwords.hash('decoy-password-1');
    await deps.passwords.verify(await decoyHash, password);
    const lock = deps.signInThrottle.fail(key, now);
    await deps.db.transaction((tx) => recordAudit(tx, systemActor('auth'), at, { action: 'user.sign_in_failed', entityType: 'user', entityId: null, meta: { username, ip: client.ip } }));
    if (lock) throw tooMany(lock);
    throw new DomainError('UNAUTHENTICATED', 'bad_credentials');
  }
  assertNotLocked(user, now);
  const actor: Actor = await actorForUser(deps.db, user);
  if (!(await deps.passwords.verify(user.passwordHash, password))) {
    const lock = await failed(deps, user, actor, client, {});
    if (lock) throw tooMany(lock);
    throw new DomainError('UNAUTHENTICATED', 'bad_credentials');
  }
  if (user.totpEnabled) {
    const challenge = newSecret('kdc_');
    const challengeExpiresAt = new Date(now.getTime() + challengeMinutes * 60_000).toISOString();
    await deps.db.auth.insertChallenge({ id: hashSecret(challenge), userId: user.id, createdAt: at, expiresAt: challengeExpiresAt });
    return { totpRequired: true, challenge, challengeExpiresAt };
  }
  return deps.db.transaction((tx) => startSession(tx, user, actor, client, now));
}

/** Code step: the challenge from the password step plus a TOTP code never used before. */
export async function completeTotpSignIn(deps: Deps, input: unknown, client: SignInClient): Promise<SignedIn> {
  const { challenge, code } = parseOrThrow(totpSignInSchema, input);
  const now = deps.clock();
  const expired = () => new DomainError('UNAUTHENTICATED', 'sign_in_challenge_expired');
  const stored = await deps.db.auth.findChallenge(hashSecret(challenge));
  if (!stored || stored.expiresAt <= now.toISOString()) throw expired();
  const user = await deps.db.users.findById(stored.userId);
  if (!user || !user.isActive || !user.totpSecret) throw expired();
  assertNotLocked(user, now);
  const actor = await actorForUser(deps.db, user);
  const normalized = normalizeTotpCode(code);
  const step = normalized === undefined ? undefined : totpStep(await deps.secrets.open(user.totpSecret), normalized, now);
  const refuse = async (reason: string) => {
    const lock = await failed(deps, user, actor, client, { secondFactor: 'totp', reason });
    if (lock) throw tooMany(lock);
    throw new DomainError('UNAUTHENTICATED', 'bad_totp_code');
  };
  if (step === undefined) return refuse('wrong_code');
  const signedIn = await deps.db.transaction(async (tx) => {
    if (!(await tx.users.claimTotpStep(user.id, step))) return undefined;
    await tx.auth.deleteChallenge(stored.id);
    return startSession(tx, user, actor, client, now, { secondFactor: 'totp' });
  });
  return signedIn ?? refuse('replayed_code');
}

export async function signOut(deps: Deps, sessionToken: string): Promise<void> {
  await deps.db.auth.deleteSession(hashSecret(sessionToken));
}
