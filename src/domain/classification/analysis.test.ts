import { describe, expect, it } from 'vitest';
import { buildCriteria } from './criteria.ts';
import { epochDay } from './dates.ts';
import type { Category, Rule, SchemeDefinition } from './scheme.ts';
import { definitionIssues } from './validate.ts';

const registry = buildCriteria([]);
const asOf = epochDay('2026-11-01');
const range = (criterion: string, min: number | null, max: number | null, minInclusive = true, maxInclusive = false): Rule => ({ kind: 'range', criterion, min, max, minInclusive, maxInclusive });
const cat = (key: string, code: string, rule: Rule | null, parentKey: string | null = null): Category => ({ key, parentKey, code, nameZh: key, rule });
const def = (levels: [number, string][], categories: Category[]): SchemeDefinition => ({ levels: levels.map(([codeLength, criterion]) => ({ codeLength, criterion })), categories, reassignments: {} });
const codes = (d: SchemeDefinition) => definitionIssues(d, registry, asOf).map((i) => i.code);
const issue = (d: SchemeDefinition, code: string) => definitionIssues(d, registry, asOf).find((i) => i.code === code);

describe('overlap and gap analysis', () => {
  it('finds intersecting ranges and names the shared interval', () => {
    const d = def([[2, 'grossMarginPct']], [
      cat('high', '01', range('grossMarginPct', 25, null)),
      cat('fair', '02', range('grossMarginPct', 15, 30)),
      cat('low', '03', range('grossMarginPct', null, 15)),
      cat('none', '04', { kind: 'missing', criterion: 'grossMarginPct' }),
    ]);
    const overlap = issue(d, 'class_overlap');
    expect(overlap?.params).toMatchObject({ aKey: 'high', bKey: 'fair', range: '[25, 30)' });
    expect(codes(d)).not.toContain('class_gap');
  });

  it('finds an uncovered stretch between ranges and the missing "no value"', () => {
    const d = def([[2, 'grossMarginPct']], [cat('high', '01', range('grossMarginPct', 30, null)), cat('low', '02', range('grossMarginPct', null, 15))]);
    const gap = issue(d, 'class_gap');
    expect(gap?.params).toMatchObject({ range: '[15, 30)', includesNull: true });
  });

  it('treats touching integer ranges as covering and a one-day hole as a gap', () => {
    const ok = def([[2, 'frequency']], [cat('few', '01', range('frequency', 0, 3, true, true)), cat('many', '02', range('frequency', 4, null))]);
    expect(codes(ok)).toEqual([]);
    const hole = def([[2, 'frequency']], [cat('few', '01', range('frequency', 0, 3, true, true)), cat('many', '02', range('frequency', 5, null))]);
    expect(issue(hole, 'class_gap')?.params).toMatchObject({ range: '4', includesNull: false });
  });

  it('reports enum values no sibling covers, and set intersections', () => {
    const d = def([[2, 'stage']], [
      cat('a', '01', { kind: 'values', criterion: 'stage', values: ['potential', 'active'] }),
      cat('b', '02', { kind: 'values', criterion: 'stage', values: ['active'] }),
    ]);
    expect(issue(d, 'class_overlap')?.params).toMatchObject({ range: '{active}' });
    expect(issue(d, 'class_gap')?.params).toMatchObject({ range: '{churned}', includesNull: false });
  });

  it('needs a catch-all for an open value set such as province', () => {
    const open = def([[2, 'province']], [cat('gd', '01', { kind: 'values', criterion: 'province', values: ['广东省'] }), cat('none', '02', { kind: 'missing', criterion: 'province' })]);
    expect(issue(open, 'class_gap')?.params).toMatchObject({ openSet: true, includesNull: false });
    const closed = def([[2, 'province']], [cat('gd', '01', { kind: 'values', criterion: 'province', values: ['广东省'] }), cat('rest', '99', { kind: 'otherwise' })]);
    expect(codes(closed)).toEqual([]);
  });

  it('limits children to their parent\'s values when both levels use the same criterion', () => {
    const d = def([[2, 'nature'], [2, 'nature']], [
      cat('mid', '01', { kind: 'values', criterion: 'nature', values: ['批发商', '零售商'] }),
      cat('rest', '99', { kind: 'otherwise' }),
      cat('w', '0101', { kind: 'values', criterion: 'nature', values: ['批发商'] }, 'mid'),
    ]);
    expect(issue(d, 'class_gap')?.params).toMatchObject({ parentKey: 'mid', range: '{零售商}', includesNull: false });
  });

  it('knows a buyer has a recency below a parent that excludes customers without purchases', () => {
    const d = def([[2, 'frequency'], [2, 'recencyDays']], [
      cat('none', '01', range('frequency', 0, 0, true, true)),
      cat('some', '02', range('frequency', 1, null)),
      cat('recent', '0201', range('recencyDays', 0, 30, true, true), 'some'),
      cat('old', '0202', range('recencyDays', 30, null, false), 'some'),
    ]);
    // frequency ≥ 1 is not the "buyer" fact itself (frequency is always present), so recency may still be empty there
    expect(issue(d, 'class_gap')?.params).toMatchObject({ parentKey: 'some', range: '', includesNull: true });
    const viaRecency = def([[2, 'recencyDays'], [2, 'tenureDays']], [
      cat('none', '01', { kind: 'missing', criterion: 'recencyDays' }),
      cat('some', '02', range('recencyDays', 0, null)),
      cat('new', '0201', range('tenureDays', 0, 180, true, true), 'some'),
      cat('old', '0202', range('tenureDays', 180, null, false), 'some'),
    ]);
    expect(codes(viaRecency)).toEqual([]);
  });

  it('analyses relative periods and absolute windows on the same day line', () => {
    const d = def([[2, 'lastPurchaseOn']], [
      cat('recent', '01', { kind: 'period', criterion: 'lastPurchaseOn', withinDays: 90, olderThanDays: null }),
      cat('older', '02', { kind: 'dateWindow', criterion: 'lastPurchaseOn', from: null, to: '2026-08-01' }),
      cat('never', '03', { kind: 'missing', criterion: 'lastPurchaseOn' }),
    ]);
    // within 90 days of 2026-11-01 starts on 2026-08-03: 2026-08-02 is covered by nobody
    expect(issue(d, 'class_gap')?.params).toMatchObject({ range: '2026-08-02' });
  });

  it('allows one catch-all per group and warns when it can never match', () => {
    const d = def([[2, 'kind']], [
      cat('i', '01', { kind: 'values', criterion: 'kind', values: ['individual'] }),
      cat('o', '02', { kind: 'values', criterion: 'kind', values: ['organization'] }),
      cat('x', '98', { kind: 'otherwise' }),
      cat('y', '99', { kind: 'otherwise' }),
    ]);
    expect(codes(d)).toEqual(expect.arrayContaining(['multiple_catch_all', 'catch_all_unreachable']));
  });
});

describe('structure', () => {
  it('refuses codes that break the coding rule', () => {
    const d = def([[2, 'kind'], [3, 'stage']], [
      cat('i', '1', { kind: 'values', criterion: 'kind', values: ['individual'] }),
      cat('o', '02', { kind: 'values', criterion: 'kind', values: ['organization'] }),
      cat('op', '0301', { kind: 'values', criterion: 'stage', values: ['potential'] }, 'o'),
    ]);
    const bad = definitionIssues(d, registry, asOf).filter((i) => i.code === 'bad_category_code').map((i) => i.params?.key);
    expect(bad.sort()).toEqual(['i', 'op']);
    expect(issue(d, 'bad_category_code')?.params).toMatchObject({ rule: '2-3' });
  });

  it('names a rule on another level\'s criterion, an unknown metric and a wrong rule kind', () => {
    const d = def([[2, 'kind']], [
      cat('a', '01', { kind: 'values', criterion: 'stage', values: ['active'] }),
      cat('b', '02', range('lifetimeValue', 0, null)),
      cat('c', '03', { kind: 'values', criterion: 'kind', values: ['individual'] }),
    ]);
    expect(codes(d)).toEqual(expect.arrayContaining(['rule_off_level_criterion', 'unknown_criterion']));
    const kind = def([[2, 'frequency']], [cat('a', '01', { kind: 'values', criterion: 'frequency', values: ['1'] })]);
    expect(codes(kind)).toContain('rule_kind_mismatch');
  });

  it('reports a level whose rules mix criteria', () => {
    const d = def([[2, 'kind']], [cat('a', '01', { kind: 'values', criterion: 'kind', values: ['individual'] }), cat('b', '02', { kind: 'values', criterion: 'stage', values: ['active'] })]);
    expect(codes(d)).toContain('mixed_level_criteria');
  });

  it('detects a parent cycle and categories deeper than the levels', () => {
    const cycle = def([[2, 'kind'], [2, 'stage']], [cat('a', '01', null, 'b'), cat('b', '0101', null, 'a')]);
    expect(codes(cycle)).toContain('category_cycle');
    const deep = def([[2, 'kind']], [cat('a', '01', { kind: 'values', criterion: 'kind', values: ['individual', 'organization'] }), cat('b', '0101', null, 'a')]);
    expect(codes(deep)).toContain('no_level_for_depth');
  });

  it('leaves manual categories out of the proof but needs a catch-all beside them', () => {
    const manualOnly = def([[2, 'manual']], [cat('vip', '01', null), cat('svip', '02', null)]);
    expect(codes(manualOnly)).toEqual([]);
    // a manual level has no criterion to analyse; the evaluation on data reports the uncovered customers
    const ruleOnManual = def([[2, 'manual']], [cat('vip', '01', range('frequency', 0, null))]);
    expect(codes(ruleOnManual)).toContain('rule_on_manual_level');
  });
});
