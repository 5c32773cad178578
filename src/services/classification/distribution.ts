import { buildTree, isLeaf } from '../../domain/classification/scheme.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import { getSchemeByKey, publishedVersion } from './scheme-helpers.ts';

export type DistributionRow = { key: string; code: string; nameZh: string; nameEn: string | null; parentKey: string | null; depth: number; leaf: boolean; count: number };
export type Distribution = { scheme: string; version: number | null; total: number; categories: DistributionRow[] };

/** Customers per category of the live version (a parent counts its descendants), within the reader's scope: the data of the charts. */
export async function schemeDistribution(deps: Deps, actor: Actor, key: string): Promise<Distribution> {
  deps.access.assertCan(actor, 'customer.read');
  const scheme = await getSchemeByKey(deps.db, key);
  if (scheme.publishedVersion === null) return { scheme: key, version: null, total: 0, categories: [] };
  const live = await publishedVersion(deps.db, scheme);
  const tree = buildTree(live.definition);
  const counts = await deps.db.classification.countByCategory(scheme.id, live.version, deps.access.filter(actor, 'customer.read'));
  const own = new Map<string, number>();
  for (const c of counts) own.set(c.categoryKey, (own.get(c.categoryKey) ?? 0) + c.count);
  const total = counts.reduce((n, c) => n + c.count, 0);
  const rolled = new Map<string, number>();
  const sum = (k: string): number => {
    const n = (own.get(k) ?? 0) + (tree.children.get(k) ?? []).reduce((t, ch) => t + sum(ch.key), 0);
    rolled.set(k, n);
    return n;
  };
  for (const root of tree.children.get(null) ?? []) sum(root.key);
  const categories = [...tree.depth.entries()].map(([k, depth]) => {
    const c = tree.byKey.get(k)!;
    return { key: k, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn ?? null, parentKey: c.parentKey, depth, leaf: isLeaf(tree, k), count: rolled.get(k) ?? 0 };
  });
  categories.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { scheme: key, version: live.version, total, categories };
}
