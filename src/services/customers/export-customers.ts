import { randomUUID } from 'node:crypto';
import {
  cellRenderer,
  customerExportQuerySchema,
  defaultExportColumns,
  exportColumnsOf,
  exportFileName,
  headerOf,
  isBuiltinExportColumn,
  type Cell,
  type ExportColumn,
  type ExportEncoding,
  type ExportFormat,
} from '../../domain/exports/customer-export.ts';
import { neutraliseFormula } from '../../domain/exports/neutralise-formula.ts';
import { invalid, parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { ExportRow, ExportSelection } from '../ports.ts';
import { csvFile, xlsxFile, type CellBatches } from './export-writers.ts';
import { columnPresenter, sensitiveRules } from './field-security.ts';

export type ExportProgress = { rows: number; expectedRows: number };
export type ExportOptions = { batchSize?: number; onProgress?: (p: ExportProgress) => void };
export type ExportOutcome = 'completed' | 'aborted' | 'failed';

export type CustomerExport = {
  filename: string;
  contentType: string;
  format: ExportFormat;
  /** rows the filters matched when the export began; rows created meanwhile may be added */
  expectedRows: number;
  columns: string[];
  /** chosen columns hidden from this actor, left out of the file */
  omittedColumns: string[];
  /** the file, a batch at a time; reading it to the end (or stopping) writes the closing audit entry */
  body: AsyncGenerator<Buffer>;
};

const contentTypes: Record<ExportFormat, (e: ExportEncoding) => string> = {
  csv: (e) => `text/csv; charset=${e === 'gbk' ? 'gbk' : 'utf-8'}`,
  xlsx: () => 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Column = { key: string; header: string; render: (r: ExportRow) => Cell };

/** How each chosen column reads a row: through the field gate (mask) and the cell renderer, composed once. */
function columnReader(key: string, present: (v: unknown) => unknown, cell: (v: unknown) => Cell): (r: ExportRow) => Cell {
  const read = isBuiltinExportColumn(key) ? (r: ExportRow) => r[key] : ((k) => (r: ExportRow) => r.custom?.[k])(key.slice('custom.'.length));
  return (r) => cell(present(read(r)));
}

async function namesFor(deps: Deps, keys: readonly string[]) {
  const [users, departments] = await Promise.all([
    keys.includes('ownerId') ? deps.db.users.list() : [],
    keys.includes('departmentId') ? deps.db.departments.list() : [],
  ]);
  return { users: new Map(users.map((u) => [u.id, u.displayName || u.username])), departments: new Map(departments.map((d) => [d.id, d.name])) };
}

/**
 * The customer list's filtered rows as CSV or XLSX with the chosen columns, for everyone who may export:
 * the same record filter as the list, the same field gate (hidden columns are left out, masked ones
 * masked), and user text neutralised against formula injection. Read by id in keyset batches, decrypting
 * only the chosen sensitive columns, written a batch at a time as the reader takes them.
 * Audited twice: `customer.exported` before the first byte (so a cut-off download is on record too) and
 * `customer.export_finished` with the outcome and the rows actually written.
 */
export async function exportCustomers(deps: Deps, actor: Actor, input: unknown, opts: ExportOptions = {}): Promise<CustomerExport> {
  const { format, encoding, language, columns: asked, ...filters } = parseOrThrow(customerExportQuerySchema, input);
  deps.access.assertCan(actor, 'customer.export');
  if (filters.deleted === 'only') deps.access.assertCan(actor, 'customer.restore');
  const scope = deps.access.filter(actor, 'customer.export');

  const defs = await deps.db.customFields.list();
  const available = new Map<string, ExportColumn>(exportColumnsOf(defs).map((c) => [c.key, c]));
  const wanted: string[] = asked ?? defaultExportColumns;
  const unknown = wanted.filter((c) => !available.has(c));
  if (unknown.length) throw invalid(unknown.map((column) => ({ path: ['columns'], code: 'unknown_export_column', params: { column } })));

  const rules = sensitiveRules(deps.access.fieldModes(actor), defs);
  const names = await namesFor(deps, wanted);
  const columns: Column[] = [];
  const omittedColumns: string[] = [];
  for (const key of wanted) {
    const present = columnPresenter(rules, key);
    if (!present) omittedColumns.push(key);
    else columns.push({ key, header: neutraliseFormula(headerOf(available.get(key)!, language)), render: columnReader(key, present, cellRenderer(key, language, names)) });
  }
  if (columns.length === 0) throw invalid(omittedColumns.map((c) => ({ path: ['columns', c], code: 'field_hidden' })));

  const selection: ExportSelection = {
    fields: columns.flatMap((c) => (isBuiltinExportColumn(c.key) ? [c.key] : [])),
    customKeys: columns.flatMap((c) => (isBuiltinExportColumn(c.key) ? [] : [c.key.slice('custom.'.length)])),
  };
  const expectedRows = (await deps.db.customers.list({ ...filters, sort: 'createdAt', order: 'desc', page: 1, pageSize: 1 }, scope)).total ?? 0;

  const exportId = randomUUID();
  const startedAt = deps.clock();
  const keys = columns.map((c) => c.key);
  const shownFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
  await deps.db.transaction((tx) =>
    recordAudit(tx, actor, startedAt.toISOString(), {
      action: 'customer.exported',
      entityType: 'customer',
      entityId: null,
      meta: { exportId, format, ...(format === 'csv' ? { encoding } : {}), language, columns: keys, omittedColumns, filters: shownFilters, expectedRows },
    }),
  );

  const progress = { rows: 0, expectedRows };
  const batchSize = opts.batchSize ?? 2_000;
  async function* cells(): CellBatches {
    for await (const batch of deps.db.customers.exportBatches(filters, scope, selection, batchSize)) {
      const out: Cell[][] = new Array<Cell[]>(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const r = batch[i]!;
        const row: Cell[] = new Array<Cell>(columns.length);
        for (let j = 0; j < columns.length; j++) row[j] = columns[j]!.render(r);
        out[i] = row;
      }
      progress.rows += batch.length;
      opts.onProgress?.(progress);
      yield out;
    }
  }

  const headers = columns.map((c) => c.header);
  const file = format === 'csv' ? csvFile(headers, cells(), encoding) : xlsxFile(headers, columns.map((c) => widthOf(c.key)), cells(), language === 'en' ? 'Customers' : '客户');

  async function* audited(): AsyncGenerator<Buffer> {
    let outcome: ExportOutcome = 'aborted';
    try {
      for (;;) {
        let step: IteratorResult<Buffer>;
        try {
          step = await file.next();
        } catch (err) {
          outcome = 'failed';
          throw err;
        }
        if (step.done) break;
        // a throw or return arriving here is the reader going away (a closed download), not a failure of ours
        yield step.value;
      }
      outcome = 'completed';
    } finally {
      if (outcome === 'aborted') await file.return(undefined);
      const seconds = Math.round((deps.clock().getTime() - startedAt.getTime()) / 100) / 10;
      await deps.db.transaction((tx) =>
        recordAudit(tx, actor, nowIso(deps), { action: 'customer.export_finished', entityType: 'customer', entityId: null, meta: { exportId, outcome, rowCount: progress.rows, seconds } }),
      );
    }
  }

  return {
    filename: exportFileName(startedAt, format, language),
    contentType: contentTypes[format](encoding),
    format,
    expectedRows,
    columns: keys,
    omittedColumns,
    body: audited(),
  };
}

const wide: Record<string, number> = { name: 30, address: 36, email: 26, notes: 40, uscc: 22, idCardNo: 22, createdAt: 20, updatedAt: 20, lastVerifiedAt: 20, code: 16, tags: 24 };
const widthOf = (key: string) => wide[key] ?? 14;
