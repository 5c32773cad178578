import { z } from 'zod';
import { formatRule } from '../errors.ts';
import { optionalText, requiredText } from '../shared/primitives.ts';
import { hasLoneSurrogates } from '../customers/validators.ts';
import type { Issue } from '../errors.ts';
import type { CustomerKind, CustomFieldValue } from '../customers/customer.ts';

export const customFieldTypes = ['text', 'number', 'date', 'select', 'multiselect', 'boolean'] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
export const customFieldScopes = ['all', 'individual', 'organization'] as const;

const optionsSchema = z.array(requiredText(50)).max(200).transform((o) => [...new Set(o)]);

export const customFieldDraftSchema = z
  .strictObject({
    key: z.string().trim().refine(...formatRule(/^[a-z][a-z0-9_]{0,39}$/, 'a-z 0-9 _')),
    labelZh: requiredText(50),
    labelEn: optionalText(50),
    type: z.enum(customFieldTypes),
    required: z.boolean().default(false),
    options: optionsSchema.default([]),
    appliesTo: z.enum(customFieldScopes).default('all'),
    sensitive: z.boolean().default(false),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .superRefine((v, ctx) => {
    const isSelect = v.type === 'select' || v.type === 'multiselect';
    if (isSelect && v.options.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], params: { code: 'required' }, input: v.options });
  });
export type CustomFieldDraft = z.infer<typeof customFieldDraftSchema>;

/** Type and key are fixed once values exist; labels, options, flags may change. */
export const customFieldPatchSchema = z.strictObject({
  labelZh: requiredText(50).optional(),
  labelEn: optionalText(50),
  required: z.boolean().optional(),
  options: optionsSchema.optional(),
  appliesTo: z.enum(customFieldScopes).optional(),
  sensitive: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  archived: z.boolean().optional(),
});
export type CustomFieldPatch = z.infer<typeof customFieldPatchSchema>;

export type CustomFieldDef = CustomFieldDraft & { id: number; labelEn: string | null; archived: boolean; createdAt: string; updatedAt: string };

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * Validates custom values against the definitions that apply to this kind, like built-in fields.
 * Returns cleaned values (unknown keys refused, "" and [] treated as empty). Given `stored` (the values
 * saved before this write; {} for a new customer), an archived field keeps its stored value or is
 * cleared, never set anew; without it, archived values are kept as they are.
 */
export function validateCustomValues(
  defs: readonly CustomFieldDef[],
  kind: CustomerKind,
  values: Record<string, CustomFieldValue>,
  stored?: Record<string, CustomFieldValue>,
): { values: Record<string, CustomFieldValue>; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: Record<string, CustomFieldValue> = {};
  const active = defs.filter((d) => !d.archived);
  const byKey = new Map(active.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) {
    const def = byKey.get(key);
    if (!def) {
      const v = values[key] ?? null;
      if (!defs.some((d) => d.key === key)) issues.push({ path: ['custom', key], code: 'unknown_field' });
      else if (!stored) out[key] = v;
      else if (JSON.stringify(v) === JSON.stringify(stored[key] ?? null)) {
        if (v !== null) out[key] = v;
      } else if (v !== null) issues.push({ path: ['custom', key], code: 'archived' });
    } else if (def.appliesTo !== 'all' && def.appliesTo !== kind && values[key] !== null) {
      issues.push({ path: ['custom', key], code: 'wrong_kind', params: { kind: def.appliesTo } });
    }
  }
  for (const def of active) {
    if (def.appliesTo !== 'all' && def.appliesTo !== kind) continue;
    const path = ['custom', def.key];
    let v = values[def.key];
    if (typeof v === 'string') v = v.trim();
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (def.required) issues.push({ path, code: 'required' });
      continue;
    }
    const bad = (code: string, params?: Record<string, unknown>) => issues.push({ path, code, ...(params ? { params } : {}) });
    switch (def.type) {
      case 'text':
        if (typeof v !== 'string') bad('invalid_type', { expected: 'string' });
        else if ([...v].length > 1000) bad('too_long', { limit: 1000 });
        else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(v)) bad('control_characters');
        else if (hasLoneSurrogates(v)) bad('bad_unicode');
        else out[def.key] = v;
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('invalid_type', { expected: 'number' });
        else out[def.key] = v;
        break;
      case 'date':
        if (typeof v !== 'string' || !isDate(v)) bad('bad_date');
        else out[def.key] = v;
        break;
      case 'boolean':
        if (typeof v !== 'boolean') bad('invalid_type', { expected: 'boolean' });
        else out[def.key] = v;
        break;
      case 'select':
        if (typeof v !== 'string' || !def.options.includes(v)) bad('unknown_option', { options: def.options });
        else out[def.key] = v;
        break;
      case 'multiselect':
        if (!Array.isArray(v) || v.some((x) => !def.options.includes(x))) bad('unknown_option', { options: def.options });
        else out[def.key] = [...new Set(v)];
        break;
    }
  }
  return { values: out, issues };
}
