import { describe, expect, it } from 'vitest';
import { buildCriteria } from './criteria.ts';
import { epochDay } from './dates.ts';
import { buildPresets, presetKeys } from './presets.ts';
import { definitionIssues } from './validate.ts';

const ctx = {
  regions: [
    { code: '44', name: '广东省', cities: [{ code: '440100', name: '广州市' }, { code: '440300', name: '深圳市' }] },
    { code: '11', name: '北京市', cities: [{ code: '110100', name: '北京市' }] },
  ],
  productLines: ['办公用品', '电子产品'],
};
const registry = buildCriteria([]);
const asOf = epochDay('2026-11-01');

describe('presets', () => {
  it('has every preset of the issue', () => {
    expect(buildPresets(ctx).map((p) => p.key)).toEqual([...presetKeys]);
  });

  it.each(buildPresets(ctx).map((p) => [p.key, p] as const))('%s is complete and exclusive by construction', (_key, preset) => {
    const issues = definitionIssues(preset.definition, registry, asOf);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues).toEqual([]);
  });
});

describe('region preset', () => {
  it('adds a category per country abroad after the provinces, proven complete and exclusive', () => {
    const region = buildPresets({ ...ctx, abroad: ['United Kingdom', 'Germany', '澳门特别行政区以外', 'EIRE'] }).find((p) => p.key === 'region')!;
    const top = region.definition.categories.filter((c) => c.parentKey === null);
    expect(top.map((c) => [c.key, c.code])).toEqual([
      ['p44', '01'], ['p11', '02'], ['country-united-kingdom', '03'], ['country-germany', '04'], ['country-3', '05'], ['country-eire', '06'], ['region-other', '99'],
    ]);
    expect(definitionIssues(region.definition, registry, asOf)).toEqual([]);
  });
});
