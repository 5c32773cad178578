import { z } from 'zod';
import { buildTree, categoryKeySchema, schemeKeySchema, subtreeKeys } from '../../domain/classification/scheme.ts';
import { invalid, parseOrThrow } from '../../domain/errors.ts';
import { isoDateSchema, type Page } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import { explainChanges, type ClassTimelineEntry } from './customer-classes.ts';
import { customerRefs, type CustomerRef } from './evaluate-draft.ts';
import { getSchemeByKey, publishedVersion } from './scheme-helpers.ts';

/** "Who moved from A to B since a date": class changes of one scheme, categories including their descendants. */
export const movesQuerySchema = z.strictObject({
  scheme: schemeKeySchema,
  from: categoryKeySchema.optional(),
  to: categoryKeySchema.optional(),
  /** China day the changes happened on or after */
  since: isoDateSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type ClassMove = ClassTimelineEntry & { customer: CustomerRef };

export async function classMoves(deps: Deps, actor: Actor, input: unknown): Promise<Page<ClassMove>> {
  deps.access.assertCan(actor, 'customer.read');
  const q = parseOrThrow(movesQuerySchema, input ?? {});
  const scheme = await getSchemeByKey(deps.db, q.scheme);
  const tree = buildTree((await publishedVersion(deps.db, scheme)).definition);
  const expand = (key: string | undefined, field: 'from' | 'to') => {
    if (key === undefined) return undefined;
    if (!tree.byKey.has(key)) throw invalid([{ path: [field], code: 'unknown_category', params: { scheme: q.scheme, category: key } }]);
    return subtreeKeys(tree, key);
  };
  const since = q.since ? new Date(`${q.since}T00:00:00+08:00`).toISOString() : undefined;
  const filter = deps.access.filter(actor, 'customer.read');
  const page = await deps.db.classification.listChanges({ schemeId: scheme.id, fromKeys: expand(q.from, 'from'), toKeys: expand(q.to, 'to'), since, page: q.page, pageSize: q.pageSize }, filter);
  const [entries, refs] = await Promise.all([explainChanges(deps.db, page.items), customerRefs(deps, actor, [...new Set(page.items.map((c) => c.customerId))])]);
  return { ...page, items: entries.flatMap((e) => { const customer = refs.get(e.customerId); return customer ? [{ ...e, customer }] : []; }) };
}
