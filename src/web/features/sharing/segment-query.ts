import type { SegmentQuery } from '../../../domain/sharing/share.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { Locale } from '../../../domain/i18n/messages.ts';
import type { Translate } from '../../i18n/i18n-context.ts';
import { industryName } from '../customers/industry.ts';
import type { ListState } from '../customers/list-params.ts';

const listKeys = ['q', 'kind', 'stage', 'industry', 'province', 'tag', 'createdFrom', 'createdTo'] as const;

/** The list's filters without paging and sorting: what a saved filter stores. */
export function toSegmentQuery(state: ListState): SegmentQuery {
  return Object.fromEntries(listKeys.filter((k) => state[k] !== undefined).map((k) => [k, state[k]])) as SegmentQuery;
}

/** The part of a saved filter the list page can show in its URL. */
export function fromSegmentQuery(query: SegmentQuery): Partial<ListState> {
  return Object.fromEntries(listKeys.filter((k) => query[k] !== undefined).map((k) => [k, query[k]])) as Partial<ListState>;
}

/** A saved filter in words: "客户类型：个人；阶段：活跃客户". */
export function describeSegment(query: SegmentQuery, t: Translate, lang: Locale): string {
  const parts: string[] = [];
  const add = (label: string, value: string | undefined) => value && parts.push(`${label}${lang === 'en' ? ': ' : '：'}${value}`);
  add(t('common.search'), query.q);
  add(fieldLabel('kind', lang), query.kind && t(`kind.${query.kind}`));
  add(fieldLabel('stage', lang), query.stage && t(`stage.${query.stage}`));
  add(fieldLabel('industry', lang), industryName(query.industry, lang));
  add(fieldLabel('province', lang), query.province);
  add(fieldLabel('city', lang), query.city);
  add(fieldLabel('tags', lang), query.tag);
  if (query.createdFrom || query.createdTo) add(t('customers.createdAt'), `${query.createdFrom ?? '…'} ~ ${query.createdTo ?? '…'}`);
  return parts.length ? parts.join(lang === 'en' ? '; ' : '；') : t('savedFilter.noConditions');
}
