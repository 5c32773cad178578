import { z } from 'zod';
import { manualOverrideSchema, type Assignment, type ClassChange } from '../../domain/classification/assignment.ts';
import { MANUAL_CRITERION, type CriteriaRegistry } from '../../domain/classification/criteria.ts';
import { changeSummary, criterionLabel, formatRule, formatValue, inputChanges, type InputChange } from '../../domain/classification/explain.ts';
import { buildTree, isLeaf, pathOf, schemeKeySchema, type Scheme, type SchemeVersion } from '../../domain/classification/scheme.ts';
import { invalid, parseOrThrow } from '../../domain/errors.ts';
import type { Page } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { scopedCustomer } from '../customers/scoped-customer.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';
import { actorId, getSchemeByKey, publishedVersion, registryOf } from './scheme-helpers.ts';

/*
 * A customer's classes and their history, each explaining itself: the path to the leaf, where it came
 * from (rule or hand), since when, and why (the criterion value at each level beside the rule it
 * met). Manual overrides carry a reason and an optional expiry; clearing one hands the customer back
 * to the rules at the next run.
 */

type CategoryRef = { key: string; code: string; nameZh: string; nameEn: string | null };
export type ClassWhy = { criterion: string; labelZh: string; labelEn: string; value: string | number | null; displayZh: string; displayEn: string; ruleZh: string; ruleEn: string };
export type CustomerClass = {
  scheme: { key: string; nameZh: string; nameEn: string | null; version: number };
  category: CategoryRef;
  /** root first, the leaf last */
  path: CategoryRef[];
  source: Assignment['source'];
  since: string;
  reason: string | null;
  expiresAt: string | null;
  assignedBy: { id: number; name: string } | null;
  why: ClassWhy[];
};
export type ClassTimelineEntry = ClassChange & { schemeKey: string; schemeNameZh: string; schemeNameEn: string | null; inputs: InputChange[]; summaryZh: string; summaryEn: string };

const ref = (c: { key: string; code: string; nameZh: string; nameEn?: string | null | undefined }): CategoryRef => ({ key: c.key, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn ?? null });

async function userName(stores: Stores, id: number | null): Promise<{ id: number; name: string } | null> {
  if (id === null) return null;
  const u = await stores.users.findById(id);
  return { id, name: u?.displayName ?? u?.username ?? `#${id}` };
}

async function present(stores: Stores, scheme: Scheme, version: SchemeVersion, a: Assignment, registry: CriteriaRegistry): Promise<CustomerClass> {
  const tree = buildTree(version.definition);
  const path = pathOf(tree, a.categoryKey);
  const leaf = path.at(-1);
  const why: ClassWhy[] = [];
  path.forEach((c, depth) => {
    const k = version.definition.levels[depth]?.criterion;
    if (!k || k === MANUAL_CRITERION) return;
    const crit = registry.get(k);
    const value = a.inputs[k] ?? null;
    why.push({
      criterion: k, labelZh: criterionLabel(crit, k, 'zh-CN'), labelEn: criterionLabel(crit, k, 'en'), value,
      displayZh: formatValue(crit, value, 'zh-CN'), displayEn: formatValue(crit, value, 'en'),
      ruleZh: formatRule(c.rule, crit, 'zh-CN'), ruleEn: formatRule(c.rule, crit, 'en'),
    });
  });
  return {
    scheme: { key: scheme.key, nameZh: scheme.nameZh, nameEn: scheme.nameEn, version: version.version },
    category: leaf ? ref(leaf) : { key: a.categoryKey, code: a.categoryCode, nameZh: a.categoryKey, nameEn: null },
    path: path.map(ref),
    source: a.source,
    since: a.assignedAt,
    reason: a.reason,
    expiresAt: a.expiresAt,
    assignedBy: await userName(stores, a.assignedBy),
    why: a.source === 'manual' ? [] : why,
  };
}

/** The customer's class in every published scheme. */
export async function customerClasses(deps: Deps, actor: Actor, customerId: number): Promise<CustomerClass[]> {
  await scopedCustomer(deps, deps.db, actor, 'customer.read', customerId);
  const [assignments, schemes, registry] = await Promise.all([deps.db.classification.liveAssignmentsOf(customerId), deps.db.classification.listSchemes(), registryOf(deps.db)]);
  const out: CustomerClass[] = [];
  for (const a of assignments) {
    const scheme = schemes.find((s) => s.id === a.schemeId);
    if (!scheme) continue;
    out.push(await present(deps.db, scheme, await publishedVersion(deps.db, scheme), a, registry));
  }
  return out;
}

/** Class changes as sentences with the inputs before and after: the timeline of the customer page and of the moves query. */
export async function explainChanges(stores: Stores, changes: ClassChange[]): Promise<ClassTimelineEntry[]> {
  const [schemes, registry] = await Promise.all([stores.classification.listSchemes(), registryOf(stores)]);
  return changes.map((ch) => {
    const scheme = schemes.find((s) => s.id === ch.schemeId);
    const inputs = inputChanges(ch.inputsBefore, ch.inputsAfter, registry);
    return {
      ...ch,
      schemeKey: scheme?.key ?? `#${ch.schemeId}`,
      schemeNameZh: scheme?.nameZh ?? `#${ch.schemeId}`,
      schemeNameEn: scheme?.nameEn ?? null,
      inputs,
      summaryZh: changeSummary(ch, inputs, 'zh-CN'),
      summaryEn: changeSummary(ch, inputs, 'en'),
    };
  });
}

export const timelineQuerySchema = z.strictObject({
  scheme: schemeKeySchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The customer's class changes, newest first. */
export async function customerClassChanges(deps: Deps, actor: Actor, customerId: number, input: unknown): Promise<Page<ClassTimelineEntry>> {
  const q = parseOrThrow(timelineQuerySchema, input ?? {});
  await scopedCustomer(deps, deps.db, actor, 'customer.read', customerId);
  const scheme = q.scheme ? await getSchemeByKey(deps.db, q.scheme) : undefined;
  const page = await deps.db.classification.listChanges({ customerId, schemeId: scheme?.id, page: q.page, pageSize: q.pageSize }, deps.access.filter(actor, 'customer.read'));
  return { ...page, items: await explainChanges(deps.db, page.items) };
}

/** Places a customer by hand in a leaf of the live version, with a reason and an optional expiry. */
export async function setManualClass(deps: Deps, actor: Actor, customerId: number, schemeKey: string, input: unknown): Promise<CustomerClass> {
  const o = parseOrThrow(manualOverrideSchema, input);
  const at = nowIso(deps);
  if (o.expiresAt && o.expiresAt <= at) throw invalid([{ path: ['expiresAt'], code: 'expiry_in_past' }]);
  return deps.db.transaction(async (tx) => {
    await scopedCustomer(deps, tx, actor, 'customer.classify', customerId);
    const scheme = await getSchemeByKey(tx, schemeKey);
    const live = await publishedVersion(tx, scheme);
    const tree = buildTree(live.definition);
    const cat = tree.byKey.get(o.categoryKey);
    if (!cat || !tree.depth.has(o.categoryKey)) throw invalid([{ path: ['categoryKey'], code: 'unknown_category', params: { scheme: schemeKey, category: o.categoryKey } }]);
    if (!isLeaf(tree, o.categoryKey)) throw invalid([{ path: ['categoryKey'], code: 'not_leaf_category', params: { key: o.categoryKey } }]);
    await tx.customers.lockForWrite(customerId);
    const before = await tx.classification.findAssignment(scheme.id, live.version, customerId);
    const row = { customerId, categoryKey: cat.key, categoryCode: cat.code, source: 'manual' as const, reason: o.reason, expiresAt: o.expiresAt ?? null, assignedBy: actorId(actor), inputs: before?.inputs ?? {}, assignedAt: at };
    await tx.classification.upsertAssignments(scheme.id, live.version, [row]);
    const from = before ? tree.byKey.get(before.categoryKey) : undefined;
    await tx.classification.insertChanges([{
      schemeId: scheme.id, customerId, at, runId: null, schemeVersion: live.version,
      fromKey: before?.categoryKey ?? null, fromCode: before?.categoryCode ?? null, fromName: from?.nameZh ?? before?.categoryKey ?? null,
      toKey: cat.key, toCode: cat.code, toName: cat.nameZh, cause: 'manual', rule: null,
      inputsBefore: null, inputsAfter: null, reason: o.reason, actorId: actorId(actor),
    }]);
    await recordAudit(tx, actor, at, {
      action: 'classification.override_set',
      entityType: 'class_assignment',
      entityId: `${schemeKey}:${customerId}`,
      customerId,
      changes: [{ field: `class.${schemeKey}`, before: before?.categoryKey ?? null, after: cat.key }],
      meta: { scheme: schemeKey, version: live.version, reason: o.reason, expiresAt: o.expiresAt ?? null },
    });
    return present(tx, scheme, live, { ...row, schemeId: scheme.id, version: live.version }, await registryOf(tx));
  });
}

export const clearOverrideSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });

/**
 * Ends a manual placement now: the next run (the caller starts one) puts the customer where the rules
 * say. Returns whether there was an override to end.
 */
export async function clearManualClass(deps: Deps, actor: Actor, customerId: number, schemeKey: string, input: unknown = {}): Promise<{ cleared: boolean }> {
  const o = parseOrThrow(clearOverrideSchema, input ?? {});
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    await scopedCustomer(deps, tx, actor, 'customer.classify', customerId);
    const scheme = await getSchemeByKey(tx, schemeKey);
    const live = await publishedVersion(tx, scheme);
    await tx.customers.lockForWrite(customerId);
    const current = await tx.classification.findAssignment(scheme.id, live.version, customerId);
    if (!current || current.source !== 'manual') return { cleared: false };
    await tx.classification.upsertAssignments(scheme.id, live.version, [{ ...current, expiresAt: at }]);
    await recordAudit(tx, actor, at, {
      action: 'classification.override_cleared',
      entityType: 'class_assignment',
      entityId: `${schemeKey}:${customerId}`,
      customerId,
      meta: { scheme: schemeKey, version: live.version, categoryKey: current.categoryKey, reason: o.reason ?? null },
    });
    return { cleared: true };
  });
}
