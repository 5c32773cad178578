import { diffFields } from '../../domain/audit/diff.ts';
import { customFieldDraftSchema, customFieldPatchSchema, type CustomFieldDef } from '../../domain/custom-fields/custom-field.ts';
import { invalid, notFound, parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';

/** Every signed-in user needs the definitions to render and fill the form. */
export async function listCustomFields(deps: Deps, actor: Actor): Promise<CustomFieldDef[]> {
  deps.access.assertCan(actor, 'customer.read');
  return deps.db.customFields.list();
}

export async function createCustomField(deps: Deps, actor: Actor, input: unknown): Promise<CustomFieldDef> {
  deps.access.assertCan(actor, 'custom_field.manage');
  const draft = parseOrThrow(customFieldDraftSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const def = await tx.customFields.insert({ ...draft, labelEn: draft.labelEn ?? null, archived: false }, at);
    await recordAudit(tx, actor, at, { action: 'custom_field.created', entityType: 'custom_field', entityId: def.id, changes: diffFields(null, { ...draft }) });
    return def;
  });
}

/** Key and type never change (stored values depend on them); options may only grow while values use them. */
export async function updateCustomField(deps: Deps, actor: Actor, id: number, input: unknown): Promise<CustomFieldDef> {
  deps.access.assertCan(actor, 'custom_field.manage');
  const patch = parseOrThrow(customFieldPatchSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await tx.customFields.findById(id);
    if (!before) throw notFound('custom field', id);
    const isSelect = before.type === 'select' || before.type === 'multiselect';
    if (patch.options && isSelect && patch.options.length === 0) throw invalid([{ path: ['options'], code: 'required' }]);
    const after = await tx.customFields.update(id, patch, at);
    const { id: _a, createdAt: _b, updatedAt: _c, ...b } = before;
    const { id: _d, createdAt: _e, updatedAt: _f, ...a } = after;
    await recordAudit(tx, actor, at, { action: 'custom_field.updated', entityType: 'custom_field', entityId: id, changes: diffFields(b, a) });
    return after;
  });
}
