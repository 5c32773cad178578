import type { ClassRun } from '../../domain/classification/assignment.ts';
import { notFound } from '../../domain/errors.ts';
import type { Page } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';

/** Classification runs and publishes, newest first (who, when, what changed, how long each phase took). */
export async function listRuns(deps: Deps, actor: Actor, page: { page: number; pageSize: number }): Promise<Page<ClassRun>> {
  deps.access.assertCan(actor, 'customer.read');
  return deps.db.classification.listRuns(page);
}

export async function getRun(deps: Deps, actor: Actor, id: number): Promise<ClassRun> {
  deps.access.assertCan(actor, 'customer.read');
  const run = await deps.db.classification.findRun(id);
  if (!run) throw notFound('run', id);
  return run;
}
