import { parseOrThrow } from '../../domain/errors.ts';
import { importTemplateSchema, type ImportTemplate } from '../../domain/imports/import-options.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { templatesKey } from './import-plan.ts';

/** Saved column mappings by name, shared by everyone who may import. */
export async function listImportTemplates(deps: Deps, actor: Actor): Promise<ImportTemplate[]> {
  deps.access.assertCan(actor, 'customer.import');
  return Object.values((await deps.db.settings.get<Record<string, ImportTemplate>>(templatesKey)) ?? {});
}

export async function saveImportTemplate(deps: Deps, actor: Actor, input: unknown): Promise<ImportTemplate> {
  deps.access.assertCan(actor, 'customer.import');
  const t = parseOrThrow(importTemplateSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const all = (await tx.settings.get<Record<string, ImportTemplate>>(templatesKey)) ?? {};
    await tx.settings.put(templatesKey, { ...all, [t.name]: t }, at);
    await recordAudit(tx, actor, at, { action: 'import.template_saved', entityType: 'import_template', entityId: t.name, meta: { template: t } });
    return t;
  });
}
