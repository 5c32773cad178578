import type { Issue } from '../errors.ts';
import { toHalfWidth } from '../customers/validators.ts';
import type { CellType } from './import-fields.ts';

/** Chinese and English spellings of enum values, lower-cased; a value not listed passes through for the schema to name. */
const enumWords: Record<string, Record<string, string>> = {
  kind: { 个人: 'individual', 自然人: 'individual', person: 'individual', 企业: 'organization', 公司: 'organization', 组织: 'organization', 单位: 'organization', 机构: 'organization', company: 'organization', organisation: 'organization' },
  stage: { 潜在: 'potential', 潜在客户: 'potential', 意向: 'potential', 活跃: 'active', 成交: 'active', 成交客户: 'active', 已成交: 'active', 流失: 'churned', 已流失: 'churned' },
  gender: { 男: 'male', 女: 'female', 未知: 'unknown', m: 'male', f: 'female' },
  status: { 完成: 'completed', 已完成: 'completed', 成交: 'completed', 取消: 'cancelled', 已取消: 'cancelled', canceled: 'cancelled', 退款: 'refunded', 已退款: 'refunded', 退货: 'refunded' },
  channel: { 电话: 'phone', 拜访: 'visit', 上门: 'visit', 邮件: 'email', 'e-mail': 'email', 微信: 'wechat', 会议: 'meeting', 其他: 'other', 其它: 'other' },
};

const yes = new Set(['是', '1', 'true', 'yes', 'y', '√', '主']);
const no = new Set(['否', '0', 'false', 'no', 'n', '']);

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); 1 … 2958465 is 1899-12-31 … 9999-12-31. */
export function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString();
}

const pad = (n: string) => n.padStart(2, '0');

/** A date as people type it: 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, or an Excel serial day. */
function toIsoDate(raw: string): string | undefined {
  const s = toHalfWidth(raw).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  m = /^(\d{1,5})(?:\.\d+)?$/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 2958465) return excelSerialToIso(Number(s)).slice(0, 10);
  return undefined;
}

/** A time as people type it; without a zone it is China time (+08:00). A bare date is midnight there. */
function toIsoDateTime(raw: string): string | undefined {
  const s = toHalfWidth(raw).trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) return s;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}T${pad(m[4] ?? '0')}:${m[5] ?? '00'}:${m[6] ?? '00'}+08:00`;
  if (/^\d{1,5}(\.\d+)?$/.test(s) && Number(s) >= 1) {
    // a serial day counts in local (China) wall time like the rest of the sheet
    const utc = new Date(excelSerialToIso(Number(s)));
    return new Date(utc.getTime() - 8 * 3_600_000).toISOString();
  }
  return undefined;
}

/** Yuan with up to two decimals (1,234.50, ¥1234.5, -3) → integer fen. */
function yuanToFen(raw: string): number | undefined {
  const s = toHalfWidth(raw).trim().replace(/^[¥￥$£€]|元$/g, '').replace(/,/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [whole, frac = ''] = s.replace('-', '').split('.') as [string, string?];
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return s.startsWith('-') ? -fen : fen;
}

export type CellResult = { value: unknown } | { issue: Omit<Issue, 'path'> };

/**
 * One cell as a draft value, or why it cannot be one. Empty cells are absent (undefined). A cell that
 * starts with "=" is a spreadsheet formula whose value the file does not hold: it is refused, never stored.
 */
export function readCell(field: string, type: CellType, raw: string): CellResult {
  const text = raw.trim();
  if (text === '') return { value: undefined };
  if (text.includes('\uFFFD')) return { issue: { code: 'bad_encoding' } };
  if (text.startsWith('=')) return { issue: { code: 'formula_cell' } };
  switch (type) {
    case 'text':
      return { value: text };
    case 'enum': {
      const key = toHalfWidth(text).toLowerCase();
      return { value: enumWords[field]?.[key] ?? key };
    }
    case 'list':
      return { value: text.split(/[,，;；、|]/).map((t) => t.trim()).filter(Boolean) };
    case 'bool': {
      const key = toHalfWidth(text).toLowerCase();
      if (yes.has(key)) return { value: true };
      if (no.has(key)) return { value: false };
      return { issue: { code: 'invalid_type', params: { expected: 'boolean' } } };
    }
    case 'int': {
      const s = toHalfWidth(text).replace(/,/g, '');
      return /^-?\d+(\.0+)?$/.test(s) ? { value: Number.parseInt(s, 10) } : { issue: { code: 'not_integer' } };
    }
    case 'yuan': {
      const fen = yuanToFen(text);
      return fen === undefined ? { issue: { code: 'bad_amount' } } : { value: fen };
    }
    case 'date': {
      const d = toIsoDate(text);
      return d === undefined ? { issue: { code: 'bad_date' } } : { value: d };
    }
    case 'datetime': {
      const d = toIsoDateTime(text);
      return d === undefined ? { issue: { code: 'bad_datetime' } } : { value: d };
    }
  }
}
