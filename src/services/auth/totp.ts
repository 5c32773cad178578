import { z } from 'zod';
import { DomainError, invalid, notFound, parseOrThrow } from '../../domain/errors.ts';
import type { Actor, User, UserActor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { UserWithSecret } from '../ports.ts';
import { newTotpSecret, normalizeTotpCode, totpStep } from './totp-code.ts';

// codes are checked by normalizeTotpCode: a malformed one is a wrong one (bad_totp_code)
const codeField = z.unknown().describe('six digits from the authenticator app');
export const totpEnableSchema = z.strictObject({ code: codeField });
export const totpDisableSchema = z.strictObject({ password: z.string().max(200), code: codeField });

const cleared = { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null };
const badCode = () => new DomainError('INVALID_INPUT', 'bad_totp_code');

async function me(deps: Deps, actor: Actor): Promise<{ actor: UserActor; user: UserWithSecret }> {
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'forbidden');
  const user = await deps.db.users.findById(actor.userId);
  if (!user) throw new DomainError('UNAUTHENTICATED', 'unauthenticated');
  return { actor, user };
}

/** Step of a code that fits `sealed`; undefined for a wrong or malformed code. */
async function stepOf(deps: Deps, sealed: string, code: unknown): Promise<number | undefined> {
  const normalized = normalizeTotpCode(code);
  return normalized === undefined ? undefined : totpStep(await deps.secrets.open(sealed), normalized, deps.clock());
}

/**
 * Starts enrolment: a new secret, kept sealed as pending until a code from the app proves it was saved.
 * Returned once, as text and as an otpauth:// URI for a QR code.
 */
export async function setupTotp(deps: Deps, actor: Actor): Promise<{ secret: string; uri: string }> {
  const { user } = await me(deps, actor);
  if (user.totpEnabled) throw new DomainError('CONFLICT', 'totp_already_enabled');
  const fresh = newTotpSecret(user.username);
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { totpPendingSecret: deps.secrets.seal(fresh.secret) }, at);
    await recordAudit(tx, actor, at, { action: 'user.totp_setup_started', entityType: 'user', entityId: user.id });
  });
  return fresh;
}

/** Finishes enrolment with a code from the app; from now on signing in asks for a code. */
export async function enableTotp(deps: Deps, actor: Actor, input: unknown): Promise<User> {
  const { code } = parseOrThrow(totpEnableSchema, input);
  const { user } = await me(deps, actor);
  if (user.totpEnabled) throw new DomainError('CONFLICT', 'totp_already_enabled');
  if (!user.totpPendingSecret) throw new DomainError('CONFLICT', 'totp_setup_missing');
  const step = await stepOf(deps, user.totpPendingSecret, code);
  if (step === undefined) throw badCode();
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const after = await tx.users.update(user.id, { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: at, totpLastStep: step }, at);
    await recordAudit(tx, actor, at, { action: 'user.totp_enabled', entityType: 'user', entityId: user.id, changes: [{ field: 'totpEnabled', before: false, after: true }] });
    return after;
  });
}

/** Turns the second factor off; needs the password and a fresh code, so a stolen session is not enough. */
export async function disableTotp(deps: Deps, actor: Actor, input: unknown): Promise<User> {
  const { password, code } = parseOrThrow(totpDisableSchema, input);
  const { user } = await me(deps, actor);
  if (!user.totpEnabled || !user.totpSecret) throw new DomainError('CONFLICT', 'totp_not_enabled');
  if (!(await deps.passwords.verify(user.passwordHash, password))) throw invalid([{ path: ['password'], code: 'wrong_password' }]);
  const step = await stepOf(deps, user.totpSecret, code);
  if (step === undefined) throw badCode();
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    if (!(await tx.users.claimTotpStep(user.id, step))) throw badCode();
    const after = await tx.users.update(user.id, cleared, at);
    await recordAudit(tx, actor, at, { action: 'user.totp_disabled', entityType: 'user', entityId: user.id, changes: [{ field: 'totpEnabled', before: true, after: false }] });
    return after;
  });
}

/** For a user who lost their authenticator (`kedang user reset-totp`): the second factor is off until they enrol again. */
export async function resetTotp(deps: Deps, actor: Actor, userId: number): Promise<User> {
  deps.access.assertCan(actor, 'user.manage');
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const user = await tx.users.findById(userId);
    if (!user) throw notFound('user', userId);
    const after = await tx.users.update(userId, cleared, at);
    await recordAudit(tx, actor, at, { action: 'user.totp_reset', entityType: 'user', entityId: userId, changes: [{ field: 'totpEnabled', before: user.totpEnabled, after: false }] });
    return after;
  });
}

