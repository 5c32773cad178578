import { z } from 'zod';
import { invalid, notFound, type Issue } from '../errors.ts';
import { optionalText, requiredText } from '../shared/primitives.ts';
import { nextFreeCode, withCodePrefix } from './codes.ts';
import type { CriteriaRegistry } from './criteria.ts';
import { buildTree, categoryCodeSchema, categoryKeySchema, criterionKeySchema, isLeaf, ruleSchema, subtreeKeys, type Category, type SchemeDefinition } from './scheme.ts';
import { structuralCodes, structuralIssues } from './validate.ts';

/*
 * Edits of a draft, one operation at a time, as the U8 客户分类 screen does them. An edit that would
 * break the structure (a cycle, a code outside the coding rule, a rule on another level's criterion,
 * an unknown metric) is refused with the issues it would introduce; overlaps and gaps are left to
 * validation, because moving a boundary takes two edits.
 */

const key = categoryKeySchema;
const level = z.number().int().min(1).max(9);

export const draftEditSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('addCategory'),
    key: key.optional(),
    parentKey: key.nullable().default(null),
    code: categoryCodeSchema.optional(),
    nameZh: requiredText(50),
    nameEn: optionalText(100),
    description: optionalText(500),
    rule: ruleSchema.nullable().default(null),
  }),
  z.strictObject({ op: z.literal('updateCategory'), key, nameZh: requiredText(50).optional(), nameEn: optionalText(100), description: optionalText(500) }),
  z.strictObject({ op: z.literal('moveCategory'), key, parentKey: key.nullable(), code: categoryCodeSchema.optional() }),
  z.strictObject({ op: z.literal('recodeCategory'), key, code: categoryCodeSchema }),
  z.strictObject({ op: z.literal('setRule'), key, rule: ruleSchema.nullable() }),
  z.strictObject({ op: z.literal('deleteCategory'), key, reassignTo: key.optional() }),
  z.strictObject({ op: z.literal('setLevel'), level, codeLength: z.number().int().min(1).max(6).optional(), criterion: criterionKeySchema.optional(), clearRules: z.boolean().default(false) }),
  z.strictObject({ op: z.literal('addLevel'), codeLength: z.number().int().min(1).max(6), criterion: criterionKeySchema }),
  z.strictObject({ op: z.literal('removeLevel') }),
]);
export type DraftEdit = z.infer<typeof draftEditSchema>;

/** Customers per category key in the published version, for delete checks. */
export type PublishedCounts = ReadonlyMap<string, number>;

export type EditResult = { definition: SchemeDefinition; key?: string };

const replace = (def: SchemeDefinition, k: string, change: Partial<Category>): SchemeDefinition => ({
  ...def,
  categories: def.categories.map((c) => (c.key === k ? { ...c, ...change } : c)),
});

function uniqueKey(def: SchemeDefinition, base: string): string {
  const taken = new Set(def.categories.map((c) => c.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Applies one edit; throws NOT_FOUND for an unknown category, INVALID_INPUT for a structural break or a delete of a used category without `reassignTo`. */
export function applyEdit(def: SchemeDefinition, edit: DraftEdit, registry: CriteriaRegistry, asOfDay: number, published: PublishedCounts = new Map()): EditResult {
  const tree = buildTree(def);
  const need = (k: string) => {
    const c = tree.byKey.get(k);
    if (!c) throw notFound('category', k);
    return c;
  };
  let next: SchemeDefinition;
  let touched: string | undefined;
  switch (edit.op) {
    case 'addCategory': {
      if (edit.parentKey !== null) need(edit.parentKey);
      if (edit.key !== undefined && tree.byKey.has(edit.key)) throw invalid([{ path: ['categoryKey'], code: 'duplicate_category_key', params: { key: edit.key } }]);
      const code = edit.code ?? nextFreeCode(def, tree, edit.parentKey);
      if (code === undefined) throw invalid([{ path: ['parentKey'], code: 'no_level_for_depth', params: { key: edit.parentKey, levels: def.levels.length } }]);
      const k = edit.key ?? uniqueKey(def, `c${code}`);
      const cat: Category = { key: k, parentKey: edit.parentKey, code, nameZh: edit.nameZh, nameEn: edit.nameEn ?? null, description: edit.description ?? null, rule: edit.rule };
      next = { ...def, categories: [...def.categories, cat] };
      touched = k;
      break;
    }
    case 'updateCategory': {
      need(edit.key);
      const change: Partial<Category> = {};
      if (edit.nameZh !== undefined) change.nameZh = edit.nameZh;
      if (edit.nameEn !== undefined) change.nameEn = edit.nameEn;
      if (edit.description !== undefined) change.description = edit.description;
      next = replace(def, edit.key, change);
      touched = edit.key;
      break;
    }
    case 'moveCategory': {
      const c = need(edit.key);
      if (edit.parentKey !== null) need(edit.parentKey);
      const moved = subtreeKeys(tree, edit.key);
      if (edit.parentKey !== null && moved.includes(edit.parentKey)) {
        throw invalid([{ path: ['parentKey'], code: 'category_cycle', params: { key: edit.key, nameZh: c.nameZh, parentKey: edit.parentKey } }]);
      }
      const newDepth = edit.parentKey === null ? 0 : (tree.depth.get(edit.parentKey) ?? 0) + 1;
      const code = edit.code ?? nextFreeCode(def, tree, edit.parentKey, newDepth);
      if (code === undefined) throw invalid([{ path: ['parentKey'], code: 'no_level_for_depth', params: { key: edit.key, levels: def.levels.length } }]);
      next = withCodePrefix(replace(def, edit.key, { parentKey: edit.parentKey }), new Set(moved), c.code, code);
      touched = edit.key;
      break;
    }
    case 'recodeCategory': {
      const c = need(edit.key);
      next = withCodePrefix(def, new Set(subtreeKeys(tree, edit.key)), c.code, edit.code);
      touched = edit.key;
      break;
    }
    case 'setRule': {
      need(edit.key);
      next = replace(def, edit.key, { rule: edit.rule });
      touched = edit.key;
      break;
    }
    case 'deleteCategory': {
      const c = need(edit.key);
      const removed = subtreeKeys(tree, edit.key);
      const inUse = removed.reduce((n, k) => n + (published.get(k) ?? 0), 0);
      const reassignments = { ...def.reassignments };
      if (inUse > 0) {
        if (edit.reassignTo === undefined) {
          throw invalid([{ path: ['reassignTo'], code: 'category_in_use', params: { key: edit.key, nameZh: c.nameZh, count: inUse } }]);
        }
        const target = tree.byKey.get(edit.reassignTo);
        if (!target || removed.includes(edit.reassignTo) || !isLeaf(tree, edit.reassignTo)) {
          throw invalid([{ path: ['reassignTo'], code: 'bad_reassignment', params: { key: edit.key, target: edit.reassignTo } }]);
        }
        for (const k of removed) if ((published.get(k) ?? 0) > 0) reassignments[k] = edit.reassignTo;
      }
      // a category that was a reassignment target passes its customers on to the new target
      for (const [from, to] of Object.entries(reassignments)) if (removed.includes(to)) reassignments[from] = edit.reassignTo ?? to;
      next = { ...def, categories: def.categories.filter((x) => !removed.includes(x.key)), reassignments };
      break;
    }
    case 'setLevel': {
      const d = edit.level - 1;
      const lv = def.levels[d];
      if (!lv) throw invalid([{ path: ['level'], code: 'no_level_for_depth', params: { level: edit.level, levels: def.levels.length } }]);
      const levels = def.levels.map((l, i) => (i === d ? { codeLength: edit.codeLength ?? l.codeLength, criterion: edit.criterion ?? l.criterion } : l));
      let categories = def.categories;
      if (edit.criterion !== undefined && edit.criterion !== lv.criterion && edit.clearRules) {
        categories = categories.map((c) => (tree.depth.get(c.key) === d && c.rule !== null && c.rule.kind !== 'otherwise' ? { ...c, rule: null } : c));
      }
      next = { ...def, levels, categories };
      if (edit.codeLength !== undefined && edit.codeLength !== lv.codeLength) next = repad(next, d, lv.codeLength, edit.codeLength);
      break;
    }
    case 'addLevel':
      next = { ...def, levels: [...def.levels, { codeLength: edit.codeLength, criterion: edit.criterion }] };
      break;
    case 'removeLevel': {
      const last = def.levels.length - 1;
      if (last < 1 || [...tree.depth.values()].some((d) => d === last)) throw invalid([{ path: ['level'], code: 'level_in_use', params: { level: last + 1 } }]);
      next = { ...def, levels: def.levels.slice(0, last) };
      break;
    }
  }
  refuseNewStructuralIssues(def, next, registry, asOfDay);
  return touched === undefined ? { definition: next } : { definition: next, key: touched };
}

/** A level's code length changed: every code at that depth keeps its number with the new width. */
function repad(def: SchemeDefinition, depth: number, oldLength: number, newLength: number): SchemeDefinition {
  const tree = buildTree(def);
  const start = def.levels.slice(0, depth).reduce((n, l) => n + l.codeLength, 0);
  return {
    ...def,
    categories: def.categories.map((c) => {
      const d = tree.depth.get(c.key);
      if (d === undefined || d < depth) return c;
      const segment = c.code.slice(start, start + oldLength);
      const value = String(Number(segment));
      const padded = value.length <= newLength ? value.padStart(newLength, '0') : segment;
      return { ...c, code: c.code.slice(0, start) + padded + c.code.slice(start + oldLength) };
    }),
  };
}

const issueId = (i: Issue) => `${i.code}|${JSON.stringify(i.path)}`;

function refuseNewStructuralIssues(before: SchemeDefinition, after: SchemeDefinition, registry: CriteriaRegistry, asOfDay: number) {
  const old = new Set(structuralIssues(before, registry, asOfDay).map(issueId));
  const fresh = structuralIssues(after, registry, asOfDay).filter((i) => structuralCodes.has(i.code) && !old.has(issueId(i)));
  if (fresh.length) throw invalid(fresh.map(({ severity: _s, ...i }) => i));
}
