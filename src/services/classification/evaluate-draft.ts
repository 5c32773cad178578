import { codingRule } from '../../domain/classification/codes.ts';
import type { CriteriaRegistry } from '../../domain/classification/criteria.ts';
import { dayString } from '../../domain/classification/dates.ts';
import { compileScheme } from '../../domain/classification/evaluate.ts';
import { buildTree, isLeaf, type Scheme, type SchemeVersion } from '../../domain/classification/scheme.ts';
import { definitionIssues, type SchemeIssue } from '../../domain/classification/validate.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { ClassificationSession } from '../ports.ts';
import { planAssignments, type Plan } from './plan.ts';
import { loadPopulation, type Population, type ProgressFn } from './population.ts';
import { labelsOf } from './run-classification.ts';
import { publishedVersion } from './scheme-helpers.ts';

/*
 * A draft evaluated against every live customer: the proof confirmed on data (customers no leaf
 * covers, customers two siblings both match, categories nobody falls in) and the moves it would make
 * against the published version. Validate, preview and publish all start here.
 */

export type CustomerRef = { id: number; code: string; name: string };
export type DataCheck = {
  customers: number;
  uncovered: { count: number; examples: CustomerRef[] };
  overlapping: { count: number; examples: (CustomerRef & { categories: { key: string; nameZh: string }[] })[] };
  categories: { key: string; code: string; nameZh: string; count: number; leaf: boolean }[];
};
export type ValidationReport = {
  scheme: string;
  version: number;
  asOf: string;
  codingRule: string;
  /** no errors: every customer falls in exactly one leaf */
  publishable: boolean;
  issues: SchemeIssue[];
  data: DataCheck | null;
};

export type DraftEvaluation = { population: Population; live: SchemeVersion | null; plan: Plan };

export async function evaluateDraft(
  deps: Deps,
  session: ClassificationSession,
  scheme: Scheme,
  draft: SchemeVersion,
  registry: CriteriaRegistry,
  opts: { asOfDay: number; startedAt: string; persist: boolean; runId: number | null; at: string; progress?: ProgressFn | undefined },
): Promise<DraftEvaluation> {
  const population = await loadPopulation(deps, session, { mode: 'incremental', asOfDay: opts.asOfDay, startedAt: opts.startedAt, persist: opts.persist, progress: opts.progress });
  opts.progress?.({ phase: 'evaluate', done: 0, total: 1, note: scheme.key });
  const compiled = compileScheme(draft.definition, registry, population.table, opts.asOfDay);
  const live = scheme.publishedVersion === null ? null : await publishedVersion(deps.db, scheme);
  const current = live ? await session.readAssignments(scheme.id, live.version, population.table, live.definition.categories) : null;
  const plan = planAssignments({
    compiled, table: population.table, current, currentLabels: live ? labelsOf(live.definition) : new Map(), schemeId: scheme.id, version: draft.version,
    runId: opts.runId, at: opts.at, check: true, publish: true, reassignments: draft.definition.reassignments,
  });
  opts.progress?.({ phase: 'evaluate', done: 1, total: 1, note: scheme.key });
  return { population, live, plan };
}

/** Example customers the actor may read (others are counted, never named). */
export async function customerRefs(deps: Deps, actor: Actor, ids: number[]): Promise<Map<number, CustomerRef>> {
  const filter = deps.access.filter(actor, 'customer.read');
  const out = new Map<number, CustomerRef>();
  for (const id of ids) {
    const c = await deps.db.customers.findById(id, { filter });
    if (c) out.set(id, { id, code: c.code, name: c.name });
  }
  return out;
}

/** The validation report: static issues, then the data check as counts, examples and issues. */
export async function buildReport(deps: Deps, actor: Actor, scheme: Scheme, draft: SchemeVersion, registry: CriteriaRegistry, asOfDay: number, evaluation: DraftEvaluation | null): Promise<ValidationReport> {
  const issues = definitionIssues(draft.definition, registry, asOfDay);
  let data: DataCheck | null = null;
  if (evaluation) {
    const { plan } = evaluation;
    const tree = buildTree(draft.definition);
    const refs = await customerRefs(deps, actor, [...plan.uncoveredExamples, ...plan.overlapExamples.map((o) => o.customerId)]);
    const name = (key: string) => ({ key, nameZh: tree.byKey.get(key)?.nameZh ?? key });
    data = {
      customers: plan.stats.customers,
      uncovered: { count: plan.stats.uncovered, examples: plan.uncoveredExamples.flatMap((id) => refs.get(id) ?? []) },
      overlapping: {
        count: plan.stats.overlapping,
        examples: plan.overlapExamples.flatMap((o) => {
          const ref = refs.get(o.customerId);
          return ref ? [{ ...ref, categories: o.keys.map(name) }] : [];
        }),
      },
      categories: [...tree.depth.keys()].map((key) => {
        const c = tree.byKey.get(key)!;
        const leaf = isLeaf(tree, key);
        return { key, code: c.code, nameZh: c.nameZh, count: leaf ? (plan.flows.get(key)?.after ?? 0) : 0, leaf };
      }),
    };
    if (plan.stats.uncovered > 0) {
      const examples = data.uncovered.examples.map((r) => `${r.code} ${r.name}`).join('、');
      issues.push({ severity: 'error', code: 'customers_uncovered', path: ['customers'], params: { count: plan.stats.uncovered, examples } });
      for (const r of data.uncovered.examples) issues.push({ severity: 'error', code: 'customer_uncovered', path: ['customers', r.code], params: { id: r.id, code: r.code, name: r.name } });
    }
    if (plan.stats.overlapping > 0) {
      const examples = data.overlapping.examples.map((r) => `${r.code} ${r.name}`).join('、');
      issues.push({ severity: 'error', code: 'customers_overlap', path: ['customers'], params: { count: plan.stats.overlapping, examples } });
      for (const r of data.overlapping.examples) {
        issues.push({ severity: 'error', code: 'customer_overlap', path: ['customers', r.code], params: { id: r.id, code: r.code, name: r.name, aZh: r.categories[0]?.nameZh, bZh: r.categories[1]?.nameZh } });
      }
    }
    for (const c of data.categories) {
      const rule = tree.byKey.get(c.key)?.rule;
      if (c.leaf && c.count === 0 && rule !== null) issues.push({ severity: 'warning', code: 'empty_category', path: ['categories', c.key], params: { key: c.key, nameZh: c.nameZh } });
    }
  }
  return {
    scheme: scheme.key,
    version: draft.version,
    asOf: dayString(asOfDay),
    codingRule: codingRule(draft.definition.levels),
    publishable: !issues.some((i) => i.severity === 'error'),
    issues,
    data,
  };
}
