import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { codeSchemeSchema } from '../../domain/customers/code-scheme.ts';
import { customFieldDraftSchema, customFieldPatchSchema } from '../../domain/custom-fields/custom-field.ts';
import { departmentDraftSchema, userDraftSchema, userPatchSchema } from '../../domain/users/user.ts';
import { getCodeScheme, setCodeScheme } from '../../services/admin/code-scheme.ts';
import { createCustomField, listCustomFields, updateCustomField } from '../../services/admin/custom-fields.ts';
import { createUser, listUsers, updateUser } from '../../services/admin/users.ts';
import { createDepartment, listDepartments } from '../../services/admin/departments.ts';
import { createApiToken, listApiTokens, revokeApiToken, tokenDraftSchema } from '../../services/auth/api-tokens.ts';
import { listAudit, auditQuerySchema } from '../../services/audit/list-audit.ts';
import { auditExportSchema, exportAudit } from '../../services/audit/export-audit.ts';
import { verifyAuditChain } from '../../services/audit/verify-audit-chain.ts';
import type { Deps } from '../../services/deps.ts';
import { actorOf, idParam, queryOf } from '../request-context.ts';

const params = z.object({ id: z.string() });

export function adminRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/users', { schema: { tags: ['users'], summary: 'List users' } }, (req) => listUsers(deps, actorOf(req)));
  app.post('/api/v1/users', { schema: { tags: ['users'], summary: 'Create a user (admin)', body: userDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createUser(deps, actorOf(req), req.body)),
  );
  app.patch('/api/v1/users/:id', { schema: { tags: ['users'], summary: 'Update a user, reset a password or disable', params, body: userPatchSchema } }, (req) =>
    updateUser(deps, actorOf(req), idParam(req), req.body),
  );
  app.get('/api/v1/users/:id/tokens', { schema: { tags: ['users'], summary: 'List API tokens of a user', params } }, (req) => listApiTokens(deps, actorOf(req), idParam(req)));
  app.post('/api/v1/users/:id/tokens', { schema: { tags: ['users'], summary: 'Create an API token (secret shown once)', params, body: tokenDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createApiToken(deps, actorOf(req), idParam(req), req.body)),
  );
  app.delete('/api/v1/users/:id/tokens/:tokenId', { schema: { tags: ['users'], summary: 'Revoke an API token', params: z.object({ id: z.string(), tokenId: z.string() }) } }, async (req, reply) => {
    await revokeApiToken(deps, actorOf(req), idParam(req), idParam(req, 'tokenId'));
    return reply.status(204).send();
  });

  app.get('/api/v1/departments', { schema: { tags: ['departments'], summary: 'List departments' } }, (req) => listDepartments(deps, actorOf(req)));
  app.post('/api/v1/departments', { schema: { tags: ['departments'], summary: 'Create a department (admin)', body: departmentDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createDepartment(deps, actorOf(req), req.body)),
  );

  app.get('/api/v1/custom-fields', { schema: { tags: ['custom fields'], summary: 'List custom field definitions' } }, (req) => listCustomFields(deps, actorOf(req)));
  app.post('/api/v1/custom-fields', { schema: { tags: ['custom fields'], summary: 'Define a custom field (admin)', body: customFieldDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createCustomField(deps, actorOf(req), req.body)),
  );
  app.patch('/api/v1/custom-fields/:id', { schema: { tags: ['custom fields'], summary: 'Change labels, options, flags or archive', params, body: customFieldPatchSchema } }, (req) =>
    updateCustomField(deps, actorOf(req), idParam(req), req.body),
  );

  app.get('/api/v1/settings/customer-code', { schema: { tags: ['settings'], summary: 'The customer coding scheme' } }, (req) => getCodeScheme(deps, actorOf(req)));
  app.put('/api/v1/settings/customer-code', { schema: { tags: ['settings'], summary: 'Change the coding scheme for new customers', body: codeSchemeSchema } }, (req) =>
    setCodeScheme(deps, actorOf(req), req.body),
  );

  app.get('/api/v1/audit', { schema: { tags: ['audit'], summary: 'Audit entries with filters', querystring: auditQuerySchema } }, (req) => listAudit(deps, actorOf(req), queryOf(req)));
  app.get('/api/v1/audit/export', { schema: { tags: ['audit'], summary: 'Audit entries as CSV (UTF-8 with BOM, one line per changed field), same filters; streamed and itself audited', querystring: auditExportSchema } }, async (req, reply) => {
    const file = await exportAudit(deps, actorOf(req), queryOf(req));
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(Readable.from(file.body, { objectMode: false }));
  });
  app.get('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: 'Check the audit hash chain: intact, or the first altered, inserted or deleted entry' } }, (req) => verifyAuditChain(deps, actorOf(req)));
}
