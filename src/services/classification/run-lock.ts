import os from 'node:os';
import type { ClassRun, RunKind } from '../../domain/classification/assignment.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { nowIso, type Deps } from '../deps.ts';
import { actorId } from './scheme-helpers.ts';

/*
 * One classification job writes at a time (run or publish), across processes: the CLI and the server
 * share the lock row. The holder's process heart-beats it; a holder silent for two minutes (a killed
 * process) is stale and the next job takes over.
 */

export const LOCK_STALE_MS = 120_000;
export const HEARTBEAT_MS = 15_000;

const holder = () => `${os.hostname()}:${process.pid}`;

export async function startRun(deps: Deps, actor: Actor, kind: RunKind, schemeKeys: string[], asOf: string): Promise<ClassRun> {
  const at = nowIso(deps);
  const busy = await deps.db.transaction(async (tx) => {
    const run = await tx.classification.insertRun({
      kind, status: 'running', schemeKeys, asOf, actorId: actorId(actor), actorName: actor.kind === 'user' ? actor.username : `system:${actor.name}`,
      startedAt: at, finishedAt: null, stats: {}, error: null,
    });
    const stale = new Date(Date.parse(at) - LOCK_STALE_MS).toISOString();
    if (await tx.classification.acquireLock(run.id, holder(), at, stale)) return run;
    await tx.classification.updateRun(run.id, { status: 'failed', finishedAt: at, error: 'busy' });
    return { busy: (await tx.classification.lockHolder())?.runId ?? null };
  });
  if ('busy' in busy) throw new DomainError('CONFLICT', 'classification_busy', [], { runId: busy.busy });
  return busy;
}

/** Marks a run failed and frees the lock; never throws over the original error. */
export async function failRun(deps: Deps, runId: number, err: unknown): Promise<void> {
  const message = err instanceof DomainError ? `${err.code}: ${err.messageKey}` : err instanceof Error ? err.message : String(err);
  try {
    await deps.db.transaction(async (tx) => {
      await tx.classification.updateRun(runId, { status: 'failed', finishedAt: nowIso(deps), error: message.slice(0, 2000) });
      await tx.classification.releaseLock(runId);
    });
  } catch {
    /* the lock goes stale by itself */
  }
}

/** Heart-beats the lock while `work` runs, so a long job is not taken for a dead one. */
export async function withHeartbeat<T>(deps: Deps, runId: number, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    deps.db.classification.heartbeat(runId, nowIso(deps)).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export const isBusy = (err: unknown) => err instanceof DomainError && err.messageKey === 'classification_busy';
