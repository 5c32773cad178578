import { z } from 'zod';
import { sensitiveFields } from '../../domain/access/permissions.ts';
import { DomainError, parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { fieldRulesFor, scopedCustomer } from './scoped-customer.ts';

export const revealSchema = z.strictObject({
  fields: z.array(z.string().regex(/^[a-zA-Z]+(\.[a-z][a-z0-9_]{0,39})?$/)).min(1).max(sensitiveFields.length + 50),
});

/**
 * Shows masked values in full to someone with the reveal permission on this customer. Every reveal
 * is audited with the fields, so "who saw which ID number" has an answer.
 */
export async function revealFields(deps: Deps, actor: Actor, id: number, input: unknown): Promise<Record<string, unknown>> {
  const { fields } = parseOrThrow(revealSchema, input);
  const customer = await scopedCustomer(deps, deps.db, actor, 'customer.reveal', id);
  const rules = await fieldRulesFor(deps, deps.db, actor);
  const out: Record<string, unknown> = {};
  const issues = [];
  for (const [i, path] of fields.entries()) {
    const rule = rules.find((r) => r.path === path);
    if (!rule || rule.mode !== 'masked') {
      issues.push({ path: ['fields', i], code: rule?.mode === 'hidden' ? 'field_hidden' : 'not_masked' });
      continue;
    }
    const [a, b] = path.split('.') as [string, string | undefined];
    out[path] = b === undefined ? (customer as Record<string, unknown>)[a] : customer.custom[b];
  }
  if (issues.length) throw new DomainError('INVALID_INPUT', 'invalid_input', issues);
  const at = nowIso(deps);
  await deps.db.transaction((tx) => recordAudit(tx, actor, at, { action: 'customer.fields_revealed', entityType: 'customer', entityId: id, customerId: id, meta: { fields } }));
  return out;
}
