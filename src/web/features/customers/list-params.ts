import { customerKinds, customerSortFields, lifecycleStages } from '../../../domain/customers/customer.ts';
import { industryCodes } from '../../../domain/customers/industries.ts';
import type { CustomerListParams } from '../../api-client.ts';

type Sort = (typeof customerSortFields)[number];
export type ListState = Required<Pick<CustomerListParams, 'sort' | 'order' | 'page' | 'pageSize'>> & Omit<CustomerListParams, 'sort' | 'order' | 'page' | 'pageSize'>;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined);
const text = (v: string | null) => (v && v.trim() ? v.trim() : undefined);
const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
/** `<schemeKey>:<categoryCode>` */
const category = (v: string | null) => (v && /^[a-z][a-z0-9_-]{1,39}:[0-9]{1,30}$/.test(v) ? v : undefined);
const positive = (v: string | null, fallback: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

export const defaultSort: { sort: Sort; order: 'asc' | 'desc' } = { sort: 'createdAt', order: 'desc' };

/** The list's filters live in the URL, so reload and back keep them; bad values are ignored. */
export function readListState(sp: URLSearchParams): ListState {
  return {
    q: text(sp.get('q')),
    kind: oneOf(customerKinds, sp.get('kind')),
    stage: oneOf(lifecycleStages, sp.get('stage')),
    industry: oneOf(industryCodes, sp.get('industry')),
    province: text(sp.get('province')),
    tag: text(sp.get('tag')),
    createdFrom: date(sp.get('createdFrom')),
    createdTo: date(sp.get('createdTo')),
    category: category(sp.get('category')),
    sort: oneOf(customerSortFields, sp.get('sort')) ?? defaultSort.sort,
    order: oneOf(['asc', 'desc'] as const, sp.get('order')) ?? defaultSort.order,
    page: positive(sp.get('page'), 1, 1_000_000),
    pageSize: positive(sp.get('pageSize'), 20, 200),
  };
}

/** Only what differs from the defaults goes into the URL. */
export function writeListState(state: ListState): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === null || v === '') continue;
    if (k === 'sort' && v === defaultSort.sort) continue;
    if (k === 'order' && v === defaultSort.order) continue;
    if (k === 'page' && v === 1) continue;
    if (k === 'pageSize' && v === 20) continue;
    sp.set(k, String(v));
  }
  return sp;
}

export const hasFilters = (s: ListState) => Boolean(s.q || s.kind || s.stage || s.industry || s.province || s.tag || s.createdFrom || s.createdTo || s.category);
