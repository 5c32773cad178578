import type { Department } from '../../../domain/users/user.ts';

export type DepartmentNode = { key: number; value: number; title: string; disabled?: boolean; children?: DepartmentNode[] };

/** Departments as a tree for Tree and TreeSelect; a parent that no longer exists makes its children roots rather than hiding them. */
export function departmentNodes(departments: readonly Department[], disabled: readonly number[] = []): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const byParent = new Map<number | null, Department[]>();
  for (const d of departments) {
    const parent = d.parentId !== null && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const build = (parent: number | null, seen: Set<number>): DepartmentNode[] =>
    (byParent.get(parent) ?? [])
      .filter((d) => !seen.has(d.id))
      .map((d) => {
        const children = build(d.id, new Set([...seen, d.id]));
        return { key: d.id, value: d.id, title: d.name, disabled: disabled.includes(d.id), ...(children.length ? { children } : {}) };
      });
  return build(null, new Set());
}
