import { randomBytes } from 'node:crypto';
import { systemActor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';

/**
 * First start: with no users at all, creates `admin` with KEDANG_ADMIN_PASSWORD or a generated
 * password, returned so the caller can print it once. Later starts do nothing.
 */
export async function ensureAdmin(deps: Deps, password?: string): Promise<{ username: string; password: string; generated: boolean } | undefined> {
  if ((await deps.db.users.count()) > 0) return undefined;
  const generated = !password;
  const pw = password ?? `${randomBytes(9).toString('base64url')}9a`;
  const passwordHash = await deps.passwords.hash(pw);
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    if ((await tx.users.count()) > 0) return;
    const user = await tx.users.insert({ username: 'admin', displayName: '系统管理员', role: 'admin', departmentId: null, email: null, isActive: true, passwordHash }, at);
    await recordAudit(tx, systemActor('bootstrap'), at, { action: 'user.created', entityType: 'user', entityId: user.id, meta: { reason: 'first start' } });
  });
  return { username: 'admin', password: pw, generated };
}
