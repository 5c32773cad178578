import { sensitiveFields, type FieldMode } from '../../domain/access/permissions.ts';
import { maskValue } from '../../domain/access/masking.ts';
import type { FieldChange } from '../../domain/audit/diff.ts';
import type { CustomFieldDef } from '../../domain/custom-fields/custom-field.ts';
import { DomainError, type Issue } from '../../domain/errors.ts';
import type { FieldModes } from '../access.ts';

/** Which fields of a presented record were masked or hidden, so clients can offer "reveal" and never echo masks back. */
export type FieldAccess = { masked: string[]; hidden: string[]; readonly: string[] };

type Rule = { path: string; mode: FieldMode; maskAs: string };

/** Every sensitive path with this actor's mode: built-in fields and `custom.<key>` of custom fields marked sensitive. */
export function sensitiveRules(modes: FieldModes, defs: readonly Pick<CustomFieldDef, 'key' | 'sensitive'>[]): Rule[] {
  const rules: Rule[] = sensitiveFields.map((f) => ({ path: f, mode: modes[f] ?? 'editable', maskAs: f }));
  for (const d of defs) if (d.sensitive) rules.push({ path: `custom.${d.key}`, mode: modes.custom ?? 'editable', maskAs: 'custom' });
  return rules;
}

const read = (o: Record<string, unknown>, path: string) => {
  const [a, b] = path.split('.') as [string, string | undefined];
  return b === undefined ? o[a] : (o[a] as Record<string, unknown> | undefined)?.[b];
};
const has = (o: Record<string, unknown>, path: string) => {
  const [a, b] = path.split('.') as [string, string | undefined];
  return b === undefined ? a in o : !!o[a] && typeof o[a] === 'object' && b in (o[a] as object);
};
function write(o: Record<string, unknown>, path: string, value: unknown, remove: boolean) {
  const [a, b] = path.split('.') as [string, string | undefined];
  const target = b === undefined ? o : (o[a] = { ...(o[a] as object) }) as Record<string, unknown>;
  const key = b ?? a;
  if (remove) delete target[key];
  else target[key] = value;
}

/**
 * A record as this actor may see it: hidden fields removed, masked ones masked. The one read-side field
 * gate. Records with sensitive fields (customers, contacts) say which were masked in `fieldAccess`.
 */
export function presentRecord<T extends object>(rules: readonly Rule[], record: T): T & { fieldAccess?: FieldAccess } {
  if (!rules.some((r) => has(record as Record<string, unknown>, r.path))) return record;
  const out = { ...record } as Record<string, unknown>;
  const access: FieldAccess = { masked: [], hidden: [], readonly: [] };
  for (const r of rules) {
    if (!has(out, r.path)) continue;
    if (r.mode === 'hidden') {
      write(out, r.path, undefined, true);
      access.hidden.push(r.path);
    } else if (r.mode === 'masked') {
      const v = read(out, r.path);
      write(out, r.path, maskValue(r.maskAs, v), false);
      if (v !== null && v !== undefined && v !== '') access.masked.push(r.path);
    } else if (r.mode === 'readonly') access.readonly.push(r.path);
  }
  return { ...(out as T), fieldAccess: access };
}

/**
 * The same gate for one column of many rows (exports), decided once: undefined when the column is hidden
 * from this actor, otherwise what shows of each value (the value, or its mask).
 */
export function columnPresenter(rules: readonly Rule[], path: string): ((value: unknown) => unknown) | undefined {
  const r = rules.find((x) => x.path === path);
  if (!r || r.mode === 'editable' || r.mode === 'readonly') return (v) => v;
  if (r.mode === 'hidden') return undefined;
  return (v) => maskValue(r.maskAs, v);
}

/** Audit before/after values pass the same gate, so history cannot show what the record view hides. */
export function presentChanges(rules: readonly Rule[], changes: FieldChange[]): FieldChange[] {
  return changes.map((c) => {
    const rule = rules.find((r) => r.path === c.field || (c.field === 'custom' && r.path.startsWith('custom.')));
    if (!rule || rule.mode === 'editable' || rule.mode === 'readonly') return c;
    if (c.field === 'custom') {
      const gate = (v: unknown) => (v && typeof v === 'object' ? (presentRecord(rules, { custom: v }) as { custom: unknown }).custom : v);
      return { ...c, before: gate(c.before), after: gate(c.after) };
    }
    const m = (v: unknown) => (rule.mode === 'hidden' ? (v === null || v === undefined ? v : '***') : maskValue(rule.maskAs, v));
    return { ...c, before: m(c.before), after: m(c.after) };
  });
}

/**
 * Refuses writes to fields the actor may not edit. A value equal to what the actor was shown (the
 * stored value or its mask) counts as unchanged and is dropped, so a form can send the record back.
 */
export function guardFieldWrites(rules: readonly Rule[], before: Record<string, unknown> | null, changes: Record<string, unknown>, at: (string | number)[] = []): Record<string, unknown> {
  const out = { ...changes };
  if (changes.custom && typeof changes.custom === 'object') out.custom = { ...(changes.custom as object) };
  const issues: Issue[] = [];
  for (const r of rules) {
    if (r.mode === 'editable' || !has(out, r.path)) continue;
    const sent = read(out, r.path);
    const stored = before ? read(before, r.path) : undefined;
    const unchanged = before !== null && (sent === stored || (sent ?? null) === (stored ?? null) || sent === maskValue(r.maskAs, stored));
    if (unchanged) write(out, r.path, undefined, true);
    else issues.push({ path: [...at, ...r.path.split('.')], code: 'field_not_editable', params: { mode: r.mode } });
  }
  if (issues.length) throw new DomainError('FORBIDDEN', 'forbidden_fields', issues);
  return out;
}
