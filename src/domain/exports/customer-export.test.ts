import { describe, expect, it } from 'vitest';
import { chinaDateTime, exportFileName } from './customer-export.ts';

describe('export values', () => {
  it('shows stored UTC times in China time, across midnight too', () => {
    expect(chinaDateTime('2026-11-30T06:03:09.123Z')).toBe('2026-11-30 14:03:09');
    expect(chinaDateTime('2026-11-30T01:00:00Z')).toBe('2026-11-30 09:00:00');
    expect(chinaDateTime('2026-12-31T16:30:00.000Z')).toBe('2027-01-01 00:30:00');
    expect(chinaDateTime('2026-02-28T23:59:59.999Z')).toBe('2026-03-01 07:59:59');
    expect(chinaDateTime('not a time')).toBe('not a time');
  });

  it('names files in China time and the chosen language', () => {
    expect(exportFileName(new Date('2026-12-03T07:30:00Z'), 'csv', 'zh-CN')).toBe('客户导出-20261203-1530.csv');
    expect(exportFileName(new Date('2026-12-03T17:05:00Z'), 'xlsx', 'en')).toBe('customers-20261204-0105.xlsx');
  });
});
