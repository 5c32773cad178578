import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { DataKeyRotator, KeyRotationSummary } from '../ports.ts';

/**
 * Adds a data key (or resumes the unfinished rotation) and re-encrypts every sensitive value under it,
 * then audits the outcome: `crypto.key_rotated` when every row is under the new key, else
 * `crypto.key_rotation_paused`. Every door (CLI, tests, a future route) gets the same check and entry.
 */
export async function rotateDataKey<S extends KeyRotationSummary, O>(deps: Deps, actor: Actor, keys: DataKeyRotator<S, O>, opts?: O): Promise<S> {
  deps.access.assertCan(actor, 'settings.manage');
  const summary = await keys.rotate(opts);
  const r = summary.result;
  const at = nowIso(deps);
  await deps.db.transaction((tx) =>
    recordAudit(tx, actor, at, {
      action: r.converged ? 'crypto.key_rotated' : 'crypto.key_rotation_paused',
      entityType: 'key_ring',
      entityId: summary.keyId,
      meta: { previousKeyId: summary.previousKeyId, resumed: summary.resumed, rewritten: r.rewritten, passes: r.passes, interrupted: r.interrupted },
    }),
  );
  return summary;
}
