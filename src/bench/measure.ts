import fs from 'node:fs';

/** Timing helpers for the benchmark: latencies in milliseconds, percentiles by nearest rank. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export type Latency = { p50: number; p95: number; n: number };

/** Runs `fn` `warmup` times unmeasured, then `n` times measured, one after another. */
export async function latency(fn: (i: number) => unknown, opts: { n?: number; warmup?: number } = {}): Promise<Latency> {
  const n = opts.n ?? 50;
  for (let i = 0; i < (opts.warmup ?? 3); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n };
}

/** Wall time of one run of `fn` in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
}

/** A small deterministic generator, so every run measures the same ids and queries. */
export function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** Peak resident memory of this process so far, in MB (Linux reports maxRSS in KB). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Peak resident memory of a process (VmHWM; 'self' for this one), in MB; undefined when it has gone. */
export function peakRssOfPid(pid: number | 'self', read: (path: string) => string): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a new peak for one phase of this process: Linux resets VmHWM to the current RSS when 5 is
 * written to clear_refs, so a phase's peak no longer includes an earlier phase's (the raw engine's run).
 * Where that is not possible phasePeakMb reports the whole process's peak.
 */
export function resetPhasePeak(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // no /proc: the process's peak stands
  }
}

/** The peak resident memory since resetPhasePeak, in MB (the process's peak where /proc is not there). */
export const phasePeakMb = () => peakRssOfPid('self', (p) => fs.readFileSync(p, 'utf8')) ?? peakRssMb();
