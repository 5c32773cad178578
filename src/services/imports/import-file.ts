import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { codePeriod, defaultCodeScheme, formatCustomerCode, type CodeScheme } from '../../domain/customers/code-scheme.ts';
import { DomainError, parseOrThrow } from '../../domain/errors.ts';
import { importOptionsSchema, type ImportOptions, type ImportOptionsInput } from '../../domain/imports/import-options.ts';
import type { RowIssue } from '../../domain/imports/import-row.ts';
import { importPresets } from '../../domain/imports/presets.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { codeSchemeKey } from '../customers/create-customer.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { BulkLoader, BulkSession, ImportBatch, ImportBatchStatus, ImportCounts } from '../ports.ts';
import { createReportWriter, type ReportWriter } from './error-report.ts';
import { buildChunk, dryRunMemory, type ChunkContext, type PendingRow } from './import-chunk.ts';
import { planImport, type ImportPlan } from './import-plan.ts';
import { fileError, openTable, type OpenedTable } from './read-table.ts';

export type ImportProgress = { batchId: number | null; rowsRead: number; bytesRead: number; fileSize: number; counts: ImportCounts };
export type ImportHooks = {
  onProgress?: (p: ImportProgress) => void;
  /** where the error report goes (.csv or .xlsx, or both); without it only the first issues come back */
  reportPath?: string | string[] | undefined;
  /** called once the batch row exists (before any row is written), so a caller can answer with its id */
  onBatch?: (batch: ImportBatch) => void;
};
export type ImportSummary = {
  batchId: number | null;
  status: ImportBatchStatus | 'dry_run';
  kind: ImportOptions['kind'];
  format: OpenedTable['format'];
  encoding: OpenedTable['encoding'];
  mapping: Record<string, string>;
  counts: ImportCounts;
  /** the first problems (all of them are in the report) */
  issues: RowIssue[];
  elapsedMs: number;
};

export const emptyCounts = (): ImportCounts => ({ rows: 0, created: 0, updated: 0, merged: 0, skipped: 0, invalid: 0, customersCreated: 0 });
const ISSUES_KEPT = 100;
/** This process, as a batch's runner: a running batch whose runner process is gone is resumed by the next one. */
export const thisRunner = () => `${os.hostname()}:${process.pid}`;

export type ImportInput = ImportOptionsInput & { path: string };

/**
 * Imports one CSV or XLSX file of customers, contacts, purchases or interactions. Dry run: every row
 * validated and matched, nothing written. Commit: a batch row first, then chunks of `chunkSize` rows,
 * each written in one transaction together with the batch's watermark (bulk session), so a crash leaves
 * whole chunks that a resume continues after. Any file-level failure part-way rolls the batch back.
 */
export async function importFile(deps: Deps, actor: Actor, bulk: BulkLoader, input: ImportInput, hooks: ImportHooks = {}): Promise<ImportSummary> {
  deps.access.assertCan(actor, 'customer.import');
  const { path, ...rest } = input;
  const parsed = parseOrThrow(importOptionsSchema, rest);
  // a preset says what its rows are
  const o: ImportOptions = parsed.preset ? { ...parsed, kind: importPresets[parsed.preset]!.kind } : parsed;
  const stat = await fs.promises.stat(path).catch(() => undefined);
  if (!stat?.isFile()) throw fileError('file_not_found', { file: o.fileName ?? nodePath.basename(path) });
  const table = await openTable(path, o.encoding);
  const plan = await planImport(deps, actor, o, table);
  if (o.kind === 'customers' || plan.createCustomers) deps.access.assertCan(actor, 'customer.create', homeOf(actor));
  if (o.dryRun) return run(deps, actor, null, o, table, plan, stat.size, hooks, { after: 0, counts: emptyCounts() });
  const at = nowIso(deps);
  const batch = await deps.db.transaction(async (tx) => {
    const b = await tx.imports.insertBatch(
      {
        kind: o.kind,
        fileName: o.fileName ?? nodePath.basename(path),
        filePath: nodePath.resolve(path),
        fileSize: stat.size,
        options: o,
        counts: emptyCounts(),
        createdBy: actor.kind === 'user' ? actor.userId : null,
        createdByName: actor.kind === 'user' ? actor.username : `system:${actor.name}`,
        runner: thisRunner(),
      },
      at,
    );
    await recordAudit(tx, actor, at, { action: 'import.started', entityType: 'import_batch', entityId: b.id, meta: { file: b.fileName, kind: o.kind, options: o, mapping: plan.mapping, format: table.format, encoding: table.encoding } });
    return b;
  });
  hooks.onBatch?.(batch);
  return run(deps, actor, { batch, bulk }, o, table, plan, stat.size, hooks, { after: 0, counts: emptyCounts() });
}

const homeOf = (actor: Actor) => ({ ownerId: actor.kind === 'user' ? actor.userId : null, departmentId: actor.kind === 'user' ? actor.departmentId : null });

/** Continues a batch from its watermark (resume after a crash) with the options it was started with. */
export async function continueBatch(deps: Deps, actor: Actor, bulk: BulkLoader, batch: ImportBatch, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const o = parseOrThrow(importOptionsSchema, batch.options);
  const table = await openTable(batch.filePath, o.encoding);
  const plan = await planImport(deps, actor, o, table);
  return run(deps, actor, { batch, bulk }, o, table, plan, batch.fileSize, hooks, { after: batch.rowsDone, counts: batch.counts });
}

async function run(
  deps: Deps,
  actor: Actor,
  commit: { batch: ImportBatch; bulk: BulkLoader } | null,
  o: ImportOptions,
  table: OpenedTable,
  plan: ImportPlan,
  fileSize: number,
  hooks: ImportHooks,
  from: { after: number; counts: ImportCounts },
): Promise<ImportSummary> {
  const started = performance.now();
  const batchId = commit?.batch.id ?? null;
  const counts: ImportCounts = { ...emptyCounts(), ...from.counts };
  const kept: RowIssue[] = [];
  let report: ReportWriter | undefined;
  let session: BulkSession | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const note = async (issues: RowIssue[]) => {
    const rows = new Set<number>();
    for (const i of issues) {
      rows.add(i.row);
      if (kept.length < ISSUES_KEPT) kept.push(i);
      await report?.add(i);
    }
    counts.invalid += rows.size;
  };
  try {
    const paths = hooks.reportPath === undefined ? [] : [hooks.reportPath].flat();
    const writers = await Promise.all(paths.map((p) => createReportWriter(p)));
    report = writers.length ? { add: async (i) => void (await Promise.all(writers.map((w) => w.add(i)))), close: async () => void (await Promise.all(writers.map((w) => w.close()))) } : undefined;
    if (commit) session = await commit.bulk.open();
    const scheme = (await deps.db.settings.get<CodeScheme>(codeSchemeKey)) ?? defaultCodeScheme;
    const ctx: ChunkContext = {
      deps,
      actor,
      o,
      plan,
      batchId,
      at: nowIso(deps),
      home: homeOf(actor),
      dryRun: commit ? undefined : dryRunMemory(),
      reserveCodes: async (n) => {
        if (!session) return Array.from({ length: n }, () => '');
        const period = codePeriod(scheme, deps.clock());
        const [first] = await session.reserveCodeBlocks([{ scope: `customer:${scheme.prefix}`, period, count: n, codeStem: scheme.prefix + period }]);
        return Array.from({ length: n }, (_, i) => formatCustomerCode(scheme, period, first! + i));
      },
    };
    let pending: PendingRow[] = [];
    let sourceRows = 0;
    let lastRow = from.after;
    const flush = async () => {
      // the previous chunk must be committed first: this one's duplicate checks see its rows
      await inFlight;
      ctx.at = nowIso(deps);
      const built = await buildChunk(ctx, pending);
      await note(built.issues);
      for (const [k, v] of Object.entries(built.delta) as [keyof ImportCounts, number][]) counts[k] += v;
      const snapshot = { ...counts };
      const watermark = lastRow;
      if (session) {
        const s = session;
        inFlight = s.writeImportChunk({ ...built.write, rowsDone: watermark, counts: snapshot }).then(() => hooks.onProgress?.({ batchId, rowsRead: snapshot.rows, bytesRead: table.bytesRead(), fileSize, counts: snapshot }));
        inFlight.catch(() => undefined); // observed by the next await
      } else hooks.onProgress?.({ batchId, rowsRead: snapshot.rows, bytesRead: table.bytesRead(), fileSize, counts: snapshot });
      pending = [];
      sourceRows = 0;
    };
    for await (const r of table.rows) {
      if (r.row <= from.after) continue;
      counts.rows++;
      sourceRows++;
      lastRow = r.row;
      if (r.cells.length !== plan.headerCount) {
        await note([{ row: r.row, column: null, field: null, code: 'ragged_row', params: { expected: plan.headerCount, got: r.cells.length } }]);
      } else {
        const cells = plan.cellsOf(r);
        const parsed = plan.parse(cells, r.row);
        if ('issues' in parsed) await note(parsed.issues);
        else pending.push({ row: r.row, parsed: parsed.ok, provided: parsed.provided });
      }
      if (sourceRows >= o.chunkSize) await flush();
    }
    if (sourceRows > 0 || pending.length > 0) await flush();
    await inFlight;
  } catch (err) {
    await inFlight.catch(() => undefined);
    await session?.close().catch(() => undefined);
    session = undefined;
    await report?.close().catch(() => undefined);
    report = undefined;
    if (commit) await failBatch(deps, actor, commit.batch, err, counts);
    throw err;
  } finally {
    await session?.close();
    await report?.close();
  }
  const status: ImportSummary['status'] = commit ? 'committed' : 'dry_run';
  if (commit) {
    const at = nowIso(deps);
    await deps.db.transaction(async (tx) => {
      await tx.imports.finishBatch(commit.batch.id, { status: 'committed', counts }, at);
      await recordAudit(tx, actor, at, { action: 'import.committed', entityType: 'import_batch', entityId: commit.batch.id, meta: { file: commit.batch.fileName, kind: o.kind, counts } });
    });
  }
  return { batchId, status, kind: o.kind, format: table.format, encoding: table.encoding, mapping: plan.mapping, counts, issues: kept, elapsedMs: performance.now() - started };
}

/** A batch that cannot finish is rolled back whole: nothing of a failed import stays. */
async function failBatch(deps: Deps, actor: Actor, batch: ImportBatch, err: unknown, counts: ImportCounts) {
  const at = nowIso(deps);
  const error = err instanceof DomainError ? JSON.stringify({ code: err.code, messageKey: err.messageKey, issues: err.issues }) : err instanceof Error ? err.message : String(err);
  await deps.db.transaction(async (tx) => {
    const removed = await tx.imports.revert(batch.id, at);
    await tx.imports.finishBatch(batch.id, { status: 'failed', counts, error }, at);
    await recordAudit(tx, actor, at, { action: 'import.failed', entityType: 'import_batch', entityId: batch.id, meta: { file: batch.fileName, error, rolledBack: removed } });
  });
}

export { failBatch };
