import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { manualOverrideSchema } from '../../domain/classification/assignment.ts';
import { draftEditSchema } from '../../domain/classification/edits.ts';
import { definitionSchema, schemeDraftSchema, schemePatchSchema } from '../../domain/classification/scheme.ts';
import { classMoves, movesQuerySchema } from '../../services/classification/class-moves.ts';
import { clearManualClass, clearOverrideSchema, customerClassChanges, customerClasses, setManualClass, timelineQuerySchema } from '../../services/classification/customer-classes.ts';
import { schemeDistribution } from '../../services/classification/distribution.ts';
import { editDraft } from '../../services/classification/edit-draft.ts';
import { createSchemeOrPreset, listPresets, presetInputSchema } from '../../services/classification/install-preset.ts';
import { draftCheckSchema, previewDraft, publishDraft, publishInputSchema, validateDraft } from '../../services/classification/publish-draft.ts';
import { runInputSchema } from '../../services/classification/run-classification.ts';
import { getRun, listRuns } from '../../services/classification/runs.ts';
import { archiveScheme, discardDraft, getScheme, listCriteria, listSchemes, listVersions, replaceDraft, updateScheme } from '../../services/classification/schemes.ts';
import type { Deps } from '../../services/deps.ts';
import type { ClassificationJobs } from '../classification-jobs.ts';
import { renderIssueMessage, type Locale } from '../../domain/i18n/messages.ts';
import type { ValidationReport } from '../../services/classification/evaluate-draft.ts';
import { localeOf } from '../http-errors.ts';
import { actorOf, idParam, pageOf, queryOf } from '../request-context.ts';

const base = '/api/v1/classification';
const tags = ['classification'];
const keyParams = z.object({ key: z.string().describe('scheme key') });
const customerParams = z.object({ id: z.string().describe('customer id') });
const overrideParams = z.object({ id: z.string().describe('customer id'), scheme: z.string().describe('scheme key') });
const pageQuery = z.object({ page: z.coerce.number().int().optional(), pageSize: z.coerce.number().int().optional() });
/** Report issues carry their message in the request's language, like error issues do. */
const withMessages = (r: ValidationReport, locale: Locale) => ({ ...r, issues: r.issues.map((i) => ({ ...i, message: renderIssueMessage(i, locale) })) });
const keyOf = (req: FastifyRequest, name = 'key') => (req.params as Record<string, string>)[name] ?? '';

/** Schemes, drafts and their proof, runs, customers' classes and their history. */
export function classificationRoutes(app: FastifyInstance, deps: Deps, jobs: ClassificationJobs) {
  app.get(`${base}/schemes`, { schema: { tags, summary: 'Classification schemes (not archived)' } }, (req) => listSchemes(deps, actorOf(req)));
  app.get(`${base}/presets`, { schema: { tags, summary: 'Built-in schemes that can be installed' } }, (req) => listPresets(deps, actorOf(req)));
  app.post(`${base}/schemes`, { schema: { tags, summary: 'Create a scheme (as a draft), or install a preset with { preset }', body: z.union([schemeDraftSchema, presetInputSchema]) } }, async (req, reply) =>
    reply.status(201).send(await createSchemeOrPreset(deps, actorOf(req), req.body)),
  );
  app.get(`${base}/schemes/:key`, { schema: { tags, summary: 'A scheme with its live and draft definitions', params: keyParams } }, (req) => getScheme(deps, actorOf(req), keyOf(req)));
  app.patch(`${base}/schemes/:key`, { schema: { tags, summary: 'Rename or describe a scheme', params: keyParams, body: schemePatchSchema } }, (req) => updateScheme(deps, actorOf(req), keyOf(req), req.body));
  app.delete(`${base}/schemes/:key`, { schema: { tags, summary: 'Archive a scheme (its history stays)', params: keyParams } }, async (req, reply) => {
    await archiveScheme(deps, actorOf(req), keyOf(req));
    return reply.status(204).send();
  });
  app.get(`${base}/schemes/:key/versions`, { schema: { tags, summary: 'Versions of a scheme, newest first', params: keyParams } }, (req) => listVersions(deps, actorOf(req), keyOf(req)));
  app.get(`${base}/schemes/:key/distribution`, { schema: { tags, summary: 'Customers per category of the live version (parents include descendants)', params: keyParams } }, (req) =>
    schemeDistribution(deps, actorOf(req), keyOf(req)),
  );

  app.post(`${base}/schemes/:key/draft/edits`, { schema: { tags, summary: 'One edit of the draft (add, rename, move, recode, set rule, delete, levels)', params: keyParams, body: draftEditSchema } }, (req) =>
    editDraft(deps, actorOf(req), keyOf(req), req.body),
  );
  app.put(`${base}/schemes/:key/draft`, { schema: { tags, summary: 'Replace the whole draft definition', params: keyParams, body: definitionSchema } }, (req) => replaceDraft(deps, actorOf(req), keyOf(req), req.body));
  app.delete(`${base}/schemes/:key/draft`, { schema: { tags, summary: 'Discard the draft', params: keyParams } }, async (req, reply) => {
    await discardDraft(deps, actorOf(req), keyOf(req));
    return reply.status(204).send();
  });
  app.post(`${base}/schemes/:key/draft/validate`, { schema: { tags, summary: 'Validation report: coverage and exclusivity proved by the rules and confirmed on every customer', params: keyParams, body: draftCheckSchema.optional() } }, (req) =>
    validateDraft(deps, actorOf(req), keyOf(req), req.body).then((r) => withMessages(r, localeOf(req))),
  );
  app.post(`${base}/schemes/:key/draft/preview`, { schema: { tags, summary: 'Customers moving in and out of each category versus the live version', params: keyParams, body: draftCheckSchema.optional() } }, (req) =>
    previewDraft(deps, actorOf(req), keyOf(req), req.body).then((p) => ({ ...p, report: withMessages(p.report, localeOf(req)) })),
  );
  app.post(`${base}/schemes/:key/draft/publish`, { schema: { tags, summary: 'Publish the draft (refused with the report while coverage or exclusivity fails)', params: keyParams, body: publishInputSchema.optional() } }, (req) =>
    publishDraft(deps, actorOf(req), keyOf(req), req.body),
  );

  app.get(`${base}/criteria`, { schema: { tags, summary: 'Criteria a level can classify by (attributes and metrics)' } }, (req) => listCriteria(deps, actorOf(req)));
  app.get(`${base}/changes`, { schema: { tags, summary: 'Who moved from one category to another since a date', querystring: movesQuerySchema } }, (req) => classMoves(deps, actorOf(req), queryOf(req)));

  app.post(`${base}/runs`, { schema: { tags, summary: 'Start a classification run in the background (incremental by default)', body: runInputSchema.optional() } }, async (req, reply) =>
    reply.status(202).send(await jobs.start(actorOf(req), req.body ?? {})),
  );
  app.get(`${base}/runs`, { schema: { tags, summary: 'Classification runs and publishes, newest first', querystring: pageQuery } }, (req) => listRuns(deps, actorOf(req), pageOf(req)));
  app.get(`${base}/runs/:id`, { schema: { tags, summary: 'One run with its progress while it runs', params: z.object({ id: z.string() }) } }, async (req) => {
    const run = await getRun(deps, actorOf(req), idParam(req));
    return { ...run, progress: jobs.progress(run.id) };
  });

  app.get('/api/v1/customers/:id/classes', { schema: { tags, summary: "The customer's class in every published scheme, with the why", params: customerParams } }, (req) =>
    customerClasses(deps, actorOf(req), idParam(req)),
  );
  app.get('/api/v1/customers/:id/class-changes', { schema: { tags, summary: "The customer's class changes, each explained", params: customerParams, querystring: timelineQuerySchema } }, (req) =>
    customerClassChanges(deps, actorOf(req), idParam(req), queryOf(req)),
  );
  app.put('/api/v1/customers/:id/classes/:scheme', { schema: { tags, summary: 'Place the customer by hand (reason, optional expiry)', params: overrideParams, body: manualOverrideSchema } }, (req) =>
    setManualClass(deps, actorOf(req), idParam(req), keyOf(req, 'scheme'), req.body),
  );
  app.delete('/api/v1/customers/:id/classes/:scheme', { schema: { tags, summary: 'End a manual placement; a run starts that puts the customer back where the rules say', params: overrideParams, body: clearOverrideSchema.optional() } }, async (req) => {
    const actor = actorOf(req);
    const scheme = keyOf(req, 'scheme');
    const result = await clearManualClass(deps, actor, idParam(req), scheme, req.body);
    if (!result.cleared) return { ...result, runId: null };
    const run = await jobs.start(actor, { mode: 'incremental', schemes: [scheme] }).catch(() => null);
    return { ...result, runId: run?.runId ?? null };
  });
}
