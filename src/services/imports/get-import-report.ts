import fs from 'node:fs';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { ImportFiles } from './import-files.ts';
import { getImport } from './list-imports.ts';

export type ReportFormat = 'csv' | 'xlsx';
/** Whose report: a committed batch's, or the last dry run of an upload. */
export type ReportOf = { batchId: number } | { uploadId: unknown };

/** The error report file of a batch or of an upload's dry run, with the name it downloads as. */
export async function getImportReport(deps: Deps, actor: Actor, files: ImportFiles, of: ReportOf, format: ReportFormat): Promise<{ path: string; downloadName: string; format: ReportFormat }> {
  deps.access.assertCan(actor, 'customer.import');
  let path: string;
  let name: string;
  if ('batchId' in of) {
    const batch = await getImport(deps, actor, of.batchId);
    path = files.reportPath(`batch-${batch.id}`, format);
    name = `import-${batch.id}`;
  } else {
    files.uploadPath(of.uploadId);
    path = files.reportPath(`dry-run-${String(of.uploadId)}`, format);
    name = 'dry-run';
  }
  if (!fs.existsSync(path)) throw new DomainError('NOT_FOUND', 'not_found', [], { what: 'report', id: name });
  return { path, downloadName: `${name}-errors.${format}`, format };
}
