import { z } from 'zod';
import { dayString } from '../../domain/classification/dates.ts';
import { buildTree, isLeaf, type Scheme, type SchemeVersion } from '../../domain/classification/scheme.ts';
import { DomainError, parseOrThrow } from '../../domain/errors.ts';
import { isoDateSchema, optionalText } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { ClassificationSession } from '../ports.ts';
import { buildReport, evaluateDraft, type DraftEvaluation, type ValidationReport } from './evaluate-draft.ts';
import type { ProgressFn } from './population.ts';
import { fillInputsBefore } from './run-classification.ts';
import { failRun, startRun, withHeartbeat } from './run-lock.ts';
import { asOfDayFor, draftVersion, getSchemeByKey, registryOf } from './scheme-helpers.ts';

/*
 * The proof, the preview and the publish of a draft. All three evaluate the draft on every live
 * customer (evaluate-draft.ts). Publishing is refused while any error stands (coverage, exclusivity,
 * structure); otherwise the new version's assignments are built beside the live ones (copied, then the
 * moves written), invisible until one transaction switches the scheme to the new version together with
 * the class changes and the audit entry. An interrupted publish leaves the live version as it was.
 */

export const draftCheckSchema = z.strictObject({ asOf: isoDateSchema.optional() });
export const publishInputSchema = z.strictObject({ asOf: isoDateSchema.optional(), note: optionalText(500) });

export type CategoryFlow = { key: string; code: string; nameZh: string; nameEn: string | null; leaf: boolean; before: number; after: number; movedIn: number; movedOut: number; status: 'added' | 'removed' | 'kept' };
export type Preview = {
  scheme: string;
  version: number;
  liveVersion: number | null;
  asOf: string;
  publishable: boolean;
  customers: number;
  changed: number;
  categories: CategoryFlow[];
  report: ValidationReport;
};
export type PublishResult = { scheme: Scheme; version: number; runId: number; customers: number; changed: number };

type Checked = { scheme: Scheme; draft: SchemeVersion; evaluation: DraftEvaluation; report: ValidationReport; asOfDay: number };

async function checkDraft(deps: Deps, actor: Actor, key: string, asOf: string | undefined, session: ClassificationSession, extra: { runId: number | null; progress?: ProgressFn | undefined }): Promise<Checked> {
  const at = nowIso(deps);
  const scheme = await getSchemeByKey(deps.db, key);
  const draft = await draftVersion(deps.db, scheme, actor, at, false);
  const registry = await registryOf(deps.db);
  const asOfDay = asOfDayFor(deps, asOf);
  const evaluation = await evaluateDraft(deps, session, scheme, draft, registry, { asOfDay, startedAt: at, persist: false, runId: extra.runId, at, progress: extra.progress });
  const report = await buildReport(deps, actor, scheme, draft, registry, asOfDay, evaluation);
  return { scheme, draft, evaluation, report, asOfDay };
}

async function withSession<T>(deps: Deps, work: (s: ClassificationSession) => Promise<T>): Promise<T> {
  const session = await deps.classifier.open();
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** The validation report of the draft: static analysis, then confirmed on every live customer. */
export async function validateDraft(deps: Deps, actor: Actor, key: string, input: unknown = {}): Promise<ValidationReport> {
  deps.access.assertCan(actor, 'schemes.manage');
  const { asOf } = parseOrThrow(draftCheckSchema, input ?? {});
  return withSession(deps, async (session) => (await checkDraft(deps, actor, key, asOf, session, { runId: null })).report);
}

function flowsOf(c: Checked): CategoryFlow[] {
  const tree = buildTree(c.draft.definition);
  const out: CategoryFlow[] = [];
  const live = c.evaluation.live ? buildTree(c.evaluation.live.definition) : null;
  for (const key of tree.depth.keys()) {
    const cat = tree.byKey.get(key)!;
    const f = c.evaluation.plan.flows.get(key) ?? { after: 0, before: 0, movedIn: 0, movedOut: 0 };
    out.push({ key, code: cat.code, nameZh: cat.nameZh, nameEn: cat.nameEn ?? null, leaf: isLeaf(tree, key), ...f, status: live && !live.byKey.has(key) ? 'added' : live ? 'kept' : 'added' });
  }
  // categories of the live version the draft removes: everyone moves out
  if (live) {
    for (const key of live.depth.keys()) {
      if (tree.byKey.has(key)) continue;
      const cat = live.byKey.get(key)!;
      const f = c.evaluation.plan.flows.get(key) ?? { after: 0, before: 0, movedIn: 0, movedOut: 0 };
      out.push({ key, code: cat.code, nameZh: cat.nameZh, nameEn: cat.nameEn ?? null, leaf: isLeaf(live, key), ...f, after: 0, status: 'removed' });
    }
  }
  return out;
}

/** Per category: customers before (live version), after (draft), moving in and out. */
export async function previewDraft(deps: Deps, actor: Actor, key: string, input: unknown = {}): Promise<Preview> {
  deps.access.assertCan(actor, 'schemes.manage');
  const { asOf } = parseOrThrow(draftCheckSchema, input ?? {});
  return withSession(deps, async (session) => {
    const c = await checkDraft(deps, actor, key, asOf, session, { runId: null });
    return {
      scheme: c.scheme.key,
      version: c.draft.version,
      liveVersion: c.scheme.publishedVersion,
      asOf: dayString(c.asOfDay),
      publishable: c.report.publishable,
      customers: c.evaluation.plan.stats.customers,
      changed: c.evaluation.plan.stats.changed,
      categories: flowsOf(c),
      report: c.report,
    };
  });
}

/** Publishes the draft as the new live version, or refuses with the report's errors and changes nothing. */
export async function publishDraft(deps: Deps, actor: Actor, key: string, input: unknown = {}, progress?: ProgressFn): Promise<PublishResult> {
  deps.access.assertCan(actor, 'schemes.manage');
  const opts = parseOrThrow(publishInputSchema, input ?? {});
  const scheme0 = await getSchemeByKey(deps.db, key);
  if (scheme0.draftVersion === null) throw new DomainError('NOT_FOUND', 'no_draft', [], { scheme: key });
  const run = await startRun(deps, actor, 'publish', [key], dayString(asOfDayFor(deps, opts.asOf)));
  try {
    return await withHeartbeat(deps, run.id, () =>
      withSession(deps, async (session) => {
        const c = await checkDraft(deps, actor, key, opts.asOf, session, { runId: run.id, progress });
        const { scheme, draft, evaluation, report } = c;
        if (!report.publishable) {
          const errors = report.issues.filter((i) => i.severity === 'error').map(({ severity: _s, ...i }) => i);
          throw new DomainError('CONFLICT', 'scheme_not_publishable', errors, { scheme: key, count: errors.length });
        }
        const { plan, live } = evaluation;
        progress?.({ phase: 'write', done: 0, total: plan.writes.length });
        // leftovers of an interrupted publish of this draft go first; then live rows are copied with their new codes
        await session.purgeVersions(scheme.id, live?.version ?? -1);
        if (live) {
          const codes = new Map<string, string>();
          const before = new Map(live.definition.categories.map((x) => [x.key, x.code]));
          for (const x of draft.definition.categories) if (before.has(x.key) && before.get(x.key) !== x.code) codes.set(x.key, x.code);
          await session.copyVersion(scheme.id, live.version, draft.version, codes);
          await fillInputsBefore(session, scheme.id, live.version, plan.changes);
        }
        await session.writeAssignments(scheme.id, draft.version, plan.writes);
        await session.deleteRows(scheme.id, draft.version, plan.deletes);
        progress?.({ phase: 'write', done: plan.writes.length, total: plan.writes.length });
        progress?.({ phase: 'switch', done: 0, total: 1 });
        const at = nowIso(deps);
        const published = await deps.db.transaction(async (tx) => {
          const now = await getSchemeByKey(tx, key);
          if (now.draftVersion !== draft.version) throw new DomainError('CONFLICT', 'conflict', [], { detail: 'draft changed during publish' });
          if (live) await tx.classification.updateVersion(scheme.id, live.version, { status: 'superseded' });
          await tx.classification.updateVersion(scheme.id, draft.version, { status: 'published', publishedAt: at, publishedBy: actor.kind === 'user' ? actor.userId : null, note: opts.note ?? null });
          const saved = await tx.classification.updateScheme(scheme.id, { publishedVersion: draft.version, draftVersion: null }, at);
          await tx.classification.insertChanges(plan.changes);
          const stats = { scheme: key, version: draft.version, ...plan.stats };
          await tx.classification.updateRun(run.id, { status: 'succeeded', finishedAt: at, stats });
          await tx.classification.releaseLock(run.id);
          await recordAudit(tx, actor, at, {
            action: 'classification.published',
            entityType: 'class_scheme',
            entityId: key,
            meta: { version: draft.version, previousVersion: live?.version ?? null, runId: run.id, customers: plan.stats.customers, changed: plan.stats.changed, note: opts.note ?? null },
          });
          return saved;
        });
        // rows of superseded versions are no longer read; the class changes keep their history
        await session.purgeVersions(scheme.id, draft.version).catch(() => 0);
        progress?.({ phase: 'switch', done: 1, total: 1 });
        return { scheme: published, version: draft.version, runId: run.id, customers: plan.stats.customers, changed: plan.stats.changed };
      }),
    );
  } catch (err) {
    await failRun(deps, run.id, err);
    throw err;
  }
}
