import type { Locale } from '../i18n/messages.ts';
import type { Criterion } from './criteria.ts';
import type { InputValue, Inputs } from './evaluate.ts';
import { cstDay, dayString } from './dates.ts';
import type { Rule } from './scheme.ts';

/*
 * Words for the "why" of a class: criterion values as people read them (18%, ¥1,200.00, 35 天) and
 * rules as sentences (毛利率 ≥ 15% 且 < 30%), in zh-CN and English. Pure; the timeline and the class
 * badges of the customer page are built from these.
 */

export const criterionLabel = (c: Criterion | undefined, key: string, locale: Locale) => (c ? (locale === 'zh-CN' ? c.labelZh : c.labelEn) : key);

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const trim = (n: number) => String(Math.round(n * 100) / 100);

/** One value of a criterion for display; null is "无 / none". */
export function formatValue(c: Criterion | undefined, value: InputValue, locale: Locale): string {
  if (value === null) return locale === 'zh-CN' ? '无' : 'none';
  if (typeof value === 'string') {
    if (c?.type === 'enum' && c.valueLabels?.[value]) return c.valueLabels[value]![locale === 'zh-CN' ? 0 : 1];
    return value;
  }
  if (c?.type !== 'number') return trim(value);
  switch (c.unit) {
    case 'fen':
      return yuan(value);
    case 'pct':
      return `${trim(value)}%`;
    case 'days':
      return locale === 'zh-CN' ? `${trim(value)} 天` : `${trim(value)} days`;
    default:
      return trim(value);
  }
}

/** A rule as a sentence about its criterion. */
export function formatRule(rule: Rule | null, c: Criterion | undefined, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (rule === null) return zh ? '手工归类' : 'placed by hand';
  if (rule.kind === 'otherwise') return zh ? '其余（同级其他分类都不匹配）' : 'everyone its siblings do not match';
  const label = criterionLabel(c, rule.criterion, locale);
  const v = (x: number) => formatValue(c, x, locale);
  switch (rule.kind) {
    case 'range': {
      const parts: string[] = [];
      if (rule.min !== null) parts.push(`${rule.minInclusive ? '≥' : '>'} ${v(rule.min)}`);
      if (rule.max !== null) parts.push(`${rule.maxInclusive ? '≤' : '<'} ${v(rule.max)}`);
      return parts.length ? `${label} ${parts.join(zh ? ' 且 ' : ' and ')}` : zh ? `${label} 任意值` : `${label} has any value`;
    }
    case 'values': {
      const shown = rule.values.slice(0, 8).map((x) => formatValue(c, x, locale));
      const more = rule.values.length > 8 ? ` … +${rule.values.length - 8}` : '';
      return `${label} ${zh ? '为' : 'is'} ${shown.join(zh ? '、' : ', ')}${more}`;
    }
    case 'missing':
      return zh ? `${label} 无值` : `${label} has no value`;
    case 'dateWindow':
      return `${label} ${[rule.from ? `≥ ${rule.from}` : '', rule.to ? `≤ ${rule.to}` : ''].filter(Boolean).join(zh ? ' 且 ' : ' and ') || (zh ? '任意日期' : 'any date')}`;
    case 'period': {
      const parts: string[] = [];
      if (rule.withinDays !== null) parts.push(zh ? `近 ${rule.withinDays} 天内` : `within the last ${rule.withinDays} days`);
      if (rule.olderThanDays !== null) parts.push(zh ? `早于 ${rule.olderThanDays} 天前` : `more than ${rule.olderThanDays} days ago`);
      return `${label} ${parts.join(zh ? '且' : ' and ') || (zh ? '任意日期' : 'any date')}`;
    }
  }
}

export type InputChange = { criterion: string; labelZh: string; labelEn: string; beforeZh: string | null; afterZh: string | null; beforeEn: string | null; afterEn: string | null };

/** The criteria whose values differ between two input sets (all of `after` when there is no `before`). */
export function inputChanges(before: Inputs | null, after: Inputs | null, criteria: ReadonlyMap<string, Criterion>): InputChange[] {
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const out: InputChange[] = [];
  for (const k of keys) {
    const b = before && k in before ? before[k]! : undefined;
    const a = after && k in after ? after[k]! : undefined;
    if (before && after && b === a) continue;
    const c = criteria.get(k);
    const show = (x: InputValue | undefined, l: Locale) => (x === undefined ? null : formatValue(c, x, l));
    out.push({ criterion: k, labelZh: criterionLabel(c, k, 'zh-CN'), labelEn: criterionLabel(c, k, 'en'), beforeZh: show(b, 'zh-CN'), afterZh: show(a, 'zh-CN'), beforeEn: show(b, 'en'), afterEn: show(a, 'en') });
  }
  return out;
}

const causeWords: Record<string, [string, string]> = {
  rule: ['', ''],
  publish: ['发布新版本', 'new version published'],
  manual: ['手工调整', 'set by hand'],
  override_cleared: ['取消手工调整', 'manual placement cleared'],
  override_expired: ['手工调整到期', 'manual placement expired'],
  reassigned: ['所在分类被删除，转入', 'category deleted, reassigned'],
  uncovered: ['不再符合任何分类', 'no longer matches any category'],
};

/** "2026-03-01 高盈利 → 微盈利：毛利率 18% → 4%，方案 v7" and its English twin. */
export function changeSummary(
  ch: { at: string; fromName: string | null; toName: string | null; schemeVersion: number; cause: string; reason: string | null },
  inputs: readonly InputChange[],
  locale: Locale,
): string {
  const zh = locale === 'zh-CN';
  const none = zh ? '（无）' : '(none)';
  const day = dayString(cstDay(new Date(ch.at)));
  const why: string[] = [];
  const cause = causeWords[ch.cause]?.[zh ? 0 : 1];
  if (cause) why.push(cause);
  if (ch.reason) why.push(zh ? `原因：${ch.reason}` : `reason: ${ch.reason}`);
  for (const i of inputs) {
    const label = zh ? i.labelZh : i.labelEn.charAt(0).toLowerCase() + i.labelEn.slice(1);
    const b = zh ? i.beforeZh : i.beforeEn;
    const a = zh ? i.afterZh : i.afterEn;
    why.push(b === null ? `${label} ${a ?? none}` : `${label} ${b} → ${a ?? none}`);
  }
  why.push(zh ? `方案 v${ch.schemeVersion}` : `scheme v${ch.schemeVersion}`);
  return `${day} ${ch.fromName ?? none} → ${ch.toName ?? none}${zh ? '：' : ': '}${why.join(zh ? '，' : ', ')}`;
}
