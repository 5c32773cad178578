import { systemActor } from '../../domain/users/user.ts';
import { nowIso, type Deps } from '../deps.ts';
import { recordAudit } from './record-audit.ts';

/**
 * Hashes the entries written before the audit chain existed (migration 0004), in id order, once, and
 * records that it did. Runs at every start-up; once the newest entry has a hash it costs one read.
 */
export async function sealAuditChain(deps: Deps): Promise<number> {
  const head = await deps.db.audit.head();
  if (!head || head.hash !== null) return 0;
  return deps.db.transaction(async (tx) => {
    const sealed = await tx.audit.sealLegacy();
    if (sealed > 0) await recordAudit(tx, systemActor('audit'), nowIso(deps), { action: 'audit.chain_sealed', entityType: 'audit', entityId: null, meta: { entries: sealed } });
    return sealed;
  });
}
