import type { z } from 'zod';
import { customerDraftSchema, type CustomerDraft } from '../customers/customer.ts';
import { contactDraftSchema, type ContactDraft } from '../customers/contact.ts';
import { fromZodIssues, type Issue } from '../errors.ts';
import { interactionDraftSchema, type InteractionDraft } from '../interactions/interaction.ts';
import { purchaseDraftSchema, type PurchaseDraft } from '../purchases/purchase.ts';
import { plainText } from '../shared/primitives.ts';
import { readCell } from './cell-values.ts';
import { importFields, type ColumnMapping, type ImportKind } from './import-fields.ts';

/** One problem of one source row: row number as the spreadsheet shows it (header = 1), the header text, the reason. */
export type RowIssue = { row: number; column: string | null; field: string | null; code: string; params?: Record<string, unknown> };

/** Who a child row belongs to, and what to create when that customer is missing. */
export type CustomerRef = { code: string; name: string | undefined; province: string | undefined };

export type ParsedRow =
  | { kind: 'customers'; code: string | undefined; draft: CustomerDraft }
  | { kind: 'contacts'; customer: CustomerRef; draft: ContactDraft }
  | { kind: 'purchases'; customer: CustomerRef; draft: PurchaseDraft }
  | { kind: 'interactions'; customer: CustomerRef; draft: InteractionDraft };

/** Column positions of the mapped fields, resolved once per file. */
export type ResolvedMapping = { kind: ImportKind; columns: { key: string; index: number; header: string; type: (typeof importFields)[ImportKind][number]['type'] }[] };

export function resolveMapping(kind: ImportKind, headers: readonly string[], mapping: ColumnMapping): ResolvedMapping {
  const columns: ResolvedMapping['columns'] = [];
  for (const field of importFields[kind]) {
    const header = mapping[field.key];
    if (header === undefined) continue;
    columns.push({ key: field.key, index: headers.indexOf(header), header, type: field.type });
  }
  return { kind, columns };
}

const organizationHint = /公司|集团|厂|商行|商店|门店|中心|研究院|研究所|事务所|合作社|协会|学校|医院|银行|\bco\b|\bltd\b|\binc\b|\bcorp|\bllc\b|gmbh|limited|company/i;
const organizationFields = ['uscc', 'legalRepresentative', 'shortName', 'industry', 'employees', 'annualRevenueFen', 'website'];

export const codeSchema = plainText(40);

/** A row without a kind: an organisation when it has organisation fields or its name says so. */
export function inferKind(values: Record<string, unknown>): 'organization' | 'individual' {
  const org = organizationFields.some((k) => values[k] !== undefined) || organizationHint.test(String(values.name ?? ''));
  return org ? 'organization' : 'individual';
}
const childKeys = new Set(['customerCode', 'customerName', 'customerProvince']);

/** Validates with the API's own schema; issue paths are field keys, which map back to the file's headers. */
function validate<S extends z.ZodType>(schema: S, input: Record<string, unknown>): { data: z.output<S> } | { issues: Issue[] } {
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? { data: r.data } : { issues: fromZodIssues(r.error.issues) };
}

/**
 * One source row as a draft, validated by the same schema as the API (customer, contact, purchase or
 * interaction), or the reasons it cannot be imported, each naming its column.
 */
export function parseRow(m: ResolvedMapping, cells: readonly string[], row: number, headerCount: number): { ok: ParsedRow; provided: string[] } | { issues: RowIssue[] } {
  if (cells.length !== headerCount) return { issues: [{ row, column: null, field: null, code: 'ragged_row', params: { expected: headerCount, got: cells.length } }] };
  const issues: RowIssue[] = [];
  const values: Record<string, unknown> = {};
  const headerOf = new Map<string, string>();
  for (const c of m.columns) {
    headerOf.set(c.key, c.header);
    const r = readCell(c.key, c.type, cells[c.index] ?? '');
    if ('issue' in r) issues.push({ row, column: c.header, field: c.key, ...r.issue });
    else if (r.value !== undefined) values[c.key] = r.value;
  }
  if (issues.length) return { issues };
  const fail = (list: Issue[]) => ({
    issues: list.map((i): RowIssue => {
      const field = typeof i.path[0] === 'string' ? i.path[0] : null;
      return { row, column: field ? (headerOf.get(field) ?? null) : null, field, code: i.code, ...(i.params ? { params: i.params } : {}) };
    }),
  });

  if (m.kind === 'customers') {
    const { code, ...rest } = values;
    if (rest.kind === undefined) rest.kind = inferKind(rest);
    const codeIssues = code === undefined ? [] : fromZodIssues(codeSchema.safeParse(code).error?.issues ?? [], ['code']);
    const r = validate(customerDraftSchema, rest);
    if ('issues' in r || codeIssues.length) return fail([...codeIssues, ...('issues' in r ? r.issues : [])]);
    return { ok: { kind: 'customers', code: code as string | undefined, draft: r.data }, provided: Object.keys(values) };
  }

  const draftInput: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (!childKeys.has(k)) draftInput[k] = v;
  const customer: CustomerRef = { code: String(values.customerCode ?? ''), name: values.customerName as string | undefined, province: values.customerProvince as string | undefined };
  const refIssues: Issue[] = customer.code === '' ? [{ path: ['customerCode'], code: 'required' }] : [];
  const schema = m.kind === 'contacts' ? contactDraftSchema : m.kind === 'purchases' ? purchaseDraftSchema : interactionDraftSchema;
  const r = validate(schema, draftInput);
  if ('issues' in r || refIssues.length) return fail([...refIssues, ...('issues' in r ? r.issues : [])]);
  return { ok: { kind: m.kind, customer, draft: r.data } as ParsedRow, provided: Object.keys(values) };
}
