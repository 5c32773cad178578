import { z } from 'zod';
import { diffFields } from '../../domain/audit/diff.ts';
import { wouldMakeCycle } from '../../domain/access/departments.ts';
import { invalid, notFound, parseOrThrow } from '../../domain/errors.ts';
import { idSchema, requiredText } from '../../domain/shared/primitives.ts';
import { departmentDraftSchema, type Actor, type Department } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';

export const departmentPatchSchema = z.strictObject({ name: requiredText(50).optional(), parentId: idSchema.nullable().optional() });

export async function listDepartments(deps: Deps, actor: Actor): Promise<Department[]> {
  deps.access.assertCan(actor, 'user.read');
  return deps.db.departments.list();
}

export async function createDepartment(deps: Deps, actor: Actor, input: unknown): Promise<Department> {
  deps.access.assertCan(actor, 'user.manage');
  const draft = parseOrThrow(departmentDraftSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    if (draft.parentId && !(await tx.departments.findById(draft.parentId))) throw invalid([{ path: ['parentId'], code: 'unknown_reference' }]);
    const d = await tx.departments.insert({ name: draft.name, parentId: draft.parentId ?? null }, at);
    await recordAudit(tx, actor, at, { action: 'department.created', entityType: 'department', entityId: d.id, changes: diffFields(null, { name: d.name, parentId: d.parentId }) });
    return d;
  });
}

/** Rename or move a department; a move under itself or its own sub-department is refused. */
export async function updateDepartment(deps: Deps, actor: Actor, id: number, input: unknown): Promise<Department> {
  deps.access.assertCan(actor, 'user.manage');
  const patch = parseOrThrow(departmentPatchSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await tx.departments.findById(id);
    if (!before) throw notFound('department', id);
    if (patch.parentId !== undefined && patch.parentId !== null) {
      if (!(await tx.departments.findById(patch.parentId))) throw invalid([{ path: ['parentId'], code: 'unknown_reference' }]);
      if (wouldMakeCycle(await tx.departments.list(), id, patch.parentId)) throw invalid([{ path: ['parentId'], code: 'department_cycle' }]);
    }
    const after = await tx.departments.update(id, patch);
    const changes = diffFields({ name: before.name, parentId: before.parentId }, { name: after.name, parentId: after.parentId });
    if (changes.length) await recordAudit(tx, actor, at, { action: 'department.updated', entityType: 'department', entityId: id, changes });
    return after;
  });
}
