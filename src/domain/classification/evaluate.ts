import { regionOf } from './analysis.ts';
import { MANUAL_CRITERION, type CriteriaRegistry, type Criterion } from './criteria.ts';
import { dayString } from './dates.ts';
import type { CustomerTable } from './metrics.ts';
import { buildTree, isLeaf, pathOf, type Category, type SchemeDefinition, type Tree } from './scheme.ts';

/*
 * A definition compiled against a customer table: each sibling group becomes a list of matchers on one
 * column, tried in code order; the catch-all takes what none matched. `place` stops at the first match
 * (a published scheme is proven exclusive); `check` tries every sibling, to confirm the proof on data.
 */

type Matcher = (i: number) => boolean;
/** An enum level as one lookup: value → the first sibling whose value set holds it (what trying them in order gives). */
type Lookup = { column: readonly (string | null)[]; map: Map<string, number>; missing: number };
type Group = { criterion: string | null; children: { index: number; match: Matcher }[]; otherwise: number; lookup?: Lookup | undefined };

export type InputValue = string | number | null;
export type Inputs = Record<string, InputValue>;

export type CompiledScheme = {
  tree: Tree;
  /** every category, indexed; leaves are what customers are placed in */
  categories: Category[];
  indexOf: ReadonlyMap<string, number>;
  isLeaf: (index: number) => boolean;
  /** the leaf a customer falls in, or -1 when no rule covers it */
  place: (row: number) => number;
  /** like place, but also the first pair of siblings that both match */
  check: (row: number) => { leaf: number; overlap: [number, number] | null };
  /** the values of the criteria on the way to a category, for the "why" of a class */
  inputs: (row: number, categoryIndex: number) => Inputs;
};

export function compileScheme(def: SchemeDefinition, registry: CriteriaRegistry, table: CustomerTable, asOfDay: number): CompiledScheme {
  const tree = buildTree(def);
  const categories = [...tree.depth.keys()].map((k) => tree.byKey.get(k)!);
  const indexOf = new Map(categories.map((c, i) => [c.key, i]));
  const leaf = categories.map((c) => isLeaf(tree, c.key));
  const groups = new Map<string | null, Group>();
  const groupOf = (parent: string | null, depth: number): Group => {
    const level = def.levels[depth];
    const criterionKey = level && level.criterion !== MANUAL_CRITERION ? level.criterion : null;
    const criterion = criterionKey ? registry.get(criterionKey) : undefined;
    const g: Group = { criterion: criterionKey, children: [], otherwise: -1 };
    for (const c of tree.children.get(parent) ?? []) {
      const index = indexOf.get(c.key)!;
      if (c.rule?.kind === 'otherwise') {
        if (g.otherwise < 0) g.otherwise = index;
      } else if (c.rule !== null && criterion && c.rule.criterion === criterion.key) {
        g.children.push({ index, match: matcherFor(c, criterion, table, asOfDay) });
      }
    }
    if (criterion?.type === 'enum') g.lookup = enumLookup(tree.children.get(parent) ?? [], indexOf, criterion.key, table);
    return g;
  };
  for (const [key, depth] of tree.depth) if (!leaf[indexOf.get(key)!]) groups.set(key, groupOf(key, depth + 1));
  const root = groupOf(null, 0);
  groups.set(null, root);
  const childGroup = categories.map((c, i) => (leaf[i] ? undefined : groups.get(c.key)));

  const place = (row: number): number => {
    let g: Group | undefined = root;
    for (;;) {
      let hit = -1;
      if (g.lookup) {
        const v = g.lookup.column[row];
        hit = v === null || v === undefined ? g.lookup.missing : (g.lookup.map.get(v) ?? -1);
      } else {
        for (const ch of g.children) {
          if (ch.match(row)) {
            hit = ch.index;
            break;
          }
        }
      }
      if (hit < 0) hit = g.otherwise;
      if (hit < 0) return -1;
      g = childGroup[hit];
      if (!g) return hit;
    }
  };
  const check = (row: number) => {
    let g: Group | undefined = root;
    let overlap: [number, number] | null = null;
    for (;;) {
      let hit = -1;
      for (const ch of g.children) {
        if (!ch.match(row)) continue;
        if (hit < 0) hit = ch.index;
        else if (!overlap) overlap = [hit, ch.index];
      }
      if (hit < 0) hit = g.otherwise;
      if (hit < 0) return { leaf: -1, overlap };
      g = childGroup[hit];
      if (!g) return { leaf: hit, overlap };
    }
  };
  const inputs = (row: number, index: number): Inputs => {
    const out: Inputs = {};
    const path = pathOf(tree, categories[index]!.key);
    path.forEach((_c, depth) => {
      const k = def.levels[depth]?.criterion;
      if (!k || k === MANUAL_CRITERION || k in out) return;
      out[k] = valueOf(registry.get(k), k, table, row);
    });
    return out;
  };
  return { tree, categories, indexOf, isLeaf: (i) => leaf[i] === true, place, check, inputs };
}

function enumLookup(siblings: readonly Category[], indexOf: ReadonlyMap<string, number>, criterion: string, table: CustomerTable): Lookup {
  const map = new Map<string, number>();
  let missing = -1;
  for (const c of siblings) {
    const rule = c.rule;
    if (!rule || rule.kind === 'otherwise' || rule.criterion !== criterion) continue;
    const index = indexOf.get(c.key)!;
    if (rule.kind === 'missing' && missing < 0) missing = index;
    if (rule.kind === 'values') for (const v of rule.values) if (!map.has(v)) map.set(v, index);
  }
  return { column: table.text.get(criterion) ?? [], map, missing };
}

/** A criterion's value for one customer, as stored in an assignment's inputs (dates as YYYY-MM-DD, numbers rounded). */
export function valueOf(c: Criterion | undefined, key: string, table: CustomerTable, row: number): InputValue {
  if (c?.type === 'enum' || (!c && table.text.has(key))) return table.text.get(key)?.[row] ?? null;
  const v = table.num.get(key)?.[row];
  if (v === undefined || Number.isNaN(v)) return null;
  if (c?.type === 'date') return dayString(v);
  return Math.round(v * 100) / 100;
}

function matcherFor(c: Category, criterion: Criterion, table: CustomerTable, asOfDay: number): Matcher {
  const rule = c.rule!;
  if (criterion.type === 'enum') {
    const column = table.text.get(criterion.key) ?? [];
    if (rule.kind === 'missing') return (i) => (column[i] ?? null) === null;
    if (rule.kind === 'values') {
      const set = new Set(rule.values);
      return (i) => {
        const v = column[i];
        return v !== null && v !== undefined && set.has(v);
      };
    }
    return () => false;
  }
  const column = table.num.get(criterion.key) ?? new Float64Array(table.size).fill(NaN);
  if (rule.kind === 'missing') return (i) => Number.isNaN(column[i]!);
  const region = regionOf(rule, criterion, asOfDay);
  if (!region || region.type !== 'num') return () => false;
  const ivs = region.intervals;
  if (ivs.length === 0) return () => false;
  const { lo, hi, loIn, hiIn } = ivs[0]!;
  // one interval per rule: compare without allocation; NaN fails every comparison
  return (i) => {
    const v = column[i]!;
    return (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
  };
}
