import type { Criterion } from '../../../domain/classification/criteria.ts';
import { MANUAL_CRITERION } from '../../../domain/classification/criteria.ts';
import { buildTree, isLeaf, subtreeKeys, type Category, type SchemeDefinition, type Tree } from '../../../domain/classification/scheme.ts';
import type { Locale } from '../../../domain/i18n/messages.ts';

/** A category's name in the UI language (English falls back to Chinese). */
export const categoryName = (c: { nameZh: string; nameEn?: string | null | undefined }, lang: Locale) => (lang === 'en' && c.nameEn ? c.nameEn : c.nameZh);

export const criterionName = (criteria: ReadonlyMap<string, Criterion>, key: string, lang: Locale, manualLabel: string) => {
  if (key === MANUAL_CRITERION) return manualLabel;
  const c = criteria.get(key);
  return c ? (lang === 'en' ? c.labelEn : c.labelZh) : key;
};

export type CategoryNode = { key: string; value: string; title: string; code: string; category: Category; leaf: boolean; depth: number; children: CategoryNode[] };

/** Nested nodes for antd Tree and TreeSelect, children ordered by code. */
export function categoryNodes(tree: Tree, lang: Locale, parent: string | null = null): CategoryNode[] {
  return (tree.children.get(parent) ?? []).map((c) => ({
    key: c.key,
    value: c.key,
    title: `${c.code} ${categoryName(c, lang)}`,
    code: c.code,
    category: c,
    leaf: isLeaf(tree, c.key),
    depth: tree.depth.get(c.key) ?? 0,
    children: categoryNodes(tree, lang, c.key),
  }));
}

/** Where a category may move: every category outside its own subtree (and the top level). */
export function moveTargets(tree: Tree, key: string, lang: Locale): CategoryNode[] {
  const blocked = new Set(subtreeKeys(tree, key));
  const prune = (nodes: CategoryNode[]): CategoryNode[] => nodes.filter((n) => !blocked.has(n.key)).map((n) => ({ ...n, children: prune(n.children) }));
  return prune(categoryNodes(tree, lang));
}

/** TreeSelect data where only leaves can be chosen (manual placement, reassignment). */
export function leafOnlyNodes(nodes: CategoryNode[], exclude: ReadonlySet<string> = new Set()): (CategoryNode & { selectable: boolean; disabled: boolean })[] {
  return nodes
    .filter((n) => !exclude.has(n.key))
    .map((n) => ({ ...n, selectable: n.leaf, disabled: false, children: leafOnlyNodes(n.children, exclude) }));
}

export const treeOf = (def: SchemeDefinition) => buildTree(def);

/** The level's criterion at a category's depth, or undefined past the last level. */
export const levelCriterion = (def: SchemeDefinition, tree: Tree, key: string) => def.levels[tree.depth.get(key) ?? -1]?.criterion;
