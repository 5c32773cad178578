import { describe, expect, it } from 'vitest';
import { readCell } from './cell-values.ts';
import { autoMapping } from './import-fields.ts';

describe('header matching', () => {
  it('matches Chinese and English headers, full-width and with units, each header to one field', () => {
    expect(autoMapping('customers', ['客户名称', '手机号码', 'E-mail', '统一社会信用代码', '年营业额（元）', '备注'])).toEqual({
      name: '客户名称',
      mobile: '手机号码',
      email: 'E-mail',
      uscc: '统一社会信用代码',
      annualRevenueFen: '年营业额（元）',
      notes: '备注',
    });
    expect(autoMapping('customers', ['Name', 'Mobile', 'Province', 'City'])).toEqual({ name: 'Name', mobile: 'Mobile', province: 'Province', city: 'City' });
    expect(autoMapping('purchases', ['客户编号', '订单号', '日期', '金额'])).toEqual({ customerCode: '客户编号', orderNo: '订单号', orderedOn: '日期', amountFen: '金额' });
  });
});

describe('cell reading', () => {
  it('reads dates as people type them and Excel serial days', () => {
    expect(readCell('birthday', 'date', '2024/1/5')).toEqual({ value: '2024-01-05' });
    expect(readCell('birthday', 'date', '2024年1月5日')).toEqual({ value: '2024-01-05' });
    expect(readCell('birthday', 'date', '45296')).toEqual({ value: '2024-01-05' });
    expect(readCell('birthday', 'date', 'yesterday')).toEqual({ issue: { code: 'bad_date' } });
  });
  it('reads yuan into fen, Chinese enum words, and refuses formulas and undecodable text', () => {
    expect(readCell('amountFen', 'yuan', '¥1,234.5')).toEqual({ value: 123450 });
    expect(readCell('amountFen', 'yuan', '12.345')).toEqual({ issue: { code: 'bad_amount' } });
    expect(readCell('stage', 'enum', '活跃')).toEqual({ value: 'active' });
    expect(readCell('gender', 'enum', '女')).toEqual({ value: 'female' });
    expect(readCell('name', 'text', '=1+1')).toEqual({ issue: { code: 'formula_cell' } });
    expect(readCell('name', 'text', '张\uFFFD')).toEqual({ issue: { code: 'bad_encoding' } });
    expect(readCell('occurredAt', 'datetime', '2024-01-05 09:30')).toEqual({ value: '2024-01-05T09:30:00+08:00' });
  });
});
