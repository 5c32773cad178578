import fs from 'node:fs';
import os from 'node:os';
import { systemActor, type Actor } from '../../domain/users/user.ts';
import { actorForUser } from '../auth/actor.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { BulkLoader, ImportBatch } from '../ports.ts';
import { continueBatch, failBatch, thisRunner, type ImportSummary } from './import-file.ts';

/** A runner on this host whose process no longer exists (kill -9, power cut); other hosts' runners count as gone after `staleMs` without a chunk. */
function runnerGone(b: ImportBatch, now: number, staleMs: number): boolean {
  const [host, pid] = (b.runner ?? '').split(':');
  if (host === os.hostname() && pid) {
    if (Number(pid) === process.pid) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  return now - Date.parse(b.updatedAt) > staleMs;
}

/**
 * Batches left 'running' by a process that died: resumed after their last committed chunk when the file
 * is still there unchanged, rolled back otherwise. Runs at start-up and before each CLI import.
 */
export async function resumeImports(deps: Deps, bulk: BulkLoader, opts: { staleMs?: number } = {}): Promise<{ batchId: number; outcome: 'resumed' | 'rolled_back'; summary?: ImportSummary }[]> {
  const out: { batchId: number; outcome: 'resumed' | 'rolled_back'; summary?: ImportSummary }[] = [];
  const now = deps.clock().getTime();
  for (const b of await deps.db.imports.listRunning()) {
    if (!runnerGone(b, now, opts.staleMs ?? 10 * 60_000)) continue;
    if (!(await deps.db.imports.claimBatch(b.id, b.runner, thisRunner(), nowIso(deps)))) continue;
    const actor = await actorOf(deps, b);
    const stat = await fs.promises.stat(b.filePath).catch(() => undefined);
    if (!stat || stat.size !== b.fileSize) {
      await failBatch(deps, actor, b, new Error(`file ${b.fileName} is gone or changed; rolled back`), b.counts);
      out.push({ batchId: b.id, outcome: 'rolled_back' });
      continue;
    }
    try {
      out.push({ batchId: b.id, outcome: 'resumed', summary: await continueBatch(deps, actor, bulk, b) });
    } catch {
      // continueBatch rolled it back and recorded why
      out.push({ batchId: b.id, outcome: 'rolled_back' });
    }
  }
  return out;
}

async function actorOf(deps: Deps, b: ImportBatch): Promise<Actor> {
  const user = b.createdBy === null ? undefined : await deps.db.users.findById(b.createdBy);
  return user?.isActive ? actorForUser(deps.db, user) : systemActor('import-resume');
}
