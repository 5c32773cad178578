import { z } from 'zod';
import { customerListQuerySchema, type Customer } from '../customers/customer.ts';
import { industrySections } from '../customers/industries.ts';
import type { CustomFieldDef } from '../custom-fields/custom-field.ts';
import { locales, type Locale } from '../i18n/messages.ts';
import { neutraliseFormula } from './neutralise-formula.ts';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
/** CSV only: UTF-8 is written with a byte order mark so Excel reads Chinese; GBK for older Excel and WPS set-ups. */
export const exportEncodings = ['utf8', 'gbk'] as const;
export type ExportEncoding = (typeof exportEncodings)[number];

type ValueKind = 'text' | 'kind' | 'stage' | 'gender' | 'industry' | 'int' | 'yuan' | 'date' | 'datetime' | 'list' | 'user' | 'department';
type ColumnDef = { zh: string; en: string; value: ValueKind };

/**
 * Built-in columns a customer export can carry, in the order the file shows them. Keys are the customer's
 * fields; headers are the import's, so an exported file can be imported again.
 */
export const builtinExportColumns = {
  code: { zh: '客户编号', en: 'Code', value: 'text' },
  name: { zh: '客户名称', en: 'Name', value: 'text' },
  kind: { zh: '客户类型', en: 'Kind', value: 'kind' },
  stage: { zh: '客户阶段', en: 'Stage', value: 'stage' },
  ownerId: { zh: '负责人', en: 'Owner', value: 'user' },
  departmentId: { zh: '部门', en: 'Department', value: 'department' },
  mobile: { zh: '手机', en: 'Mobile', value: 'text' },
  email: { zh: '邮箱', en: 'Email', value: 'text' },
  province: { zh: '省份', en: 'Province', value: 'text' },
  city: { zh: '城市', en: 'City', value: 'text' },
  district: { zh: '区县', en: 'District', value: 'text' },
  address: { zh: '地址', en: 'Address', value: 'text' },
  gender: { zh: '性别', en: 'Gender', value: 'gender' },
  birthday: { zh: '生日', en: 'Birthday', value: 'date' },
  idCardNo: { zh: '身份证号', en: 'ID card number', value: 'text' },
  occupation: { zh: '职业', en: 'Occupation', value: 'text' },
  shortName: { zh: '简称', en: 'Short name', value: 'text' },
  uscc: { zh: '统一社会信用代码', en: 'USCC', value: 'text' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative', value: 'text' },
  industry: { zh: '行业', en: 'Industry', value: 'industry' },
  employees: { zh: '员工人数', en: 'Employees', value: 'int' },
  annualRevenueFen: { zh: '年营业额（元）', en: 'Annual revenue (yuan)', value: 'yuan' },
  website: { zh: '网址', en: 'Website', value: 'text' },
  source: { zh: '来源', en: 'Source', value: 'text' },
  tags: { zh: '标签', en: 'Tags', value: 'list' },
  notes: { zh: '备注', en: 'Notes', value: 'text' },
  lastVerifiedAt: { zh: '最近核实时间', en: 'Last verified', value: 'datetime' },
  createdAt: { zh: '创建时间', en: 'Created', value: 'datetime' },
  updatedAt: { zh: '更新时间', en: 'Updated', value: 'datetime' },
} as const satisfies Partial<Record<keyof Customer, ColumnDef>>;
export type BuiltinExportColumn = keyof typeof builtinExportColumns;
export const builtinExportColumnKeys = Object.keys(builtinExportColumns) as BuiltinExportColumn[];

/** What an export carries when the caller names no columns: the list's columns plus owner and e-mail. */
export const defaultExportColumns: BuiltinExportColumn[] = ['code', 'name', 'kind', 'stage', 'ownerId', 'mobile', 'email', 'province', 'city', 'industry', 'tags', 'createdAt'];

/** A custom field's column: `custom.<key>`. */
export const customColumn = (key: string) => `custom.${key}`;
export const isBuiltinExportColumn = (c: string): c is BuiltinExportColumn => Object.hasOwn(builtinExportColumns, c);

const commaList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().max(60)).min(1).max(200).transform((a) => [...new Set(a)]),
);

/** The list's filters (no paging or sort: rows come in id order), plus what to write and how. */
export const customerExportQuerySchema = customerListQuerySchema
  .omit({ page: true, pageSize: true, sort: true, order: true })
  .extend({
    format: z.enum(exportFormats).default('csv'),
    encoding: z.enum(exportEncodings).default('utf8'),
    /** language of the header row and of enum values (阶段 活跃客户 / Stage Active) */
    language: z.enum(locales).default('zh-CN'),
    columns: commaList.optional(),
  });
export type CustomerExportQuery = z.infer<typeof customerExportQuerySchema>;

export type ExportColumn = { key: string; labelZh: string; labelEn: string };

/** Every column this archive can export: built-in ones, then live custom fields by position. */
export function exportColumnsOf(defs: readonly Pick<CustomFieldDef, 'key' | 'labelZh' | 'labelEn' | 'archived' | 'position'>[]): ExportColumn[] {
  const custom = defs
    .filter((d) => !d.archived)
    .sort((a, b) => a.position - b.position)
    .map((d) => ({ key: customColumn(d.key), labelZh: d.labelZh, labelEn: d.labelEn ?? d.labelZh }));
  return [...builtinExportColumnKeys.map((k) => ({ key: k, labelZh: builtinExportColumns[k].zh, labelEn: builtinExportColumns[k].en })), ...custom];
}

export const headerOf = (c: ExportColumn, language: Locale) => (language === 'en' ? c.labelEn : c.labelZh);

const enumLabels: Record<'kind' | 'stage' | 'gender', Record<string, [zh: string, en: string]>> = {
  // the import reads every one of these back (domain/imports/cell-values.ts)
  kind: { individual: ['个人', 'Individual'], organization: ['企业', 'Organisation'] },
  stage: { potential: ['潜在客户', 'Potential'], active: ['活跃客户', 'Active'], churned: ['已流失', 'Churned'] },
  gender: { male: ['男', 'Male'], female: ['女', 'Female'], unknown: ['未知', 'Unknown'] },
};
const industryNames = new Map(industrySections.map((s) => [s.code, [s.zh, s.en] as const]));

/** China time, as people read it in a sheet: 2026-11-30 14:03:00. */
export function chinaDateTime(iso: string): string {
  // most stored times (UTC ISO, before 16:00) only need the hour moved; the rest go through Date
  if (iso.length >= 19 && iso.endsWith('Z') && iso[10] === 'T') {
    const h = (iso.charCodeAt(11) - 48) * 10 + (iso.charCodeAt(12) - 48);
    if (h >= 0 && h < 16) return `${iso.slice(0, 10)} ${h + 8 < 10 ? '0' : ''}${h + 8}${iso.slice(13, 19)}`;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export type Cell = string | number | null;
export type CellRenderer = (value: unknown) => Cell;
export type NameLookup = { users: ReadonlyMap<number, string>; departments: ReadonlyMap<number, string> };

/** User text as written, but never as a formula; everything else a plain value. */
const text = (v: unknown): Cell => (v === null || v === undefined || v === '' ? null : typeof v === 'number' ? v : neutraliseFormula(typeof v === 'string' ? v : JSON.stringify(v)));
const customValue = (language: Locale) => (v: unknown): Cell => {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return language === 'en' ? (v ? 'Yes' : 'No') : v ? '是' : '否';
  if (Array.isArray(v)) return text(v.join('、'));
  return text(v);
};

/** How one column's stored value becomes a cell, chosen once per export (not per row). */
export function cellRenderer(column: string, language: Locale, names: NameLookup): CellRenderer {
  if (!isBuiltinExportColumn(column)) return customValue(language);
  const i = language === 'en' ? 1 : 0;
  const kind: ValueKind = builtinExportColumns[column].value;
  switch (kind) {
    case 'text':
      return text;
    case 'kind':
    case 'stage':
    case 'gender': {
      const labels = enumLabels[kind];
      return (v) => (typeof v === 'string' ? (labels[v]?.[i] ?? text(v)) : null);
    }
    case 'industry':
      return (v) => (typeof v === 'string' ? (industryNames.get(v as never)?.[i] ?? text(v)) : null);
    case 'int':
      return (v) => (typeof v === 'number' ? v : null);
    case 'yuan':
      return (v) => (typeof v === 'number' ? v / 100 : null);
    case 'date':
      return (v) => (typeof v === 'string' && v ? v.slice(0, 10) : null);
    case 'datetime':
      return (v) => (typeof v === 'string' && v ? chinaDateTime(v) : null);
    case 'list':
      return (v) => (Array.isArray(v) && v.length ? text(v.join('、')) : null);
    case 'user':
      return (v) => (typeof v === 'number' ? (names.users.get(v) ?? String(v)) : null);
    case 'department':
      return (v) => (typeof v === 'number' ? (names.departments.get(v) ?? String(v)) : null);
  }
}

/** `客户导出-20261203-1530.csv` / `customers-20261203-1530.xlsx`, in China time. */
export function exportFileName(at: Date, format: ExportFormat, language: Locale): string {
  const stamp = chinaDateTime(at.toISOString()).replace(/-/g, '').replace(' ', '-').replace(/:/g, '').slice(0, 13);
  return `${language === 'en' ? 'customers' : '客户导出'}-${stamp}.${format}`;
}
