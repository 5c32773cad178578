import { z } from 'zod';
import { diffFields } from '../../domain/audit/diff.ts';
import { DomainError, notFound, parseOrThrow } from '../../domain/errors.ts';
import { requiredText } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { TokenRecord } from '../ports.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const tokenDraftSchema = z.strictObject({
  name: requiredText(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});

/** Issues a token for a user; the secret is returned once and never stored. Admins may issue for others. */
export async function createApiToken(deps: Deps, actor: Actor, userId: number, input: unknown): Promise<TokenRecord & { token: string }> {
  if (actor.kind === 'user' && actor.userId !== userId) deps.access.assertCan(actor, 'user.manage');
  const draft = parseOrThrow(tokenDraftSchema, input);
  const user = await deps.db.users.findById(userId);
  if (!user || !user.isActive) throw notFound('user', userId);
  const token = newSecret('kdg_');
  const at = nowIso(deps);
  const expiresAt = draft.expiresInDays ? new Date(deps.clock().getTime() + draft.expiresInDays * 86_400_000).toISOString() : null;
  return deps.db.transaction(async (tx) => {
    const record = await tx.auth.insertToken({ userId, name: draft.name, tokenHash: hashSecret(token), tokenPrefix: token.slice(0, 12), expiresAt, createdAt: at });
    const changes = diffFields(null, { userId, name: draft.name, tokenPrefix: record.tokenPrefix, expiresAt });
    await recordAudit(tx, actor, at, { action: 'api_token.created', entityType: 'api_token', entityId: record.id, changes, meta: { userId, name: draft.name } });
    return { ...record, token };
  });
}

export async function listApiTokens(deps: Deps, actor: Actor, userId: number) {
  if (actor.kind === 'user' && actor.userId !== userId) deps.access.assertCan(actor, 'user.manage');
  return deps.db.auth.listTokens(userId);
}

export async function revokeApiToken(deps: Deps, actor: Actor, userId: number, tokenId: number) {
  if (actor.kind === 'user' && actor.userId !== userId) deps.access.assertCan(actor, 'user.manage');
  const tokens = await deps.db.auth.listTokens(userId);
  const t = tokens.find((x) => x.id === tokenId);
  if (!t) throw notFound('api token', tokenId);
  if (t.revokedAt) throw new DomainError('CONFLICT', 'conflict', [], { detail: 'already revoked' });
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    await tx.auth.revokeToken(tokenId, at);
    await recordAudit(tx, actor, at, { action: 'api_token.revoked', entityType: 'api_token', entityId: tokenId, changes: [{ field: 'revokedAt', before: null, after: at }], meta: { userId } });
  });
}
