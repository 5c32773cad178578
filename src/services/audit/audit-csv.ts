import { neutraliseFormula } from '../../domain/exports/neutralise-formula.ts';
import type { AuditEntry } from '../ports.ts';

/** One CSV cell (RFC 4180): text as is, other values as JSON; user text that starts like a formula is neutralised. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (typeof value === 'string') text = neutraliseFormula(text);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Excel needs the byte order mark to read UTF-8 (Chinese) correctly. */
export const utf8Bom = '\uFEFF';

export const auditCsvHeader = [
  '编号 ID',
  '时间 Time (UTC)',
  '操作人编号 Actor ID',
  '操作人 Actor',
  '操作 Action',
  '对象类型 Entity type',
  '对象编号 Entity ID',
  '客户编号 Customer ID',
  '字段 Field',
  '修改前 Before',
  '修改后 After',
  '详情 Meta',
] as const;

/** One line per changed field, so a spreadsheet can filter by field; an entry without field changes takes one line. */
export function auditCsvLines(e: AuditEntry): string {
  const head = [e.id, e.at, e.actorId, e.actorName, e.action, e.entityType, e.entityId, e.customerId];
  const meta = Object.keys(e.meta).length ? e.meta : null;
  if (e.changes.length === 0) return csvLine([...head, null, null, null, meta]);
  return e.changes.map((c) => csvLine([...head, c.field, c.before, c.after, meta])).join('');
}
