import { z } from 'zod';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { AuditEntry } from '../ports.ts';
import { auditCsvHeader, auditCsvLines, csvLine, utf8Bom } from './audit-csv.ts';
import { auditFilterSchema, auditPresenter, storeFilter } from './list-audit.ts';
import { recordAudit } from './record-audit.ts';

export const auditExportSchema = auditFilterSchema.extend({ format: z.enum(['csv']).default('csv') });

export type AuditExport = { filename: string; contentType: string; rowCount: number; body: AsyncIterable<string> };

const batchSize = 1_000;

async function* csvBody(batches: AsyncIterable<AuditEntry[]>, present: (e: AuditEntry) => AuditEntry): AsyncGenerator<string> {
  yield utf8Bom + csvLine(auditCsvHeader);
  for await (const batch of batches) yield batch.map((e) => auditCsvLines(present(e))).join('');
}

/**
 * The viewer's filtered entries as CSV, newest first, streamed a batch at a time. The export is audited
 * (filters and row count = entries) before the first row leaves, so an export cut short is on record too;
 * it covers the entries that existed when it began, so the count is exact.
 */
export async function exportAudit(deps: Deps, actor: Actor, input: unknown): Promise<AuditExport> {
  deps.access.assertCan(actor, 'audit.read');
  const { format, ...filters } = parseOrThrow(auditExportSchema, input);
  const present = await auditPresenter(deps, actor);
  const filter = storeFilter(filters);
  const upToId = (await deps.db.audit.head())?.id ?? 0;
  const rowCount = await deps.db.audit.count(filter, upToId);
  const at = nowIso(deps);
  await deps.db.transaction((tx) => recordAudit(tx, actor, at, { action: 'audit.exported', entityType: 'audit', entityId: null, meta: { format, filters, rowCount } }));
  return {
    filename: `kedang-audit-${at.slice(0, 19).replace(/[-:T]/g, '')}.csv`,
    contentType: 'text/csv; charset=utf-8',
    rowCount,
    body: csvBody(deps.db.audit.scan(filter, upToId, batchSize), present),
  };
}
