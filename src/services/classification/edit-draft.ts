import { applyEdit, draftEditSchema } from '../../domain/classification/edits.ts';
import type { SchemeVersion } from '../../domain/classification/scheme.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { everyRecord } from '../ports.ts';
import { asOfDayFor, draftVersion, getSchemeByKey, registryOf } from './scheme-helpers.ts';

/**
 * One edit of the draft (add, rename, move, recode, set rule, delete category; set, add or remove a
 * level), creating the draft from the published version when there is none. Deleting a category that
 * holds customers in the published version needs `reassignTo`, or it is refused.
 */
export async function editDraft(deps: Deps, actor: Actor, key: string, input: unknown): Promise<SchemeVersion & { key?: string }> {
  deps.access.assertCan(actor, 'schemes.manage');
  const edit = parseOrThrow(draftEditSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const scheme = await getSchemeByKey(tx, key);
    const draft = await draftVersion(tx, scheme, actor, at, true);
    const published = new Map<string, number>();
    if (edit.op === 'deleteCategory' && scheme.publishedVersion !== null) {
      for (const c of await tx.classification.countByCategory(scheme.id, scheme.publishedVersion, everyRecord)) published.set(c.categoryKey, c.count);
    }
    const result = applyEdit(draft.definition, edit, await registryOf(tx), asOfDayFor(deps), published);
    await tx.classification.updateVersion(scheme.id, draft.version, { definition: result.definition });
    const { op, ...details } = edit;
    await recordAudit(tx, actor, at, {
      action: 'classification.draft_edited',
      entityType: 'class_scheme',
      entityId: key,
      meta: { version: draft.version, op, ...details, ...(result.key ? { categoryKey: result.key } : {}) },
    });
    return { ...draft, definition: result.definition, ...(result.key ? { key: result.key } : {}) };
  });
}
