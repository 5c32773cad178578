import type { customerSortFields } from './customer.ts';

/*
 * Keyset pagination: a page "after" the last row of the previous one, by (sort value, id), so a deep
 * page costs what the first one does. The cursor is opaque to clients (base64url JSON) and carries its
 * sort and order, so a cursor from another sort is refused rather than misread.
 */
export type CursorSort = (typeof customerSortFields)[number];
export type ListCursor = { sort: CursorSort; order: 'asc' | 'desc'; value: string; id: number };

const toBase64Url = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (s: string) => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export function encodeListCursor(c: ListCursor): string {
  return toBase64Url(JSON.stringify([c.sort, c.order, c.value, c.id]));
}

/** The cursor, or undefined when it is not one this list wrote. */
export function decodeListCursor(text: string): ListCursor | undefined {
  try {
    const v: unknown = JSON.parse(fromBase64Url(text));
    if (!Array.isArray(v) || v.length !== 4) return undefined;
    const [sort, order, value, id] = v as unknown[];
    if (typeof sort !== 'string' || (order !== 'asc' && order !== 'desc') || typeof value !== 'string' || !Number.isSafeInteger(id)) return undefined;
    return { sort: sort as CursorSort, order, value, id: id as number };
  } catch {
    return undefined;
  }
}
