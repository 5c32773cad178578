import { presenceImplies, type CriteriaRegistry, type Criterion } from './criteria.ts';
import { describe, emptyLike, enumRegion, intersect, isEmpty, numRegion, subtract, union, type Region } from './regions.ts';
import type { Category, Rule, SchemeDefinition, Tree } from './scheme.ts';
import { buildTree } from './scheme.ts';
import { epochDay } from './dates.ts';

/*
 * The proof: for every sibling group, the children's rules are analysed as sets of values of their
 * level's criterion. Two siblings whose sets intersect overlap (a customer could match both); the part
 * of the criterion's domain no sibling covers is a gap (a customer could match none). The domain of a
 * group is narrowed by its ancestors: a parent on the same criterion (nature → 中间商 → 零售商) limits
 * the children to its own values, and a parent that excludes "no value" on a purchase metric proves
 * every purchase metric of the same kind has a value below it (a buyer has a recency).
 */

export type GroupFinding =
  | { code: 'class_overlap'; parentKey: string | null; keys: [string, string]; criterion: string; region: Region }
  | { code: 'class_gap'; parentKey: string | null; criterion: string; region: Region }
  | { code: 'multiple_catch_all'; parentKey: string | null; keys: string[] }
  | { code: 'rule_unreachable'; parentKey: string | null; key: string; criterion: string }
  | { code: 'catch_all_unreachable'; parentKey: string | null; key: string };

/** Everything a criterion can be, before any rule: its range or value set, and "no value" unless always present. */
export function domainOf(c: Criterion): Region {
  const hasNull = c.presence !== 'always';
  if (c.type === 'enum') return c.values ? enumRegion(c.values, false, hasNull) : enumRegion([], true, hasNull);
  if (c.type === 'date') return numRegion(true, [{ lo: -Infinity, hi: Infinity, loIn: false, hiIn: false }], hasNull);
  return numRegion(c.integer, [{ lo: c.min ?? -Infinity, hi: c.max ?? Infinity, loIn: c.min !== null, hiIn: c.max !== null }], hasNull);
}

/** The values a rule matches; `otherwise` and manual membership are resolved by the caller. */
export function regionOf(rule: Rule, c: Criterion, asOfDay: number): Region | undefined {
  const integer = c.type === 'date' || (c.type === 'number' && c.integer);
  switch (rule.kind) {
    case 'range':
      if (c.type !== 'number') return undefined;
      return numRegion(integer, [{ lo: rule.min ?? -Infinity, hi: rule.max ?? Infinity, loIn: rule.min !== null && rule.minInclusive, hiIn: rule.max !== null && rule.maxInclusive }], false);
    case 'values':
      if (c.type !== 'enum') return undefined;
      return enumRegion(rule.values, false, false);
    case 'missing':
      return c.type === 'enum' ? enumRegion([], false, true) : numRegion(integer, [], true);
    case 'dateWindow': {
      if (c.type !== 'date') return undefined;
      const lo = rule.from ? epochDay(rule.from) : -Infinity;
      const hi = rule.to ? epochDay(rule.to) : Infinity;
      return numRegion(true, [{ lo, hi, loIn: rule.from !== null, hiIn: rule.to !== null }], false);
    }
    case 'period': {
      if (c.type !== 'date') return undefined;
      // within N days: asOf − date ≤ N; older than M days: asOf − date > M
      const lo = rule.withinDays === null ? -Infinity : asOfDay - rule.withinDays;
      const hi = rule.olderThanDays === null ? Infinity : asOfDay - rule.olderThanDays - 1;
      return numRegion(true, [{ lo, hi, loIn: rule.withinDays !== null, hiIn: rule.olderThanDays !== null }], false);
    }
    case 'otherwise':
      return undefined;
  }
}

export type Analysis = {
  findings: GroupFinding[];
  /** the values each category admits, within its group's domain (catch-alls resolved) */
  regions: Map<string, Region>;
};

type Ctx = { criterion: string; region: Region }[];

/**
 * Analyses every sibling group of a structurally valid tree. Groups whose criterion is unknown or
 * manual are skipped here (structural validation reports them).
 */
export function analyseScheme(def: SchemeDefinition, registry: CriteriaRegistry, asOfDay: number, tree: Tree = buildTree(def)): Analysis {
  const findings: GroupFinding[] = [];
  const regions = new Map<string, Region>();

  const visit = (parentKey: string | null, depth: number, ctx: Ctx) => {
    const kids = tree.children.get(parentKey) ?? [];
    if (kids.length === 0) return;
    const level = def.levels[depth];
    const criterion = level ? registry.get(level.criterion) : undefined;
    if (!level || !criterion) {
      for (const k of kids) visit(k.key, depth + 1, ctx);
      return;
    }
    const domain = groupDomain(criterion, ctx, registry);
    const ruled: { cat: Category; region: Region }[] = [];
    const catchAll: Category[] = [];
    for (const k of kids) {
      if (k.rule?.kind === 'otherwise') catchAll.push(k);
      else if (k.rule !== null && k.rule.criterion === criterion.key) {
        const r = regionOf(k.rule, criterion, asOfDay);
        if (r) ruled.push({ cat: k, region: intersect(r, domain) });
      }
    }
    for (let i = 0; i < ruled.length; i++) {
      const a = ruled[i]!;
      if (isEmpty(a.region)) findings.push({ code: 'rule_unreachable', parentKey, key: a.cat.key, criterion: criterion.key });
      for (let j = i + 1; j < ruled.length; j++) {
        const b = ruled[j]!;
        const both = intersect(a.region, b.region);
        if (!isEmpty(both)) findings.push({ code: 'class_overlap', parentKey, keys: [a.cat.key, b.cat.key], criterion: criterion.key, region: both });
      }
    }
    const covered = ruled.reduce<Region>((u, r) => union(u, r.region), emptyLike(domain));
    const rest = subtract(domain, covered);
    if (catchAll.length > 1) findings.push({ code: 'multiple_catch_all', parentKey, keys: catchAll.map((c) => c.key) });
    if (catchAll.length === 0 && !isEmpty(rest)) findings.push({ code: 'class_gap', parentKey, criterion: criterion.key, region: rest });
    if (catchAll.length >= 1 && isEmpty(rest)) findings.push({ code: 'catch_all_unreachable', parentKey, key: catchAll[0]!.key });
    for (const r of ruled) regions.set(r.cat.key, r.region);
    if (catchAll[0]) regions.set(catchAll[0].key, rest);
    for (const k of kids) {
      const own = regions.get(k.key);
      visit(k.key, depth + 1, own ? [...ctx, { criterion: criterion.key, region: own }] : ctx);
    }
  };
  visit(null, 0, []);
  return { findings, regions };
}

/** The criterion's domain under the ancestors' constraints. */
function groupDomain(c: Criterion, ctx: Ctx, registry: CriteriaRegistry): Region {
  let d = domainOf(c);
  for (const a of ctx) {
    if (a.criterion === c.key) d = intersect(d, a.region);
    else if (d.null && !a.region.null) {
      const ancestor = registry.get(a.criterion);
      if (ancestor && presenceImplies(ancestor.presence, c.presence)) d = { ...d, null: false };
    }
  }
  return d;
}

export { describe };
