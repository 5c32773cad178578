import type { FieldChange } from '../../../domain/audit/diff.ts';
import type { CustomFieldDef } from '../../../domain/custom-fields/custom-field.ts';
import type { Locale } from '../../../domain/i18n/messages.ts';
import { fieldLabel } from '../../../domain/i18n/field-labels.ts';
import type { Department, User } from '../../../domain/users/user.ts';
import type { Translate } from '../../i18n/i18n-context.ts';
import { isMessageKey } from '../../i18n/is-message-key.ts';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { dash, formatDateTime, formatMoney } from '../../ui/format.ts';
import { customFieldLabel } from '../customers/custom-field-inputs.tsx';
import { industryName } from '../customers/industry.ts';

export type AuditContext = { t: Translate; lang: Locale; users: User[]; departments: Department[]; defs: CustomFieldDef[] };

/** Fields whose values are codes with a label in the dictionary. */
const enumPrefix: Record<string, string> = {
  stage: 'stage',
  kind: 'kind',
  gender: 'gender',
  status: 'purchaseStatus',
  channel: 'channel',
  role: 'role',
  type: 'cfType',
  appliesTo: 'cfScope',
  datePart: 'datePart',
};


/** Bookkeeping fields the domain's label list does not name. */
const webLabels: Record<string, MessageKey> = { deletedAt: 'recycle.deletedAt', createdAt: 'customers.createdAt', updatedAt: 'customers.updatedAt' };

/** The order a person reads a record in (the server sends fields alphabetically). */
const fieldOrder = [
  'code', 'kind', 'name', 'shortName', 'stage', 'mobile', 'email', 'province', 'city', 'district', 'address', 'gender', 'birthday', 'idCardNo',
  'occupation', 'uscc', 'legalRepresentative', 'industry', 'employees', 'annualRevenueFen', 'website', 'ownerId', 'departmentId', 'source',
  'tags', 'custom', 'notes', 'title', 'isPrimary', 'orderNo', 'orderedOn', 'amountFen', 'costFen', 'currency', 'quantity', 'productLine',
  'status', 'dueOn', 'paidOn', 'channel', 'occurredAt', 'subject', 'summary', 'byUserId', 'nextFollowUpOn',
];
const rank = (field: string) => {
  const i = fieldOrder.indexOf(field);
  return i < 0 ? fieldOrder.length : i;
};

/** One before/after value as a person reads it: labels for codes, ¥ for fen, names for ids. */
export function auditValueText(field: string, value: unknown, ctx: AuditContext): string {
  if (value === null || value === undefined || value === '') return dash;
  if (Array.isArray(value)) return value.length ? value.map((v) => auditValueText(field, v, ctx)).join(ctx.t('format.listSeparator')) : dash;
  if (typeof value === 'boolean') return value ? ctx.t('common.yes') : ctx.t('common.no');
  if (typeof value === 'number' && field.endsWith('Fen')) return formatMoney(value);
  if (typeof value === 'number' && (field === 'ownerId' || field === 'byUserId')) return ctx.users.find((u) => u.id === value)?.displayName ?? `#${value}`;
  if (typeof value === 'number' && (field === 'departmentId' || field === 'parentId')) return ctx.departments.find((d) => d.id === value)?.name ?? `#${value}`;
  if (typeof value === 'string') {
    const prefix = enumPrefix[field];
    const key = prefix ? `${prefix}.${value}` : '';
    if (isMessageKey(key)) return ctx.t(key);
    if (field === 'industry') return industryName(value, ctx.lang) ?? value;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
    return value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export type ChangeRow = { key: string; label: string; before: string; after: string; beforeEmpty: boolean; afterEmpty: boolean };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field changes as rows; a change of `custom` becomes one row per custom field that differs. */
export function changeRows(changes: FieldChange[], ctx: AuditContext): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const push = (key: string, label: string, field: string, before: unknown, after: unknown) => {
    const b = auditValueText(field, before, ctx);
    const a = auditValueText(field, after, ctx);
    rows.push({ key, label, before: b, after: a, beforeEmpty: b === dash, afterEmpty: a === dash });
  };
  for (const c of [...changes].sort((a, b) => rank(a.field) - rank(b.field))) {
    if (c.field === 'custom' && (isRecord(c.before) || isRecord(c.after))) {
      const before = isRecord(c.before) ? c.before : {};
      const after = isRecord(c.after) ? c.after : {};
      for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null)) continue;
        const def = ctx.defs.find((d) => d.key === k);
        push(`custom.${k}`, def ? customFieldLabel(def, ctx.lang) : k, k, before[k], after[k]);
      }
      continue;
    }
    const own = webLabels[c.field];
    push(c.field, own ? ctx.t(own) : fieldLabel(c.field, ctx.lang), c.field, c.before, c.after);
  }
  return rows;
}
