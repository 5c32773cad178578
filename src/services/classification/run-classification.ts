import { z } from 'zod';
import type { RunKind } from '../../domain/classification/assignment.ts';
import { dayString } from '../../domain/classification/dates.ts';
import { compileScheme } from '../../domain/classification/evaluate.ts';
import { schemeKeySchema, type SchemeDefinition } from '../../domain/classification/scheme.ts';
import { notFound, parseOrThrow } from '../../domain/errors.ts';
import { isoDateSchema } from '../../domain/shared/primitives.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { ClassChangeRow, ClassificationSession } from '../ports.ts';
import { planAssignments, type PlanStats } from './plan.ts';
import { factsStateKey, loadPopulation, type ProgressFn } from './population.ts';
import { failRun, startRun, withHeartbeat } from './run-lock.ts';
import { asOfDayFor, publishedVersion, registryOf } from './scheme-helpers.ts';

export const runInputSchema = z.strictObject({
  mode: z.enum(['full', 'incremental']).default('incremental'),
  /** only these schemes (default: every published one) */
  schemes: z.array(schemeKeySchema).max(100).optional(),
  /** the day metrics are computed for (default: today, China time); for archives seeded "as of" another day */
  asOf: isoDateSchema.optional(),
});
export type RunInput = z.input<typeof runInputSchema>;

export type SchemeRunStats = PlanStats & { scheme: string; version: number };
export type RunSummary = {
  runId: number;
  kind: RunKind;
  asOf: string;
  customers: number;
  /** customers whose facts were aggregated again (all of them in a full run) */
  recomputed: number;
  /** of those, customers whose stored facts changed and were written */
  factsWritten: number;
  schemes: SchemeRunStats[];
  timingsMs: Record<string, number>;
};
export type JobHooks = { progress?: ProgressFn | undefined; onStarted?: ((runId: number) => void) | undefined };

export const labelsOf = (def: SchemeDefinition) => new Map(def.categories.map((c) => [c.key, { code: c.code, nameZh: c.nameZh }]));

/** The inputs the moved customers were assigned with, for "18% → 4%". */
export async function fillInputsBefore(session: ClassificationSession, schemeId: number, version: number, changes: ClassChangeRow[]) {
  const ids = changes.filter((c) => c.fromKey !== null).map((c) => c.customerId);
  if (ids.length === 0) return;
  const before = await session.readInputs(schemeId, version, ids);
  for (const c of changes) c.inputsBefore = before.get(c.customerId) ?? null;
}

/**
 * Classifies every customer by every published scheme (or the given ones). Metrics are computed
 * set-based; assignments are planned in memory and the changes of all schemes are written in one
 * transaction at the end, so an interrupted run leaves the previous assignments as they were. One
 * audit entry records the run; each move is a class change, not an audit row.
 */
export async function runClassification(deps: Deps, actor: Actor, input: unknown, hooks: JobHooks = {}): Promise<RunSummary> {
  deps.access.assertCan(actor, 'customer.classify');
  const opts = parseOrThrow(runInputSchema, input);
  const asOfDay = asOfDayFor(deps, opts.asOf);
  const all = await deps.db.classification.listSchemes();
  for (const key of opts.schemes ?? []) if (!all.some((s) => s.key === key)) throw notFound('scheme', key);
  const schemes = all.filter((s) => s.publishedVersion !== null && (!opts.schemes || opts.schemes.includes(s.key)));
  const run = await startRun(deps, actor, opts.mode, schemes.map((s) => s.key), dayString(asOfDay));
  hooks.onStarted?.(run.id);
  const progress = hooks.progress ?? (() => undefined);
  const timingsMs: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    timingsMs[name] = Math.round(performance.now() - t);
    t = performance.now();
  };
  let session: ClassificationSession | undefined;
  try {
    session = await deps.classifier.open();
    const open = session;
    return await withHeartbeat(deps, run.id, async () => {
      const session = open;
      const pop = await loadPopulation(deps, session, { mode: opts.mode, asOfDay, startedAt: run.startedAt, persist: true, progress });
      lap('facts');
      for (const [k, v] of Object.entries(pop.timingsMs)) timingsMs[`facts.${k}`] = v;
      const registry = await registryOf(deps.db);
      const at = nowIso(deps);
      let readMs = 0;
      const plans: { scheme: (typeof schemes)[number]; version: number; plan: ReturnType<typeof planAssignments> }[] = [];
      for (const [n, scheme] of schemes.entries()) {
        progress({ phase: 'evaluate', done: n, total: schemes.length, note: scheme.key });
        const version = await publishedVersion(deps.db, scheme);
        const compiled = compileScheme(version.definition, registry, pop.table, asOfDay);
        const read = performance.now();
        const current = await session.readAssignments(scheme.id, version.version, pop.table, version.definition.categories);
        readMs += performance.now() - read;
        const plan = planAssignments({
          compiled, table: pop.table, current, currentLabels: labelsOf(version.definition), schemeId: scheme.id, version: version.version, runId: run.id, at, check: false, publish: false,
        });
        await fillInputsBefore(session, scheme.id, version.version, plan.changes);
        plans.push({ scheme, version: version.version, plan });
      }
      progress({ phase: 'evaluate', done: schemes.length, total: schemes.length });
      lap('evaluate');
      timingsMs['evaluate.readLive'] = Math.round(readMs);
      const stats: SchemeRunStats[] = plans.map((p) => ({ scheme: p.scheme.key, version: p.version, ...p.plan.stats }));
      const summary: RunSummary = { runId: run.id, kind: opts.mode, asOf: dayString(asOfDay), customers: pop.table.size, recomputed: pop.recomputed, factsWritten: pop.factsWritten, schemes: stats, timingsMs };
      progress({ phase: 'switch', done: 0, total: 1 });
      await deps.db.transaction(async (tx) => {
        for (const { scheme, version, plan } of plans) {
          await tx.classification.upsertAssignments(scheme.id, version, plan.writes);
          await tx.classification.deleteAssignments(scheme.id, version, plan.deletes);
          await tx.classification.insertChanges(plan.changes);
        }
        await tx.settings.put(factsStateKey, pop.nextState, at);
        lap('switch');
        await tx.classification.updateRun(run.id, { status: 'succeeded', finishedAt: nowIso(deps), stats: { ...summary, population: pop.stats } });
        await tx.classification.releaseLock(run.id);
        await recordAudit(tx, actor, at, {
          action: 'classification.run_completed',
          entityType: 'class_run',
          entityId: run.id,
          meta: { kind: opts.mode, asOf: summary.asOf, customers: summary.customers, recomputed: summary.recomputed, changed: stats.reduce((n, s) => n + s.changed, 0), schemes: stats.map((s) => ({ scheme: s.scheme, version: s.version, changed: s.changed, uncovered: s.uncovered })) },
        });
    });
    progress({ phase: 'switch', done: 1, total: 1 });
    return summary;
    });
  } catch (err) {
    await failRun(deps, run.id, err);
    throw err;
  } finally {
    await session?.close();
  }
}
