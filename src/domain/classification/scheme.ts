import { z } from 'zod';
import { formatRule } from '../errors.ts';
import { isoDateSchema, optionalText, requiredText } from '../shared/primitives.ts';

/*
 * A classification scheme (分类方案) is a tree of categories. Each level of the tree classifies by one
 * criterion, declared once in `levels` together with its code length (the U8 编码方案, e.g. 2-2-3).
 * A category has a stable key, a hierarchical code (its parent's code + this level's digits), names,
 * and either a rule on its level's criterion or `rule: null` for manual membership (filled only by
 * manual overrides). Categories are stored flat with parentKey, so moves and edits are one field.
 */

export const schemeKeySchema = z.string().trim().refine(...formatRule(/^[a-z][a-z0-9_-]{1,39}$/, 'a-z 0-9 _ -'));
export const categoryKeySchema = z.string().trim().refine(...formatRule(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, 'A-Z a-z 0-9 _ . -'));
/** Digits only, like U8 category codes; each level adds exactly its code length. */
export const categoryCodeSchema = z.string().trim().refine(...formatRule(/^[0-9]{1,30}$/, '0-9'));
export const criterionKeySchema = z.string().trim().min(1).max(60);

const criterion = criterionKeySchema;
const bound = z.number().finite().nullable().default(null);

export const rangeRuleSchema = z.strictObject({
  kind: z.literal('range'),
  criterion,
  min: bound,
  max: bound,
  minInclusive: z.boolean().default(true),
  maxInclusive: z.boolean().default(false),
});
export const valuesRuleSchema = z.strictObject({
  kind: z.literal('values'),
  criterion,
  values: z.array(requiredText(100)).min(1).max(2000).transform((v) => [...new Set(v)]),
});
/** Matches customers without a value (no purchases, field not filled). */
export const missingRuleSchema = z.strictObject({ kind: z.literal('missing'), criterion });
/** An absolute date window, both ends inclusive; either end may be open. */
export const dateWindowRuleSchema = z.strictObject({ kind: z.literal('dateWindow'), criterion, from: isoDateSchema.nullable().default(null), to: isoDateSchema.nullable().default(null) });
/** A date relative to the run's day: within the last N days and/or older than M days. */
export const periodRuleSchema = z.strictObject({
  kind: z.literal('period'),
  criterion,
  withinDays: z.number().int().min(0).max(100_000).nullable().default(null),
  olderThanDays: z.number().int().min(0).max(100_000).nullable().default(null),
});
/** The catch-all of a sibling group: everyone its siblings do not match (其他 / 未分类). */
export const otherwiseRuleSchema = z.strictObject({ kind: z.literal('otherwise'), criterion: criterion.optional() });

export const ruleSchema = z.discriminatedUnion('kind', [rangeRuleSchema, valuesRuleSchema, missingRuleSchema, dateWindowRuleSchema, periodRuleSchema, otherwiseRuleSchema]);
export type Rule = z.infer<typeof ruleSchema>;
export type RangeRule = z.infer<typeof rangeRuleSchema>;
export type RuleKind = Rule['kind'];

export const levelSchema = z.strictObject({
  codeLength: z.number().int().min(1).max(6),
  /** a criterion key from the registry, or `manual` */
  criterion,
});
export type Level = z.infer<typeof levelSchema>;

export const categorySchema = z.strictObject({
  key: categoryKeySchema,
  parentKey: categoryKeySchema.nullable().default(null),
  code: categoryCodeSchema,
  nameZh: requiredText(50),
  nameEn: optionalText(100),
  description: optionalText(500),
  /** null: manual membership — only manual overrides place customers here */
  rule: ruleSchema.nullable(),
});
export type Category = Omit<z.infer<typeof categorySchema>, 'nameEn' | 'description'> & { nameEn?: string | null | undefined; description?: string | null | undefined };

export const definitionSchema = z.strictObject({
  levels: z.array(levelSchema).min(1).max(9),
  categories: z.array(categorySchema).max(5000),
  /** deleted category key → where its manually placed customers go when this draft is published */
  reassignments: z.record(categoryKeySchema, categoryKeySchema).default({}),
});
export type SchemeDefinition = { levels: Level[]; categories: Category[]; reassignments: Record<string, string> };

export const schemeDraftSchema = z.strictObject({
  key: schemeKeySchema,
  nameZh: requiredText(50),
  nameEn: optionalText(100),
  description: optionalText(1000),
  definition: definitionSchema.optional(),
});
export type SchemeDraft = z.infer<typeof schemeDraftSchema>;

export const schemePatchSchema = z.strictObject({
  nameZh: requiredText(50).optional(),
  nameEn: optionalText(100),
  description: optionalText(1000),
});

export const versionStatuses = ['draft', 'published', 'superseded'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

export type Scheme = {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string | null;
  description: string | null;
  /** the published version customers are classified by; null until the first publish */
  publishedVersion: number | null;
  draftVersion: number | null;
  /** the preset it was installed from, if any */
  preset: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SchemeVersion = {
  schemeId: number;
  version: number;
  status: VersionStatus;
  definition: SchemeDefinition;
  note: string | null;
  createdAt: string;
  createdBy: number | null;
  publishedAt: string | null;
  publishedBy: number | null;
};

/** The tree view of a definition: children ordered by code, depth of each category. */
export type Tree = {
  byKey: ReadonlyMap<string, Category>;
  children: ReadonlyMap<string | null, readonly Category[]>;
  depth: ReadonlyMap<string, number>;
  /** keys on a parent cycle or under an unknown parent; they are not part of the tree */
  detached: readonly string[];
};

export function buildTree(def: Pick<SchemeDefinition, 'categories'>): Tree {
  const byKey = new Map<string, Category>();
  for (const c of def.categories) if (!byKey.has(c.key)) byKey.set(c.key, c);
  const children = new Map<string | null, Category[]>();
  for (const c of byKey.values()) {
    const p = c.parentKey !== null && byKey.has(c.parentKey) ? c.parentKey : c.parentKey === null ? null : undefined;
    if (p === undefined) continue;
    const list = children.get(p) ?? [];
    list.push(c);
    children.set(p, list);
  }
  for (const list of children.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const depth = new Map<string, number>();
  const walk = (parent: string | null, d: number) => {
    for (const c of children.get(parent) ?? []) {
      if (depth.has(c.key)) continue;
      depth.set(c.key, d);
      walk(c.key, d + 1);
    }
  };
  walk(null, 0);
  const detached = [...byKey.keys()].filter((k) => !depth.has(k));
  return { byKey, children, depth, detached };
}

export const isLeaf = (tree: Tree, key: string) => (tree.children.get(key)?.length ?? 0) === 0;

/** The category and everything below it. */
export function subtreeKeys(tree: Tree, key: string): string[] {
  const out: string[] = [];
  const walk = (k: string) => {
    out.push(k);
    for (const c of tree.children.get(k) ?? []) walk(c.key);
  };
  walk(key);
  return out;
}

/** Root-first path of a category. */
export function pathOf(tree: Tree, key: string): Category[] {
  const out: Category[] = [];
  let c = tree.byKey.get(key);
  const seen = new Set<string>();
  while (c && !seen.has(c.key)) {
    seen.add(c.key);
    out.unshift(c);
    c = c.parentKey === null ? undefined : tree.byKey.get(c.parentKey);
  }
  return out;
}

export const leafKeys = (tree: Tree) => [...tree.depth.keys()].filter((k) => isLeaf(tree, k));

/** The criterion a rule classifies by; `otherwise` and manual take their level's. */
export const ruleCriterion = (rule: Rule | null, level: Level | undefined): string | undefined =>
  rule === null || rule.kind === 'otherwise' ? level?.criterion : rule.criterion;
