import { DomainError } from '../../domain/errors.ts';
import { autoMapping, importFields, requiredImportFields, type ColumnMapping } from '../../domain/imports/import-fields.ts';
import type { ImportOptions, ImportTemplate } from '../../domain/imports/import-options.ts';
import { resolveMapping, type ResolvedMapping } from '../../domain/imports/import-row.ts';
import { importPresets } from '../../domain/imports/presets.ts';
import { compileRowParser, type RowParser } from '../../domain/imports/row-parser.ts';
import type { Actor } from '../../domain/users/user.ts';
import { guardFieldWrites } from '../customers/field-security.ts';
import { fieldRulesFor } from '../customers/scoped-customer.ts';
import type { Deps } from '../deps.ts';
import { fileError, type OpenedTable, type TableRow } from './read-table.ts';

export const templatesKey = 'import.templates';

/** How the rows of one file are read: the mapping resolved against its headers, and a preset's derivation. */
export type ImportPlan = {
  mapping: ColumnMapping;
  resolved: ResolvedMapping;
  /** cells as the mapping reads them (a preset derives them from the source row); only for rows as wide as the header */
  cellsOf: (row: TableRow) => string[];
  headerCount: number;
  createCustomers: boolean;
  /** a row's cells (as cellsOf gives them) → validated draft or issues; compiled once per file */
  parse: RowParser;
};

/**
 * The mapping for a file: a preset's, or the headers matched automatically, then a saved template, then
 * the explicit mapping on top. Refuses, naming them, mapped headers the file lacks, required fields left
 * unmapped, and fields this actor may not write (a hidden mobile cannot be imported either).
 */
export async function planImport(deps: Deps, actor: Actor, o: ImportOptions, table: OpenedTable): Promise<ImportPlan> {
  const preset = o.preset ? importPresets[o.preset] : undefined;
  let headers = table.headers;
  let cellsOf = (r: TableRow) => r.cells;
  let mapping: ColumnMapping;
  if (preset) {
    const missing = preset.expects.filter((h) => !headers.includes(h));
    if (missing.length) throw fileError('missing_column', { column: missing.join(', ') });
    const index = new Map(headers.map((h, i) => [h, i]));
    cellsOf = (r) => preset.derive((h) => r.cells[index.get(h)!] ?? '');
    headers = [...preset.headers];
    mapping = { ...preset.mapping };
  } else {
    mapping = autoMapping(o.kind, headers);
    if (o.template) {
      const templates = (await deps.db.settings.get<Record<string, ImportTemplate>>(templatesKey)) ?? {};
      const t = templates[o.template];
      if (!t || t.kind !== o.kind) throw new DomainError('NOT_FOUND', 'not_found', [], { what: 'import template', id: o.template });
      mapping = applyOverrides(mapping, t.mapping);
    }
  }
  if (o.mapping) mapping = applyOverrides(mapping, o.mapping);
  const known = new Set(importFields[o.kind].map((f) => f.key));
  for (const [field, header] of Object.entries(mapping)) {
    if (!known.has(field)) throw new DomainError('INVALID_INPUT', 'invalid_input', [{ path: ['mapping', field], code: 'unknown_field' }]);
    if (!headers.includes(header)) throw fileError('unknown_column', { column: header, field });
  }
  const unmapped = requiredImportFields[o.kind].filter((k) => !mapping[k]);
  if (unmapped.length) throw fileError('missing_column', { column: unmapped.map((k) => importFields[o.kind].find((f) => f.key === k)!.labelZh).join(', '), fields: unmapped });
  if (o.kind === 'customers' || o.kind === 'contacts') {
    const rules = await fieldRulesFor(deps, deps.db, actor);
    guardFieldWrites(rules, null, Object.fromEntries(Object.keys(mapping).map((k) => [k, 'x'])));
  }
  const resolved = resolveMapping(o.kind, headers, mapping);
  return { mapping, resolved, cellsOf, headerCount: table.headers.length, createCustomers: o.createCustomers ?? preset?.createCustomers ?? false, parse: compileRowParser(resolved) };
}

function applyOverrides(base: ColumnMapping, overrides: Record<string, string | null>): ColumnMapping {
  const out: ColumnMapping = { ...base };
  for (const [field, header] of Object.entries(overrides)) {
    // a header moved to another field leaves its old one
    for (const [k, h] of Object.entries(out)) if (header !== null && h === header && k !== field) delete out[k];
    if (header === null) delete out[field];
    else out[field] = header;
  }
  return out;
}
