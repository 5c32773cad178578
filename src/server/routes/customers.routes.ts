import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { customerDraftSchema, customerListQuerySchema, customerPatchSchema, customerSearchQuerySchema } from '../../domain/customers/customer.ts';
import { createCustomer } from '../../services/customers/create-customer.ts';
import { customerHistory } from '../../services/customers/customer-history.ts';
import { deleteCustomer } from '../../services/customers/delete-customer.ts';
import { exportCustomers } from '../../services/customers/export-customers.ts';
import { listExportColumns } from '../../services/customers/list-export-columns.ts';
import { getCustomer } from '../../services/customers/get-customer.ts';
import { listCustomers } from '../../services/customers/list-customers.ts';
import { searchCustomers } from '../../services/customers/search-customers.ts';
import { restoreCustomer } from '../../services/customers/restore-customer.ts';
import { updateCustomer } from '../../services/customers/update-customer.ts';
import type { Deps } from '../../services/deps.ts';
import { customerExportQuerySchema } from '../../domain/exports/customer-export.ts';
import { contentDisposition } from '../content-disposition.ts';
import { localeOf } from '../http-errors.ts';
import { actorOf, idParam, pageOf, queryOf } from '../request-context.ts';

const idParams = z.object({ id: z.string().describe('customer id') });
const tags = ['customers'];
const pageQuery = z.object({ page: z.coerce.number().int().optional(), pageSize: z.coerce.number().int().optional() });

export function customerRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/customers', { schema: { tags, summary: 'List customers with filters, sorting and pagination', querystring: customerListQuerySchema } }, (req) =>
    listCustomers(deps, actorOf(req), queryOf(req)),
  );
  app.get(
    '/api/v1/customers/export',
    { schema: { tags, summary: 'The filtered list as CSV (UTF-8 with BOM, or GBK) or XLSX with chosen columns; streamed, masked like the list, audited', querystring: customerExportQuerySchema } },
    async (req, reply) => {
      const file = await exportCustomers(deps, actorOf(req), { language: localeOf(req), ...queryOf(req) });
      // a client that goes away destroys this stream, which stops the reads and audits the export as aborted
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-kedang-export-rows', String(file.expectedRows))
        .header('cache-control', 'no-store')
        .send(Readable.from(file.body, { objectMode: false }));
    },
  );
  app.get('/api/v1/customers/export/columns', { schema: { tags, summary: 'Columns the caller may export (custom fields included), which are masked, and the default choice' } }, (req) =>
    listExportColumns(deps, actorOf(req)),
  );
  app.get('/api/v1/customers/search', { schema: { tags, summary: 'Search box / typeahead: name substring, pinyin, company with or without suffix and region, code, mobile (or last 4 digits), e-mail, USCC; best hits first', querystring: customerSearchQuerySchema } }, (req) =>
    searchCustomers(deps, actorOf(req), queryOf(req)),
  );
  app.post('/api/v1/customers', { schema: { tags, summary: 'Create a customer (code is generated)', body: customerDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createCustomer(deps, actorOf(req), req.body)),
  );
  app.get('/api/v1/customers/:id', { schema: { tags, summary: 'Get one customer with contacts and purchase summary (?includeDeleted=true for the recycle bin)', params: idParams, querystring: z.object({ includeDeleted: z.enum(['true', 'false']).optional() }) } }, (req) =>
    getCustomer(deps, actorOf(req), idParam(req), { includeDeleted: (req.query as { includeDeleted?: string }).includeDeleted === 'true' }),
  );
  app.patch('/api/v1/customers/:id', { schema: { tags, summary: 'Update fields; send the version you read (stale → 409)', params: idParams, body: customerPatchSchema } }, (req) =>
    updateCustomer(deps, actorOf(req), idParam(req), req.body),
  );
  app.delete('/api/v1/customers/:id', { schema: { tags, summary: 'Move a customer to the recycle bin', params: idParams } }, (req) =>
    deleteCustomer(deps, actorOf(req), idParam(req)),
  );
  app.post('/api/v1/customers/:id/restore', { schema: { tags, summary: 'Restore a customer from the recycle bin', params: idParams } }, (req) =>
    restoreCustomer(deps, actorOf(req), idParam(req)),
  );
  app.get('/api/v1/customers/:id/history', { schema: { tags, summary: 'Change history of a customer and its records', params: idParams, querystring: pageQuery } }, (req) =>
    customerHistory(deps, actorOf(req), idParam(req), pageOf(req)),
  );
}
