const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only the fields whose value differs from the record, so untouched (possibly masked) values are never sent back. */
export function changedFields<T extends Record<string, unknown>>(next: T, original: object): Partial<T> {
  const before = original as Record<string, unknown>;
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(v, before[k]))) as Partial<T>;
}
