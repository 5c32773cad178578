import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contactDraftSchema, contactPatchSchema } from '../../domain/customers/contact.ts';
import { interactionDraftSchema, interactionPatchSchema } from '../../domain/interactions/interaction.ts';
import { purchaseDraftSchema, purchasePatchSchema } from '../../domain/purchases/purchase.ts';
import type { Deps } from '../../services/deps.ts';
import { contactRecords, interactionRecords, listCustomerRecords, purchaseRecords } from '../../services/records/customer-records.ts';
import { actorOf, idParam, pageOf } from '../request-context.ts';

type UseCases = typeof contactRecords | typeof purchaseRecords | typeof interactionRecords;

const kinds: { path: 'contacts' | 'purchases' | 'interactions'; useCases: UseCases; draft: z.ZodType; patch: z.ZodType; noun: string }[] = [
  { path: 'contacts', useCases: contactRecords, draft: contactDraftSchema, patch: contactPatchSchema, noun: 'contact' },
  { path: 'purchases', useCases: purchaseRecords, draft: purchaseDraftSchema, patch: purchasePatchSchema, noun: 'purchase record (money in fen)' },
  { path: 'interactions', useCases: interactionRecords, draft: interactionDraftSchema, patch: interactionPatchSchema, noun: 'interaction' },
];

/** Contacts, purchase records and interactions nested under a customer; one route shape for all three. */
export function recordRoutes(app: FastifyInstance, deps: Deps) {
  for (const k of kinds) {
    const base = `/api/v1/customers/:id/${k.path}`;
    const tags = [k.path];
    const params = z.object({ id: z.string() });
    const itemParams = z.object({ id: z.string(), recordId: z.string() });
    app.get(base, { schema: { tags, summary: `List ${k.path} of a customer`, params } }, (req) => listCustomerRecords(deps, actorOf(req), idParam(req), k.path, pageOf(req)));
    app.post(base, { schema: { tags, summary: `Add a ${k.noun}`, params, body: k.draft } }, async (req, reply) =>
      reply.status(201).send(await k.useCases.add(deps, actorOf(req), idParam(req), req.body)),
    );
    app.patch(`${base}/:recordId`, { schema: { tags, summary: `Update a ${k.noun}`, params: itemParams, body: k.patch } }, (req) =>
      k.useCases.update(deps, actorOf(req), idParam(req), idParam(req, 'recordId'), req.body),
    );
    app.delete(`${base}/:recordId`, { schema: { tags, summary: `Delete a ${k.noun}`, params: itemParams } }, async (req, reply) => {
      await k.useCases.remove(deps, actorOf(req), idParam(req), idParam(req, 'recordId'));
      return reply.status(204).send();
    });
  }
}
