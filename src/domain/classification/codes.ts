import type { Level, SchemeDefinition, Tree } from './scheme.ts';

/** The coding rule as users know it from U8 (编码方案): code lengths per level, "2-2-3". */
export const codingRule = (levels: readonly Level[]) => levels.map((l) => l.codeLength).join('-');

/** Total code length of a category at this depth (0 = top level); undefined past the last level. */
export function codeLengthAt(levels: readonly Level[], depth: number): number | undefined {
  if (depth >= levels.length) return undefined;
  return levels.slice(0, depth + 1).reduce((n, l) => n + l.codeLength, 0);
}

/** Why a code does not fit the rule at this place, or undefined when it does. */
export function codeProblem(levels: readonly Level[], depth: number, parentCode: string, code: string): { expectedLength: number; prefix: string } | undefined {
  const expectedLength = codeLengthAt(levels, depth);
  if (expectedLength === undefined) return { expectedLength: -1, prefix: parentCode };
  if (!/^[0-9]+$/.test(code) || code.length !== expectedLength || !code.startsWith(parentCode)) return { expectedLength, prefix: parentCode };
  return undefined;
}

/** The smallest free code under a parent: parent code + the lowest unused number, zero-padded. */
export function nextFreeCode(def: SchemeDefinition, tree: Tree, parentKey: string | null, depthOverride?: number): string | undefined {
  const parent = parentKey === null ? undefined : tree.byKey.get(parentKey);
  const depth = depthOverride ?? (parent ? (tree.depth.get(parent.key) ?? 0) + 1 : 0);
  const level = def.levels[depth];
  if (!level) return undefined;
  const prefix = parent?.code ?? '';
  const used = new Set((tree.children.get(parentKey) ?? []).map((c) => c.code));
  const max = 10 ** level.codeLength - 1;
  for (let n = 1; n <= max; n++) {
    const code = prefix + String(n).padStart(level.codeLength, '0');
    if (!used.has(code)) return code;
  }
  return undefined;
}

/** Replaces the code prefix of a category and all its descendants (recode, move). */
export function withCodePrefix(def: SchemeDefinition, keys: ReadonlySet<string>, oldPrefix: string, newPrefix: string): SchemeDefinition {
  return {
    ...def,
    categories: def.categories.map((c) => (keys.has(c.key) && c.code.startsWith(oldPrefix) ? { ...c, code: newPrefix + c.code.slice(oldPrefix.length) } : c)),
  };
}

/** Upper bound for "code starts with prefix" as a range query on digit-only codes: [prefix, prefix + ':'). */
export const codePrefixEnd = (prefix: string) => `${prefix}:`;
