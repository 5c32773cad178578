import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { internalShareDraftSchema, partnerDraftSchema, partnerFields, partnerPatchSchema, partnerShareDraftSchema, savedFilterDraftSchema } from '../../domain/sharing/share.ts';
import { csvLine, utf8Bom } from '../../services/audit/audit-csv.ts';
import type { Deps } from '../../services/deps.ts';
import { listCustomerShares, listSavedFilters, revokeShare, saveFilter, shareWithColleagues } from '../../services/sharing/internal-shares.ts';
import { createPartner, downloadPartnerShare, listPartners, listPartnerShares, partnerAccessLog, revokePartnerShare, shareWithPartner, updatePartner, viewPartnerPortal } from '../../services/sharing/partner-shares.ts';
import { actorOf, idParam } from '../request-context.ts';

const params = z.object({ id: z.string() });

/** Saved filters, shares with colleagues, partner shares, and the public partner portal. */
export function sharingRoutes(app: FastifyInstance, deps: Deps) {
  const tags = ['sharing'];
  app.get('/api/v1/saved-filters', { schema: { tags, summary: 'My saved filters (segments)' } }, (req) => listSavedFilters(deps, actorOf(req)));
  app.post('/api/v1/saved-filters', { schema: { tags, summary: 'Save the current list filters', body: savedFilterDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await saveFilter(deps, actorOf(req), req.body)),
  );
  app.post('/api/v1/shares', { schema: { tags, summary: 'Share a customer or a saved filter with a user or department (read or edit, optional end date)', body: internalShareDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await shareWithColleagues(deps, actorOf(req), req.body)),
  );
  app.get('/api/v1/customers/:id/shares', { schema: { tags, summary: 'Who else this customer is shared with', params } }, (req) => listCustomerShares(deps, actorOf(req), idParam(req)));
  app.delete('/api/v1/shares/:id', { schema: { tags, summary: 'Revoke a share', params } }, async (req, reply) => {
    await revokeShare(deps, actorOf(req), idParam(req));
    return reply.status(204).send();
  });

  app.get('/api/v1/partners', { schema: { tags, summary: 'External partners' } }, (req) => listPartners(deps, actorOf(req)));
  app.post('/api/v1/partners', { schema: { tags, summary: 'Add an external partner (supplier, channel partner)', body: partnerDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await createPartner(deps, actorOf(req), req.body)),
  );
  app.patch('/api/v1/partners/:id', { schema: { tags, summary: 'Change a partner\'s name or contact details', params, body: partnerPatchSchema } }, (req) =>
    updatePartner(deps, actorOf(req), idParam(req), req.body),
  );
  app.get('/api/v1/partner-shares', { schema: { tags, summary: 'Partner shares (links are never shown again)' } }, (req) => listPartnerShares(deps, actorOf(req)));
  app.post('/api/v1/partner-shares', { schema: { tags, summary: `Share customers with a partner: fields (${partnerFields.join(', ')}), masking, purpose, expiry`, body: partnerShareDraftSchema } }, async (req, reply) =>
    reply.status(201).send(await shareWithPartner(deps, actorOf(req), req.body)),
  );
  app.delete('/api/v1/partner-shares/:id', { schema: { tags, summary: 'Revoke a partner share; its link stops working at once', params } }, async (req, reply) => {
    await revokePartnerShare(deps, actorOf(req), idParam(req));
    return reply.status(204).send();
  });
  app.get('/api/v1/partner-shares/:id/access-log', { schema: { tags, summary: 'Every view and download of a partner share', params } }, (req) => partnerAccessLog(deps, actorOf(req), idParam(req)));

  const client = (req: { ip: string; headers: Record<string, unknown> }) => ({ ip: req.ip, userAgent: (req.headers['user-agent'] as string | undefined) ?? null });
  const tokenOf = (req: { params: unknown }) => String((req.params as { token: string }).token).slice(0, 200);
  app.get('/api/portal/:token', { config: { public: true }, schema: { tags: ['portal'], summary: 'Partner portal: the shared customers, read-only', params: z.object({ token: z.string() }) } }, (req) =>
    viewPartnerPortal(deps, tokenOf(req), req.query as { page?: number; pageSize?: number }, client(req)),
  );
  app.get('/api/portal/:token/download', { config: { public: true }, schema: { tags: ['portal'], summary: 'Partner portal: download the shared customers as CSV (if allowed)', params: z.object({ token: z.string() }) } }, async (req, reply) => {
    const pages = downloadPartnerShare(deps, tokenOf(req), client(req));
    const first = await pages.next(); // errors (revoked, no download) surface before any byte is sent
    const rows = first.done ? [] : first.value;
    const fields = rows[0] ? Object.keys(rows[0]) : [];
    async function* body() {
      yield utf8Bom + csvLine(fields);
      for (const r of rows) yield csvLine(fields.map((f) => r[f]));
      for await (const page of pages) for (const r of page) yield csvLine(fields.map((f) => r[f]));
    }
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="kedang-share.csv"');
    return reply.send(Readable.from(body()));
  });
}
