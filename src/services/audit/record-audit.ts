import type { FieldChange } from '../../domain/audit/diff.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Stores } from '../ports.ts';

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId: string | number | null;
  customerId?: number | null;
  changes?: FieldChange[];
  meta?: Record<string, unknown>;
};

/** Writes one audit entry through the transaction's stores, so it commits or rolls back with the change. */
export async function recordAudit(tx: Stores, actor: Actor, at: string, e: AuditEvent): Promise<void> {
  await tx.audit.record({
    at,
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorName: actor.kind === 'user' ? actor.username : `system:${actor.name}`,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId === null ? null : String(e.entityId),
    customerId: e.customerId ?? null,
    changes: e.changes ?? [],
    meta: e.meta ?? {},
  });
}
