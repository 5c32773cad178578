import { describe, expect, it } from 'vitest';
import { customerFileHeaders, customerFileRows } from '../../bench/customer-file.ts';
import { autoMapping } from './import-fields.ts';
import { parseRow, resolveMapping } from './import-row.ts';
import { compileRowParser } from './row-parser.ts';

const headers = ['客户编号', ...customerFileHeaders, '客户阶段'];
const mapping = resolveMapping('customers', headers, autoMapping('customers', headers));

/** Rows that break one rule each, beside good ones; the fast path must say what parseRow says. */
const broken: string[][] = ([
  { 手机: '1234' }, { 邮箱: 'not-an-email' }, { 客户名称: '' }, { 客户名称: 'x'.repeat(201) }, { 身份证号: '110101199003070000' },
  { 统一社会信用代码: '91110000MA00000000' }, { 客户类型: '个人', 统一社会信用代码: '91350100M000100Y43' }, { 客户类型: '外星人' },
  { 生日: '2024-02-30' }, { 员工人数: '12.5' }, { '年营业额（元）': 'abc' }, { 行业: 'Z' }, { 备注: '=SUM(A1)' }, { 城市: 'a\u0001b' },
  { 客户阶段: '活跃' }, { 客户阶段: 'dormant' }, { 客户编号: 'KH-1' }, { 标签: '甲，乙，甲' }, { 网址: 'ftp://x' }, { 手机: '+86 138-0013-8000' },
  { 性别: '男', 客户类型: '企业' }, { 地址: '北京市\r\n朝阳区' },
] as Record<string, string>[]).map((patch) => headers.map((h) => patch[h] ?? (h === '客户名称' ? '张三' : h === '客户类型' ? '个人' : ''))).map((r, i) => {
  // keep a name unless the case is about the name
  if (i === 2) r[headers.indexOf('客户名称')] = '';
  return r;
});

describe('compiled customer row parser', () => {
  it('gives what parseRow gives for realistic rows and for each broken rule', () => {
    const parse = compileRowParser(mapping);
    const rows = [...[...customerFileRows(3000, 7)].map((r, i) => [i % 3 === 0 ? `C${i}` : '', ...r, i % 5 === 0 ? '流失' : '']), ...broken];
    // twice, so the second pass is served from the per-column memo
    for (const pass of [1, 2]) {
      rows.forEach((cells, i) => {
        const row = i + 2;
        expect(parse(cells, row), `pass ${pass}, row ${row}`).toEqual(parseRow(mapping, cells, row, cells.length));
      });
    }
  });

  it('makes a fresh default per row, never one shared list', () => {
    const parse = compileRowParser(mapping);
    const cells = headers.map((h) => (h === '客户名称' ? '李四' : ''));
    const a = parse(cells, 2);
    const b = parse(cells, 3);
    if (!('ok' in a) || !('ok' in b) || a.ok.kind !== 'customers' || b.ok.kind !== 'customers') throw new Error('expected drafts');
    expect(a.ok.draft.tags).toEqual([]);
    expect(a.ok.draft.tags).not.toBe(b.ok.draft.tags);
  });
});
