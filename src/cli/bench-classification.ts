import type { Config } from '../config/load-config.ts';
import { systemActor } from '../domain/users/user.ts';
import type { Progress } from '../services/classification/population.ts';
import type { RunSummary } from '../services/classification/run-classification.ts';
import { listCustomers } from '../services/customers/list-customers.ts';
import { createClassificationJobs } from '../server/classification-jobs.ts';
import { openKedang, rawAggregateSql, timeRawPurchaseAggregate } from '../wiring.ts';

/*
 * The classification benchmark (kedang classify bench, and the bench harness): a full run of every
 * published scheme on a worker thread, as the server runs it, while this thread keeps asking for the
 * first page of the customer list (the API's busiest query) and records its latency; beside it, the
 * raw purchase aggregate timed on the driver itself.
 */

export type ClassificationBench = {
  engine: 'sqlite' | 'postgres';
  customers: number;
  schemes: number;
  /** from the request to the end, worker start-up included */
  fullRunMs: number;
  /** the run itself, lock taken to lock released */
  runMs: number;
  /** customers whose stored facts changed and were written (all of them on the first full run) */
  factsWritten: number;
  /** the run's own phase timings */
  phasesMs: Record<string, number>;
  /** CPU time of the whole process (all threads) during the run: on a shared machine wall time also counts waiting */
  fullRunCpuMs: number;
  rawAggregate: { sql: string; ms: number; cpuMs: number; rows: number };
  /** customer list (page 1, 20 rows) while the run was going */
  listLatencyMs: { samples: number; p50: number; p95: number; max: number };
};

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);

export async function benchClassification(config: Config, opts: { asOf?: string; onProgress?: (p: Progress) => void } = {}): Promise<ClassificationBench> {
  const kedang = await openKedang(config, { migrate: false });
  const { deps, connection } = kedang;
  const actor = systemActor('bench');
  try {
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const rawCpu = cpu();
    const raw = await timeRawPurchaseAggregate(config, connection.engine);
    const rawCpuMs = cpu() - rawCpu;
    let failure: unknown;
    const jobs = createClassificationJobs(config, deps, (_msg, err) => (failure = err));
    const started = performance.now();
    const runCpu = cpu();
    const { runId } = await jobs.start(actor, { mode: 'full', ...(opts.asOf ? { asOf: opts.asOf } : {}) });
    const latencies: number[] = [];
    let done = false;
    const finished = jobs.idle().then(() => (done = true));
    while (!done) {
      const t = performance.now();
      await listCustomers(deps, actor, { pageSize: 20 });
      latencies.push(performance.now() - t);
      const p = jobs.progress(runId);
      if (p) opts.onProgress?.(p);
      await new Promise((r) => setTimeout(r, 200));
    }
    await finished;
    const fullRunMs = performance.now() - started;
    const fullRunCpuMs = cpu() - runCpu;
    await jobs.close();
    const run = await deps.db.classification.findRun(runId);
    if (!run || run.status !== 'succeeded') throw failure instanceof Error ? failure : new Error(`classification run ${runId} ${run?.status ?? 'missing'}: ${run?.error ?? ''}`);
    const summary = run.stats as unknown as RunSummary;
    latencies.sort((a, b) => a - b);
    return {
      engine: connection.engine,
      customers: summary.customers,
      schemes: summary.schemes.length,
      fullRunMs: Math.round(fullRunMs),
      runMs: run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : Math.round(fullRunMs),
      factsWritten: summary.factsWritten ?? summary.customers,
      phasesMs: summary.timingsMs,
      fullRunCpuMs: Math.round(fullRunCpuMs),
      rawAggregate: { sql: rawAggregateSql, ms: Math.round(raw.ms), cpuMs: Math.round(rawCpuMs), rows: raw.rows },
      listLatencyMs: { samples: latencies.length, p50: Math.round(quantile(latencies, 0.5)), p95: Math.round(quantile(latencies, 0.95)), max: Math.round(latencies.at(-1) ?? 0) },
    };
  } finally {
    await connection.close();
  }
}
