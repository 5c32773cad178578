import type { z } from 'zod';
import { customerDraftSchema, foreignKindFields, type CustomerDraft } from '../customers/customer.ts';
import { readCell } from './cell-values.ts';
import { codeSchema, inferKind, parseRow, type ParsedRow, type ResolvedMapping, type RowIssue } from './import-row.ts';

export type RowResult = { ok: ParsedRow; provided: string[] } | { issues: RowIssue[] };
/** parseRow with the mapping bound: one source row (as wide as its header; ragged rows are the caller's) → a validated draft, or its issues. */
export type RowParser = (cells: readonly string[], row: number) => RowResult;

/** A cell's fate under its column: absent (empty), bad, or the value the draft schema's field gives it. */
type Outcome = { kind: 'absent'; input: undefined } | { kind: 'bad' } | { kind: 'value'; input: unknown; value: unknown };

/** Distinct cell texts remembered per column: enough for provinces, cities, sources, tags; names stop filling it. */
const MEMO_LIMIT = 4096;
const ABSENT: Outcome = { kind: 'absent', input: undefined };
const BAD: Outcome = { kind: 'bad' };
const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');

/**
 * The row parser for a file. Customer rows take a fast path that applies the same rules as parseRow,
 * compiled per column: each cell is read and then validated by the customer draft schema's *own* field
 * schema (`customerDraftSchema.shape[key]`), remembered per distinct cell text; fields the row leaves
 * empty get the schema's defaults; the draft's cross-field rule (`foreignKindFields`) runs on the result.
 * A row with any problem is parsed again by parseRow, so its issues are exactly the API's.
 * Other kinds use parseRow directly.
 */
export function compileRowParser(m: ResolvedMapping): RowParser {
  const slow = (cells: readonly string[], row: number) => parseRow(m, cells, row, cells.length);
  if (m.kind !== 'customers') return slow;
  const shape = customerDraftSchema.shape as Record<string, z.ZodType>;
  const columns = m.columns.map((c) => ({ ...c, schema: c.key === 'code' ? codeSchema : shape[c.key]!, memo: new Map<string, Outcome>() }));
  // shape keys that a row without them still fills (defaults) or cannot do without (required: slow path names it)
  const fill: { key: string; schema: z.ZodType; required: boolean }[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    if (key === 'kind') continue; // inferred when empty
    const r = schema.safeParse(undefined);
    if (!r.success || r.data !== undefined) fill.push({ key, schema, required: !r.success });
  }
  const outcome = (c: (typeof columns)[number], raw: string): Outcome => {
    const cell = readCell(c.key, c.type, raw);
    if ('issue' in cell) return BAD;
    if (cell.value === undefined) return ABSENT;
    const r = c.schema.safeParse(cell.value);
    return r.success ? { kind: 'value', input: cell.value, value: r.data } : BAD;
  };
  return (cells, row) => {
    const draft: Record<string, unknown> = {};
    const inputs: Record<string, unknown> = {};
    const provided: string[] = [];
    let code: string | undefined;
    for (const c of columns) {
      const raw = cells[c.index] ?? '';
      let o = c.memo.get(raw);
      if (o === undefined) {
        o = outcome(c, raw);
        if (c.memo.size < MEMO_LIMIT && (o.kind !== 'value' || isPrimitive(o.value) || Array.isArray(o.value))) c.memo.set(raw, o);
      }
      if (o.kind === 'bad') return slow(cells, row);
      if (o.kind === 'absent') continue;
      provided.push(c.key);
      if (c.key === 'code') code = o.value as string;
      else {
        // a remembered list (tags) is copied: each draft owns its values
        draft[c.key] = Array.isArray(o.value) ? o.value.slice() : o.value;
        inputs[c.key] = o.input;
      }
    }
    if (draft.kind === undefined) draft.kind = inferKind(inputs);
    for (const f of fill) {
      if (draft[f.key] !== undefined) continue;
      if (f.required) return slow(cells, row);
      // a default is made per row (a fresh [] or {}), never shared between drafts
      draft[f.key] = (f.schema.safeParse(undefined) as { data: unknown }).data;
    }
    if (foreignKindFields(draft.kind as CustomerDraft['kind'], draft).length) return slow(cells, row);
    return { ok: { kind: 'customers', code, draft: draft as CustomerDraft }, provided };
  };
}
