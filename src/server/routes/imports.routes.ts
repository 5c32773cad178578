import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { Config } from '../../config/load-config.ts';
import { DomainError } from '../../domain/errors.ts';
import { importOptionsSchema, importTemplateSchema } from '../../domain/imports/import-options.ts';
import type { Deps } from '../../services/deps.ts';
import { getImportReport, type ReportFormat, type ReportOf } from '../../services/imports/get-import-report.ts';
import { importFile, type ImportProgress } from '../../services/imports/import-file.ts';
import { importFilesIn } from '../../services/imports/import-files.ts';
import { listImportTemplates, saveImportTemplate } from '../../services/imports/import-templates.ts';
import { getImport, listImports } from '../../services/imports/list-imports.ts';
import { undoImport } from '../../services/imports/undo-import.ts';
import { fileTooLarge, uploadImportFile } from '../../services/imports/upload-import-file.ts';
import type { BulkLoader } from '../../services/ports.ts';
import { actorOf, idParam, queryOf } from '../request-context.ts';
import { localeOf } from '../http-errors.ts';
import { renderIssueMessage } from '../../domain/i18n/messages.ts';

const tags = ['imports'];
const idParams = z.object({ id: z.string().describe('import batch id') });
const startBody = importOptionsSchema.extend({ uploadId: z.string() });

/**
 * Imports over HTTP: the file is streamed to the data directory (never held in memory), previewed,
 * dry-run (answered when done), committed in the background (answered with the batch id at once; the
 * batch shows live progress), its error report downloaded as CSV or XLSX, and undone.
 */
export async function importRoutes(app: FastifyInstance, deps: Deps, bulk: BulkLoader, config: Pick<Config, 'dataDir' | 'importMaxBytes'>) {
  const files = importFilesIn(config.dataDir);
  const reportPath = files.reportPath;
  const live = new Map<number, ImportProgress>();

  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1, fields: 5 } });

  app.post('/api/v1/imports/uploads', { schema: { tags, summary: 'Upload a CSV or XLSX file (multipart field "file"); answers its headers, first rows and the automatic mapping' } }, async (req, reply) => {
    if (!req.isMultipart()) throw new DomainError('INVALID_INPUT', 'invalid_input', [{ path: ['file'], code: 'required' }]);
    const part = await req.file();
    if (!part) throw new DomainError('INVALID_INPUT', 'invalid_input', [{ path: ['file'], code: 'required' }]);
    const file = { stream: part.file, fileName: part.filename, truncated: () => part.file.truncated, limitBytes: config.importMaxBytes };
    try {
      return reply.status(201).send(await uploadImportFile(deps, actorOf(req), files, file, queryOf(req)));
    } catch (err) {
      // @fastify/multipart's own limit error, as the domain's
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(config.importMaxBytes);
      throw err;
    }
  });

  app.post('/api/v1/imports', { schema: { tags, summary: 'Dry-run (answers the summary) or commit (202 with the batch id; runs in the background) an uploaded file', body: startBody } }, async (req, reply) => {
    const actor = actorOf(req);
    const { uploadId, ...options } = (req.body ?? {}) as Record<string, unknown>;
    const file = files.uploadPath(uploadId);
    const fileName = files.uploadName(file);
    if (options.dryRun === true) {
      const name = `dry-run-${String(uploadId)}`;
      const summary = await importFile(deps, actor, bulk, { ...options, fileName, path: file }, { reportPath: [reportPath(name, 'csv'), reportPath(name, 'xlsx')] });
      const locale = localeOf(req);
      // each issue with its reason in the request's language, as the report has it
      const issues = summary.issues.map((i) => ({ ...i, message: renderIssueMessage({ path: [], code: i.code, ...(i.params ? { params: i.params } : {}) }, locale) }));
      return { ...summary, issues, report: `/api/v1/imports/uploads/${String(uploadId)}/report` };
    }
    const started = new Promise<number>((resolve, reject) => {
      let batchId = 0;
      const paths = () => [reportPath(`batch-${batchId}`, 'csv'), reportPath(`batch-${batchId}`, 'xlsx')];
      // the report paths need the batch id, known only once the batch row exists
      const job = importFile(deps, actor, bulk, { ...options, fileName, path: file }, {
        onBatch: (b) => {
          batchId = b.id;
          resolve(b.id);
        },
        onProgress: (p) => live.set(batchId, p),
        get reportPath() {
          return batchId ? paths() : undefined;
        },
      });
      job.then(
        () => live.delete(batchId),
        (err: unknown) => {
          live.delete(batchId);
          if (!batchId) reject(err);
          else req.log.warn({ err, batchId }, 'import failed and was rolled back');
        },
      );
    });
    const batchId = await started;
    return reply.status(202).send({ batchId, status: 'running', progress: `/api/v1/imports/${batchId}` });
  });

  app.get('/api/v1/imports', { schema: { tags, summary: 'Import batches, newest first', querystring: z.object({ page: z.coerce.number().optional(), pageSize: z.coerce.number().optional() }) } }, (req) =>
    listImports(deps, actorOf(req), queryOf(req)),
  );
  app.get('/api/v1/imports/templates', { schema: { tags, summary: 'Saved column mappings' } }, (req) => listImportTemplates(deps, actorOf(req)));
  app.post('/api/v1/imports/templates', { schema: { tags, summary: 'Save a column mapping under a name', body: importTemplateSchema } }, (req) => saveImportTemplate(deps, actorOf(req), req.body));

  app.get('/api/v1/imports/:id', { schema: { tags, summary: 'One batch with its live progress while it runs', params: idParams } }, async (req) => {
    const batch = await getImport(deps, actorOf(req), idParam(req));
    return { ...batch, progress: live.get(batch.id) ?? null };
  });
  app.post('/api/v1/imports/:id/undo', { schema: { tags, summary: 'Undo a committed import: created rows removed, updated rows put back', params: idParams } }, (req) =>
    undoImport(deps, actorOf(req), idParam(req)),
  );

  const sendReport = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, of: ReportOf) => {
    const format: ReportFormat = (req.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
    const r = await getImportReport(deps, actorOf(req), files, of, format);
    reply.header('content-type', r.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${r.downloadName}"`);
    return reply.send(fs.createReadStream(r.path));
  };
  app.get('/api/v1/imports/:id/report', { schema: { tags, summary: 'Error report of a batch (?format=csv|xlsx): row, column, reason in Chinese and English', params: idParams, querystring: z.object({ format: z.enum(['csv', 'xlsx']).optional() }) } }, (req, reply) =>
    sendReport(req, reply, { batchId: idParam(req) }),
  );
  app.get('/api/v1/imports/uploads/:uploadId/report', { schema: { tags, summary: 'Error report of the last dry run of an upload (?format=csv|xlsx)', querystring: z.object({ format: z.enum(['csv', 'xlsx']).optional() }) } }, (req, reply) =>
    sendReport(req, reply, { uploadId: (req.params as { uploadId: string }).uploadId }),
  );
}
