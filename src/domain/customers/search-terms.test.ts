import { describe, expect, it } from 'vitest';
import { companyCore, customerSearchTerms, normalizeSearchText, prefixEnd, searchQueryTexts } from './search-terms.ts';

describe('search terms', () => {
  it('normalises full-width, case, spaces and punctuation', () => {
    expect(normalizeSearchText('ＡＢＣ 科技（深圳）')).toBe('abc科技深圳');
  });
  it('strips legal suffixes and a region prefix from company names, but keeps names that only look like places', () => {
    expect(companyCore('北京市华为技术（深圳）有限公司')).toBe('华为技术');
    expect(companyCore('上海浦东发展银行股份有限公司')).toBe('浦东发展银行');
    expect(companyCore('阿里巴巴集团有限公司')).toBe('阿里巴巴');
    expect(companyCore('杭州西湖区龙井茶叶经营部')).toBe('龙井茶叶经营部');
    expect(companyCore('北京公司')).toBe('北京');
  });
  it('gives every suffix of a name, pinyin with surnames read right, and no sensitive values', () => {
    const t = customerSearchTerms({ kind: 'individual', name: '单田芳' });
    expect(t).toEqual([
      { kind: 'name', term: '单田芳' },
      { kind: 'sub', term: '田芳' },
      { kind: 'sub', term: '芳' },
      { kind: 'pinyin', term: 'shantianfang' },
      { kind: 'pinyin', term: 'stf' },
    ]);
    for (const [name, full] of [['曾国藩', 'zengguofan'], ['解缙', 'xiejin'], ['仇英', 'qiuying']]) {
      expect(customerSearchTerms({ kind: 'individual', name: name! })).toContainEqual({ kind: 'pinyin', term: full });
    }
  });
  it('indexes a company by its core name as a prefix and its pinyin initials', () => {
    const t = customerSearchTerms({ kind: 'organization', name: '北京市华为技术有限公司' });
    expect(t).toContainEqual({ kind: 'name', term: '华为技术' });
    expect(t).toContainEqual({ kind: 'pinyin', term: 'hwjs' });
    expect(t.filter((x) => x.term === '为技术有限公司')).toHaveLength(1);
  });
  it('looks a company query up with and without its suffix', () => {
    expect(searchQueryTexts('华为技术股份有限公司')).toEqual(['华为技术股份有限公司', '华为技术']);
    expect(searchQueryTexts('  ')).toEqual([]);
  });
  it('bounds a prefix range by the next code point', () => {
    expect(prefixEnd('ab')).toBe('ac');
    expect(prefixEnd('李')).toBe(String.fromCodePoint('李'.codePointAt(0)! + 1));
    expect(prefixEnd('𠀀')).toBe('𠀁');
  });
});
