import { pinyin } from 'pinyin-pro';
import { areaList } from '@vant/area-data';
import type { CustomerKind } from './customer.ts';

/*
 * What the search box can find a customer by, as plain index terms (never sensitive values: mobile,
 * e-mail, USCC and ID card are matched through their keyed blind indexes on `customers`). Every suffix
 * of the normalised name is a term, so "any substring" is a prefix range scan on (kind, term): a query
 * of length n matches the suffixes that start with it. Kinds double as the rank of a hit.
 */

/** Term kinds; the number is the rank weight (lower ranks first). */
export const searchTermKinds = { name: 1, sub: 2, pinyin: 3 } as const;
export type SearchTermKind = keyof typeof searchTermKinds;
export type SearchTerm = { kind: SearchTermKind; term: string };

/** Longest stored suffix; longer queries scan by their first MAX_TERM characters and confirm on the name. */
export const MAX_TERM = 24;

/** NFKC (full-width → half-width), lower case, without spaces and punctuation: "ＡＢＣ 科技（深圳）" → "abc科技深圳". */
export function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The normal form, and the form that keeps punctuation and symbols when there are any ("%>" stays findable as typed). */
function searchForms(s: string): string[] {
  const literal = s.normalize('NFKC').toLowerCase().replace(/\s/gu, '');
  const plain = normalizeSearchText(s);
  return [plain, literal].filter((x, i, a) => x && a.indexOf(x) === i);
}

const LEGAL_SUFFIXES = ['集团股份有限公司', '集团有限公司', '股份有限公司', '有限责任公司', '有限公司', '股份公司', '总公司', '分公司', '集团', '公司'];
const ADMIN_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '省', '市', '区', '县'];

/** Province and city names with and without their administrative suffix; districts only in full ("龙井" is also a tea). */
const regionNames: Set<string> = (() => {
  const names = new Set<string>();
  for (const list of [areaList.province_list, areaList.city_list]) {
    for (const full of Object.values(list)) {
      names.add(full);
      const suffix = ADMIN_SUFFIXES.find((s) => full.endsWith(s) && full.length - s.length >= 2);
      if (suffix) names.add(full.slice(0, -suffix.length));
    }
  }
  for (const full of Object.values(areaList.county_list)) if (full.length >= 3) names.add(full);
  return names;
})();
const longestRegion = Math.max(...[...regionNames].map((n) => n.length));

/** The longest region name `s` starts with that leaves at least two characters. */
function regionPrefix(s: string): string | undefined {
  for (let n = Math.min(longestRegion, s.length - 2); n >= 2; n--) if (regionNames.has(s.slice(0, n))) return s.slice(0, n);
  return undefined;
}

/** A company name without a parenthesised part, its region prefix and its legal suffix: "北京市华为技术（深圳）有限公司" → "华为技术". */
export function companyCore(name: string): string {
  let s = normalizeSearchText(name.normalize('NFKC').replace(/\([^)]*\)/g, ''));
  for (let changed = true; changed; ) {
    changed = false;
    const suffix = LEGAL_SUFFIXES.find((x) => s.endsWith(x) && s.length - x.length >= 2);
    if (suffix) [s, changed] = [s.slice(0, -suffix.length), true];
  }
  for (let i = 0; i < 3; i++) {
    const region = regionPrefix(s);
    if (!region) break;
    s = s.slice(region.length);
  }
  return s;
}

/** Full pinyin and initials, surnames read as surnames for people (单 shan, 曾 zeng, 解 xie, 仇 qiu). */
export function pinyinOf(text: string, person: boolean): { full: string; initials: string } {
  if (!/\p{Script=Han}/u.test(text)) return { full: '', initials: '' };
  const opts = { surname: person ? 'head' : 'off', toneType: 'none', type: 'array', nonZh: 'consecutive' } as const;
  const syllables = pinyin(text, opts).map(normalizeSearchText).filter(Boolean);
  const initials = pinyin(text, { ...opts, pattern: 'first' }).map(normalizeSearchText).filter(Boolean);
  return { full: syllables.join(''), initials: initials.join('') };
}

const suffixes = (s: string): string[] => {
  const chars = [...s];
  return chars.map((_, i) => chars.slice(i, i + MAX_TERM).join(''));
};

/** The terms of one customer; the same customer always yields the same set. */
export function customerSearchTerms(c: { kind: CustomerKind; name: string; shortName?: string | null }): SearchTerm[] {
  const out = new Map<string, SearchTerm>();
  const add = (kind: SearchTermKind, term: string) => {
    if (!term) return;
    const key = `${kind}\u0000${term}`;
    if (!out.has(key)) out.set(key, { kind, term });
  };
  const person = c.kind === 'individual';
  const names = [...searchForms(c.name), ...searchForms(c.shortName ?? '')];
  if (!person) names.push(companyCore(c.name));
  for (const n of names) {
    const [first = '', ...rest] = suffixes(n);
    add('name', first);
    // a short name or core inside the full name has its substrings there already
    if (n === names[0] || !names[0]!.includes(n)) for (const s of rest) add('sub', s);
  }
  for (const n of person ? [c.name] : [companyCore(c.name), c.shortName ?? ''].filter(Boolean)) {
    const p = pinyinOf(n, person);
    add('pinyin', p.full.slice(0, MAX_TERM * 2));
    add('pinyin', p.initials.slice(0, MAX_TERM));
  }
  // a name term that is also a suffix of another name needs only its best rank
  for (const [key, t] of out) if (t.kind === 'sub' && out.has(`name\u0000${t.term}`)) out.delete(key);
  return [...out.values()];
}

/** What a search box entry is looked up as: its normal and literal forms and, for a company name, its core. */
export function searchQueryTexts(q: string): string[] {
  return [...searchForms(q), companyCore(q)].filter((x, i, a) => x && a.indexOf(x) === i);
}

/** Whether an entry can be pinyin: letters, spaces and apostrophes only ("zhang.wei" is an e-mail fragment, not a name). */
export const mayBePinyin = (q: string) => /^[a-z' ]+$/i.test(q.normalize('NFKC').trim());

/** The exclusive upper bound of a prefix range: strings starting with `s` are exactly those in [s, prefixEnd(s)). */
export function prefixEnd(s: string): string {
  const chars = [...s];
  const last = chars.pop()!;
  const next = last.codePointAt(0)! + 1;
  return chars.join('') + String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : next);
}
