import { z } from 'zod';
import { parseOrThrow } from '../../domain/errors.ts';
import { idTextSchema, isoDateSchema, plainText } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';

export const auditQuerySchema = z.strictObject({
  customerId: idTextSchema.optional(),
  actorId: idTextSchema.optional(),
  action: plainText(60).optional(),
  entityType: plainText(40).optional(),
  entityId: plainText(64).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listAudit(deps: Deps, actor: Actor, input: unknown) {
  deps.access.assertCan(actor, 'audit.read');
  const q = parseOrThrow(auditQuerySchema, input);
  return deps.db.audit.list({
    ...q,
    from: q.from && `${q.from}T00:00:00.000Z`,
    to: q.to && `${q.to}T23:59:59.999Z`,
  });
}
