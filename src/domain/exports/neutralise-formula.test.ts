import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutraliseFormula } from './neutralise-formula.ts';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+86 138', '-2+3', '@SUM(A1:A9)', '=HYPERLINK("http://evil.example","点我")', '\t=1', '\r=1', '＝1+1', '＋1', '－1', '＠A1'])('prefixes %j with a quote', (v) => {
    expect(neutraliseFormula(v)).toBe(`'${v}`);
    expect(looksLikeFormula(v)).toBe(true);
  });

  it.each(['张伟', '13800138000', '138****0000', 'a=b', ' =1', '', "'=1", '1-2'])('leaves %j as it is', (v) => {
    expect(neutraliseFormula(v)).toBe(v);
  });
});
