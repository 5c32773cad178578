import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';

/**
 * Undoes a committed import in one transaction: rows it created are deleted (with what hangs off them),
 * customers it updated get their stored columns back exactly as they were. Audited.
 */
export async function undoImport(deps: Deps, actor: Actor, batchId: number) {
  deps.access.assertCan(actor, 'customer.import');
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const batch = await tx.imports.findBatch(batchId);
    if (!batch) throw notFound('import batch', batchId);
    if (batch.status !== 'committed') throw new DomainError('CONFLICT', 'import_not_undoable', [], { status: batch.status });
    const removed = await tx.imports.revert(batchId, at);
    await tx.imports.finishBatch(batchId, { status: 'undone' }, at);
    await recordAudit(tx, actor, at, { action: 'import.undone', entityType: 'import_batch', entityId: batchId, meta: { file: batch.fileName, kind: batch.kind, removed } });
    return { batchId, removed };
  });
}
