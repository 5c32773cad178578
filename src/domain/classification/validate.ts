import type { Issue } from '../errors.ts';
import { analyseScheme, regionOf, type GroupFinding } from './analysis.ts';
import { codeProblem, codingRule } from './codes.ts';
import { MANUAL_CRITERION, type CriteriaRegistry, type Criterion } from './criteria.ts';
import { describe, isEmpty, type Region } from './regions.ts';
import { buildTree, isLeaf, type Category, type SchemeDefinition, type Tree } from './scheme.ts';

/*
 * What is wrong with a definition, as issues (code + path + params, rendered in zh-CN or English at
 * the edge). Errors block publishing; warnings (an unreachable rule, an empty category) do not.
 * Structural issues are also what edits are refused with; overlaps and gaps are only reported, since
 * a draft may pass through them while someone moves a boundary.
 */

export type Severity = 'error' | 'warning';
export type SchemeIssue = Issue & { severity: Severity };

/** Issue codes an edit is refused with when it introduces them. */
export const structuralCodes = new Set([
  'duplicate_category_key', 'unknown_parent_category', 'category_cycle', 'no_level_for_depth', 'bad_category_code', 'duplicate_category_code',
  'unknown_criterion', 'rule_off_level_criterion', 'mixed_level_criteria', 'rule_kind_mismatch', 'empty_rule', 'unknown_rule_value', 'rule_on_manual_level',
  'bad_reassignment',
]);

const ruleKindsFor: Record<Criterion['type'], string[]> = {
  enum: ['values', 'missing', 'otherwise'],
  number: ['range', 'missing', 'otherwise'],
  date: ['dateWindow', 'period', 'missing', 'otherwise'],
};

export function criterionParams(c: Criterion | undefined, key: string) {
  return { criterion: key, criterionZh: c?.labelZh ?? key, criterionEn: c?.labelEn ?? key };
}

const catParams = (tree: Tree, key: string | null, prefix: string) => {
  const c = key === null ? undefined : tree.byKey.get(key);
  return { [`${prefix}Key`]: key, [`${prefix}Zh`]: c?.nameZh ?? (key === null ? '（顶层）' : key), [`${prefix}En`]: c?.nameEn ?? c?.nameZh ?? (key === null ? '(top level)' : key) };
};

/** Structural problems: keys, parents, cycles, codes vs the coding rule, criteria per level, rule shapes. */
export function structuralIssues(def: SchemeDefinition, registry: CriteriaRegistry, asOfDay: number, tree: Tree = buildTree(def)): SchemeIssue[] {
  const out: SchemeIssue[] = [];
  const err = (path: Issue['path'], code: string, params: Record<string, unknown> = {}) => out.push({ path, code, params, severity: 'error' });
  if (def.categories.length === 0) err(['categories'], 'no_categories');
  const seenKeys = new Set<string>();
  for (const c of def.categories) {
    if (seenKeys.has(c.key)) err(['categories', c.key], 'duplicate_category_key', { key: c.key });
    seenKeys.add(c.key);
  }
  for (const key of tree.detached) {
    const c = tree.byKey.get(key)!;
    if (c.parentKey !== null && !tree.byKey.has(c.parentKey)) err(['categories', key, 'parentKey'], 'unknown_parent_category', { key, parentKey: c.parentKey, nameZh: c.nameZh });
    else err(['categories', key, 'parentKey'], 'category_cycle', { key, nameZh: c.nameZh });
  }
  def.levels.forEach((l, d) => {
    if (l.criterion !== MANUAL_CRITERION && !registry.has(l.criterion)) err(['levels', d, 'criterion'], 'unknown_criterion', { criterion: l.criterion, level: d + 1 });
  });
  const codes = new Map<string, string>();
  const ruleCriteriaByDepth = new Map<number, Set<string>>();
  for (const [key, depth] of tree.depth) {
    const c = tree.byKey.get(key)!;
    const path = ['categories', key];
    const level = def.levels[depth];
    if (!level) {
      err(path, 'no_level_for_depth', { key, nameZh: c.nameZh, level: depth + 1, levels: def.levels.length });
      continue;
    }
    const parentCode = c.parentKey === null ? '' : (tree.byKey.get(c.parentKey)?.code ?? '');
    const problem = codeProblem(def.levels, depth, parentCode, c.code);
    if (problem) err([...path, 'code'], 'bad_category_code', { key, nameZh: c.nameZh, code: c.code, prefix: problem.prefix, length: problem.expectedLength, rule: codingRule(def.levels) });
    const other = codes.get(c.code);
    if (other !== undefined) err([...path, 'code'], 'duplicate_category_code', { key, code: c.code, otherKey: other });
    else codes.set(c.code, key);
    checkRule(c, depth, level.criterion, registry, asOfDay, (code, params) => err([...path, 'rule'], code, { key, nameZh: c.nameZh, level: depth + 1, ...params }));
    if (c.rule && c.rule.kind !== 'otherwise') {
      const set = ruleCriteriaByDepth.get(depth) ?? new Set<string>();
      set.add(c.rule.criterion);
      ruleCriteriaByDepth.set(depth, set);
    }
  }
  for (const [depth, set] of ruleCriteriaByDepth) {
    if (set.size > 1) err(['levels', depth], 'mixed_level_criteria', { level: depth + 1, criteria: [...set].join(', ') });
  }
  for (const [from, to] of Object.entries(def.reassignments)) {
    const target = tree.byKey.get(to);
    if (tree.byKey.has(from) || !target || !tree.depth.has(to) || !isLeaf(tree, to)) err(['reassignments', from], 'bad_reassignment', { key: from, target: to });
  }
  return out;
}

function checkRule(c: Category, _depth: number, levelCriterion: string, registry: CriteriaRegistry, asOfDay: number, err: (code: string, params?: Record<string, unknown>) => void) {
  const rule = c.rule;
  if (rule === null) return;
  if (levelCriterion === MANUAL_CRITERION) {
    if (rule.kind !== 'otherwise') err('rule_on_manual_level');
    return;
  }
  if (rule.kind === 'otherwise') return;
  const criterion = registry.get(rule.criterion);
  if (!criterion) return err('unknown_criterion', { criterion: rule.criterion });
  if (rule.criterion !== levelCriterion) {
    return err('rule_off_level_criterion', { ...criterionParams(criterion, rule.criterion), levelCriterion, ...prefixed('level', registry.get(levelCriterion), levelCriterion) });
  }
  if (!ruleKindsFor[criterion.type].includes(rule.kind)) return err('rule_kind_mismatch', { ruleKind: rule.kind, type: criterion.type, allowed: ruleKindsFor[criterion.type].join(', '), ...criterionParams(criterion, rule.criterion) });
  if (rule.kind === 'values' && criterion.type === 'enum' && criterion.values) {
    const unknown = rule.values.filter((v) => !criterion.values!.includes(v));
    if (unknown.length) err('unknown_rule_value', { values: unknown.join(', '), ...criterionParams(criterion, rule.criterion) });
  }
  const region = regionOf(rule, criterion, asOfDay);
  if (region && isEmpty(region)) err('empty_rule', criterionParams(criterion, rule.criterion));
}

const prefixed = (prefix: string, c: Criterion | undefined, key: string) => ({ [`${prefix}CriterionZh`]: c?.labelZh ?? key, [`${prefix}CriterionEn`]: c?.labelEn ?? key });

/** The proof's findings as issues: overlaps, gaps and extra catch-alls are errors; unreachable rules are warnings. */
export function analysisIssues(def: SchemeDefinition, registry: CriteriaRegistry, asOfDay: number, tree: Tree = buildTree(def)): SchemeIssue[] {
  const { findings } = analyseScheme(def, registry, asOfDay, tree);
  return findings.map((f) => findingIssue(f, tree, registry));
}

function regionParams(region: Region, c: Criterion | undefined) {
  const d = describe(region, { date: c?.type === 'date' });
  return { range: d.text, includesNull: d.null, openSet: d.complement };
}

function findingIssue(f: GroupFinding, tree: Tree, registry: CriteriaRegistry): SchemeIssue {
  const parent = catParams(tree, f.parentKey, 'parent');
  switch (f.code) {
    case 'class_overlap': {
      const c = registry.get(f.criterion);
      return {
        severity: 'error', code: f.code, path: ['categories', f.keys[1]],
        params: { ...parent, ...catParams(tree, f.keys[0], 'a'), ...catParams(tree, f.keys[1], 'b'), ...criterionParams(c, f.criterion), ...regionParams(f.region, c) },
      };
    }
    case 'class_gap': {
      const c = registry.get(f.criterion);
      return { severity: 'error', code: f.code, path: f.parentKey === null ? ['categories'] : ['categories', f.parentKey], params: { ...parent, ...criterionParams(c, f.criterion), ...regionParams(f.region, c) } };
    }
    case 'multiple_catch_all':
      return { severity: 'error', code: f.code, path: ['categories', f.keys[1]!], params: { ...parent, keys: f.keys.join(', ') } };
    case 'rule_unreachable':
      return { severity: 'warning', code: f.code, path: ['categories', f.key, 'rule'], params: { ...parent, ...catParams(tree, f.key, 'category') } };
    case 'catch_all_unreachable':
      return { severity: 'warning', code: f.code, path: ['categories', f.key, 'rule'], params: { ...parent, ...catParams(tree, f.key, 'category') } };
  }
}

/** Every issue of a definition: structure first; the analysis runs only on a sound structure. */
export function definitionIssues(def: SchemeDefinition, registry: CriteriaRegistry, asOfDay: number): SchemeIssue[] {
  const tree = buildTree(def);
  const structure = structuralIssues(def, registry, asOfDay, tree);
  const sound = !structure.some((i) => ['category_cycle', 'unknown_parent_category', 'duplicate_category_key', 'mixed_level_criteria', 'unknown_criterion', 'rule_kind_mismatch'].includes(i.code));
  return sound ? [...structure, ...analysisIssues(def, registry, asOfDay, tree)] : structure;
}

export const hasErrors = (issues: readonly SchemeIssue[]) => issues.some((i) => i.severity === 'error');
