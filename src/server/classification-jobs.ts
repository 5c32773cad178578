import { Worker } from 'node:worker_threads';
import { Cron } from 'croner';
import type { Config } from '../config/load-config.ts';
import { DomainError, type ErrorCode, type Issue } from '../domain/errors.ts';
import { systemActor, type Actor } from '../domain/users/user.ts';
import type { Progress } from '../services/classification/population.ts';
import { runClassification, type RunSummary } from '../services/classification/run-classification.ts';
import type { Deps } from '../services/deps.ts';
import { tsWorkerScript } from '../wiring.ts';

/*
 * Classification runs started by the API and the nightly schedule run on a worker thread with a
 * connection of their own, so requests keep being served while a million customers are classified.
 * The caller gets the run id as soon as the run holds the lock (or the busy error at once); progress
 * is kept here per run for GET /runs/:id. Without tsx (no worker possible) the run happens on this
 * thread, still in the background.
 */

export type WorkerInput = { config: Config; actor: Actor; input: unknown };
type SerialError = { code: ErrorCode; messageKey: string; issues: Issue[]; params: Record<string, unknown> } | { message: string };
export type WorkerMessage =
  | { type: 'started'; runId: number }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; summary: RunSummary }
  | { type: 'failed'; error: SerialError };

export type ClassificationJobs = {
  /** Starts a run in the background; resolves with its id once it holds the lock. */
  start(actor: Actor, input: unknown): Promise<{ runId: number }>;
  /** The last progress of a run this process started, while it runs. */
  progress(runId: number): Progress | null;
  /** Resolves when every run this process started has ended (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
};

const toError = (e: SerialError) => ('code' in e ? new DomainError(e.code, e.messageKey, e.issues, e.params) : new Error(e.message));

export function createClassificationJobs(config: Config, deps: Deps, log: (msg: string, err?: unknown) => void): ClassificationJobs {
  const progress = new Map<number, Progress>();
  const running = new Set<Promise<unknown>>();
  const workers = new Set<Worker>();
  const script = tsWorkerScript(new URL('./classification-worker.ts', import.meta.url));
  let cron: Cron | undefined;

  const track = (p: Promise<unknown>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  const inline = (actor: Actor, input: unknown) =>
    new Promise<{ runId: number }>((resolve, reject) => {
      let id: number | undefined;
      const job = runClassification(deps, actor, input, {
        onStarted: (runId) => {
          id = runId;
          resolve({ runId });
        },
        progress: (p) => id !== undefined && progress.set(id, p),
      })
        .catch((err: unknown) => (id === undefined ? reject(err) : log(`classification run ${id} failed`, err)))
        .finally(() => id !== undefined && progress.delete(id));
      track(job);
    });

  const onWorker = (actor: Actor, input: unknown, source: string) =>
    new Promise<{ runId: number }>((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: { config, actor, input } satisfies WorkerInput });
      workers.add(worker);
      let id: number | undefined;
      const ended = new Promise<void>((done) => {
        worker.on('message', (m: WorkerMessage) => {
          if (m.type === 'started') {
            id = m.runId;
            resolve({ runId: m.runId });
          } else if (m.type === 'progress' && id !== undefined) progress.set(id, m.progress);
          else if (m.type === 'failed') {
            if (id === undefined) reject(toError(m.error));
            else log(`classification run ${id} failed`, toError(m.error));
          }
        });
        worker.on('error', (err) => (id === undefined ? reject(err) : log(`classification run ${id} failed`, err)));
        worker.on('exit', () => {
          workers.delete(worker);
          if (id !== undefined) progress.delete(id);
          else reject(new Error('classification worker exited before the run started'));
          done();
        });
      });
      track(ended);
    });

  const jobs: ClassificationJobs = {
    start: (actor, input) => (script ? onWorker(actor, input, script) : inline(actor, input)),
    progress: (runId) => progress.get(runId) ?? null,
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    async close() {
      cron?.stop();
      await Promise.all([...workers].map((w) => w.terminate()));
      await jobs.idle();
    },
  };

  if (config.classifyCron) {
    // a missed night (server down) is not caught up: the next run is incremental and catches up by itself
    // protect: a run still going when the pattern fires again is not started twice
    cron = new Cron(config.classifyCron, { timezone: config.classifyTimezone, protect: true }, async () => {
      try {
        await jobs.start(systemActor('nightly-classification'), { mode: 'incremental' });
        await jobs.idle();
      } catch (err) {
        log('nightly classification did not start', err);
      }
    });
  }
  return jobs;
}
