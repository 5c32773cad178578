import { z } from 'zod';
import { parseOrThrow } from '../../domain/errors.ts';
import { idTextSchema, isoDateSchema, plainText } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import { presentChanges } from '../customers/field-security.ts';
import { fieldRulesFor } from '../customers/scoped-customer.ts';
import type { Deps } from '../deps.ts';
import type { AuditEntry, AuditFilter } from '../ports.ts';

/** The viewer's filters: who (actorId), what (action, entityType, entityId), when (from/to days), which customer. */
export const auditFilterSchema = z.strictObject({
  customerId: idTextSchema.optional(),
  actorId: idTextSchema.optional(),
  action: plainText(60).optional(),
  entityType: plainText(40).optional(),
  entityId: plainText(64).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Days become instants: `to` includes its whole day. */
export const storeFilter = (f: AuditFilterInput): AuditFilter => ({
  ...f,
  from: f.from && `${f.from}T00:00:00.000Z`,
  to: f.to && `${f.to}T23:59:59.999Z`,
});

/** Audit readers see sensitive before/after values as their role sees the records: masked stays masked. */
export async function auditPresenter(deps: Deps, actor: Actor) {
  const rules = await fieldRulesFor(deps, deps.db, actor);
  return (e: AuditEntry): AuditEntry => ({ ...e, changes: presentChanges(rules, e.changes) });
}

export async function listAudit(deps: Deps, actor: Actor, input: unknown) {
  deps.access.assertCan(actor, 'audit.read');
  const { page, pageSize, ...filter } = parseOrThrow(auditQuerySchema, input);
  const [entries, present] = await Promise.all([deps.db.audit.list({ ...storeFilter(filter), page, pageSize }), auditPresenter(deps, actor)]);
  return { ...entries, items: entries.items.map(present) };
}
