type Node = { id: number; parentId: number | null };

/** The department and all below it; safe on a corrupted tree (a cycle ends the walk). */
export function departmentTree(departments: readonly Node[], rootId: number | null): number[] {
  if (rootId === null) return [];
  const children = new Map<number, number[]>();
  for (const d of departments) if (d.parentId !== null) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const seen = new Set<number>([rootId]);
  const queue = [rootId];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      queue.push(c);
    }
  }
  return [...seen];
}

/** True when putting `id` under `newParentId` would make the department its own ancestor. */
export function wouldMakeCycle(departments: readonly Node[], id: number, newParentId: number | null): boolean {
  return newParentId !== null && departmentTree(departments, id).includes(newParentId);
}
