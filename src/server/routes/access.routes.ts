import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createRole, deleteRole, listRoles, roleDraftSchema, rolePatchSchema, updateRole } from '../../services/admin/roles.ts';
import { departmentPatchSchema, updateDepartment } from '../../services/admin/departments.ts';
import { revealFields, revealSchema } from '../../services/customers/reveal-fields.ts';
import type { Deps } from '../../services/deps.ts';
import { actorOf, idParam } from '../request-context.ts';

const keyParam = (req: { params: unknown }) => String((req.params as { key: string }).key);

/** Roles, department moves and revealing masked fields: the access-control surface. */
export function accessRoutes(app: FastifyInstance, deps: Deps) {
  const tags = ['access'];
  app.get('/api/v1/roles', { schema: { tags, summary: 'Built-in and custom roles with their grants' } }, (req) => listRoles(deps, actorOf(req)));
  app.post('/api/v1/roles', { schema: { tags, summary: 'Create a custom role (record scopes per action, field modes)', body: roleDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createRole(deps, actorOf(req), req.body)),
  );
  app.patch('/api/v1/roles/:key', { schema: { tags, summary: 'Change a custom role', params: z.object({ key: z.string() }), body: rolePatchSchema } }, (req) =>
    updateRole(deps, actorOf(req), keyParam(req), req.body),
  );
  app.delete('/api/v1/roles/:key', { schema: { tags, summary: 'Delete a custom role no user has', params: z.object({ key: z.string() }) } }, async (req, reply) => {
    await deleteRole(deps, actorOf(req), keyParam(req));
    return reply.status(204).send();
  });
  app.patch('/api/v1/departments/:id', { schema: { tags: ['departments'], summary: 'Rename or move a department', params: z.object({ id: z.string() }), body: departmentPatchSchema } }, (req) =>
    updateDepartment(deps, actorOf(req), idParam(req), req.body),
  );
  app.post('/api/v1/customers/:id/reveal', { schema: { tags: ['customers'], summary: 'Reveal masked fields (audited)', params: z.object({ id: z.string() }), body: revealSchema } }, (req) =>
    revealFields(deps, actorOf(req), idParam(req), req.body),
  );
}
