import { diffFields } from '../../domain/audit/diff.ts';
import { codePeriod, codeSchemeSchema, defaultCodeScheme, formatCustomerCode, type CodeScheme } from '../../domain/customers/code-scheme.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { codeSchemeKey } from '../customers/create-customer.ts';

export async function getCodeScheme(deps: Deps, actor: Actor): Promise<CodeScheme & { example: string }> {
  deps.access.assertCan(actor, 'customer.read');
  const scheme = (await deps.db.settings.get<CodeScheme>(codeSchemeKey)) ?? defaultCodeScheme;
  return { ...scheme, example: formatCustomerCode(scheme, codePeriod(scheme, deps.clock()), 1) };
}

/** A new scheme applies to customers created from now on; saved codes never change. */
export async function setCodeScheme(deps: Deps, actor: Actor, input: unknown): Promise<CodeScheme & { example: string }> {
  deps.access.assertCan(actor, 'settings.manage');
  const scheme = parseOrThrow(codeSchemeSchema, input);
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    const before = (await tx.settings.get<CodeScheme>(codeSchemeKey)) ?? defaultCodeScheme;
    await tx.settings.put(codeSchemeKey, scheme, at);
    await recordAudit(tx, actor, at, { action: 'settings.code_scheme_changed', entityType: 'settings', entityId: codeSchemeKey, changes: diffFields(before, scheme) });
  });
  return { ...scheme, example: formatCustomerCode(scheme, codePeriod(scheme, deps.clock()), 1) };
}
