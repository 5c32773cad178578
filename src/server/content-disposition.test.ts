import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('keeps a Chinese file name in filename* with an ASCII fallback', () => {
    expect(contentDisposition('客户导出-20261203-1530.csv')).toBe(
      `attachment; filename="export-20261203-1530.csv"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%87%BA-20261203-1530.csv`,
    );
    expect(contentDisposition('customers-1.xlsx')).toBe(`attachment; filename="customers-1.xlsx"; filename*=UTF-8''customers-1.xlsx`);
  });

  it('cannot be broken out of by quotes', () => {
    expect(contentDisposition('a"b\'(c).csv')).toBe(`attachment; filename="ab'(c).csv"; filename*=UTF-8''a%22b%27%28c%29.csv`);
  });
});
