import { DomainError, notFound } from '../../domain/errors.ts';
import { describeUserAgent } from '../../domain/users/user-agent.ts';
import type { Actor, UserActor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { SessionDetail } from '../ports.ts';

/** What a client sees of a session: never the cookie secret, nor the full hash it is stored under. */
export type SessionView = {
  id: string;
  device: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
};

/** The public id of a session: a prefix of the SHA-256 it is stored under (64 bits). */
export const publicSessionId = (storedId: string) => storedId.slice(0, 16);

function userOf(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'forbidden');
  return actor;
}

const view = (s: SessionDetail, currentId: string | undefined): SessionView => ({
  id: publicSessionId(s.id),
  device: describeUserAgent(s.userAgent),
  userAgent: s.userAgent,
  ip: s.ip,
  createdAt: s.createdAt,
  lastSeenAt: s.lastSeenAt,
  expiresAt: s.expiresAt,
  current: s.id === currentId,
});

/** My live sessions, most recent first; `currentId` is the stored id of the session making the request. */
export async function listMySessions(deps: Deps, actor: Actor, currentId: string | undefined): Promise<SessionView[]> {
  const me = userOf(actor);
  return (await deps.db.auth.listSessions(me.userId, nowIso(deps))).map((s) => view(s, currentId));
}

/** Ends one of my sessions by its public id (another device, or this one); says whether it was this one. */
export async function revokeMySession(deps: Deps, actor: Actor, publicId: string, currentId: string | undefined): Promise<{ current: boolean }> {
  const me = userOf(actor);
  const at = nowIso(deps);
  const session = (await deps.db.auth.listSessions(me.userId, at)).find((s) => publicSessionId(s.id) === publicId);
  if (!session) throw notFound('session', publicId);
  await deps.db.transaction(async (tx) => {
    await tx.auth.deleteSession(session.id);
    await recordAudit(tx, actor, at, { action: 'user.session_revoked', entityType: 'user', entityId: me.userId, meta: { session: publicId, device: describeUserAgent(session.userAgent), ip: session.ip } });
  });
  return { current: session.id === currentId };
}

/** Ends all my sessions but this one (all of them when the caller uses an API token). */
export async function revokeMyOtherSessions(deps: Deps, actor: Actor, currentId: string | undefined): Promise<{ ended: number }> {
  const me = userOf(actor);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const ended = await tx.auth.deleteSessionsOfUser(me.userId, currentId);
    if (ended) await recordAudit(tx, actor, at, { action: 'user.session_revoked', entityType: 'user', entityId: me.userId, meta: { others: true, count: ended } });
    return { ended };
  });
}

/** Admin: ends every session of a user at once (a lost laptop, a leaver); API tokens are managed apart. */
export async function signOutEverywhere(deps: Deps, actor: Actor, userId: number): Promise<{ ended: number }> {
  deps.access.assertCan(actor, 'user.manage');
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    if (!(await tx.users.findById(userId))) throw notFound('user', userId);
    const ended = await tx.auth.deleteSessionsOfUser(userId);
    await recordAudit(tx, actor, at, { action: 'user.session_revoked', entityType: 'user', entityId: userId, meta: { all: true, count: ended } });
    return { ended };
  });
}
