import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { makeIndividual, makeOrganization } from '../services/seed/make-customer.ts';
import { chance, mulberry32, pick } from '../services/seed/prng.ts';
import type { BulkCustomerRow } from '../services/ports.ts';

/*
 * A realistic customer file for the import bench (never committed data: it goes to a temp dir).
 * Rows come from the seed's generator (Chinese names, valid mobiles, USCCs and ID cards, real places),
 * written with the headers a Chinese spreadsheet has: 客户名称, 客户类型, 手机, 邮箱, 省份, 城市 …
 */

export const customerFileHeaders = [
  '客户名称', '客户类型', '手机', '邮箱', '省份', '城市', '区县', '地址', '行业', '来源', '标签', '性别', '生日', '身份证号',
  '职业', '统一社会信用代码', '法定代表人', '员工人数', '年营业额（元）', '网址', '备注',
] as const;

const TAGS = ['重点客户', '老客户', '展会', '转介绍', '线上', '华南', '华东', '高潜', 'VIP', '待回访'] as const;
const NOTES = ['', '', '', '年度框架合作', '需要开具专票', '周末勿扰', '对价格敏感', '已加微信'] as const;

/** One row's cells in `customerFileHeaders` order. */
function cellsOf(row: BulkCustomerRow, r: () => number): string[] {
  const tags = chance(r, 0.5) ? `${pick(r, TAGS)}，${pick(r, TAGS)}` : chance(r, 0.5) ? pick(r, TAGS) : '';
  return [
    row.name, row.kind === 'organization' ? '企业' : '个人', row.mobile ?? '', row.email ?? '', row.province ?? '', row.city ?? '',
    row.district ?? '', row.address ?? '', row.industry ?? '', row.source ?? '', tags,
    row.gender === 'male' ? '男' : row.gender === 'female' ? '女' : '', row.birthday ?? '', row.idCardNo ?? '', row.occupation ?? '',
    row.uscc ?? '', row.legalRepresentative ?? '', row.employees === null ? '' : String(row.employees),
    row.annualRevenueFen === null ? '' : (row.annualRevenueFen / 100).toFixed(2), row.website ?? '', pick(r, NOTES),
  ];
}

/** Rows of a file: 30 % organisations, the rest individuals, deterministic for a seed. */
export function* customerFileRows(count: number, seed = 20261203): Generator<string[]> {
  const r = mulberry32(seed);
  const today = Math.floor(Date.UTC(2026, 11, 1) / 86_400_000);
  for (let i = 0; i < count; i++) yield cellsOf((chance(r, 0.3) ? makeOrganization(r) : makeIndividual(r, today)).row, r);
}

const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** Writes a UTF-8 CSV (with BOM, as Excel saves it) of `count` customers; returns its size in bytes. */
export async function writeCustomerCsv(path: string, count: number, seed?: number): Promise<number> {
  const out = fs.createWriteStream(path);
  let buf = '\uFEFF' + customerFileHeaders.join(',') + '\n';
  for (const cells of customerFileRows(count, seed)) {
    buf += cells.map(quote).join(',') + '\n';
    if (buf.length < 1 << 20) continue;
    const full = !out.write(buf);
    buf = '';
    if (full) await once(out, 'drain');
  }
  out.end(buf);
  await once(out, 'finish');
  return fs.statSync(path).size;
}

/** Writes an XLSX of `count` customers with exceljs' streaming writer (shared strings off, as large exports do). */
export async function writeCustomerXlsx(path: string, count: number, seed?: number): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('客户');
  ws.addRow([...customerFileHeaders]).commit();
  for (const cells of customerFileRows(count, seed)) ws.addRow(cells).commit();
  ws.commit();
  await wb.commit();
  return fs.statSync(path).size;
}
