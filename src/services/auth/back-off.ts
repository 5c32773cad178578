import type { FailureThrottle } from '../deps.ts';

const freeAttempts = 5;
const maxLockSeconds = 15 * 60;

/** Seconds locked after n consecutive failures: none for the first five, then 30 s doubling to 15 min. */
export function lockSeconds(failures: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(30 * 2 ** (failures - freeAttempts), maxLockSeconds);
}

/**
 * The same back-off for names without a user row, so an unknown name is throttled exactly like a known
 * one (and a 429 does not tell which names exist). Bounded: the oldest entries go first.
 */
export function createFailureThrottle(opts: { maxEntries?: number; forgetAfterMs?: number } = {}): FailureThrottle {
  const maxEntries = opts.maxEntries ?? 10_000;
  const forgetAfterMs = opts.forgetAfterMs ?? 24 * 3_600_000;
  const entries = new Map<string, { failures: number; lockedUntil: number; lastAt: number }>();
  const current = (key: string, now: number) => {
    const e = entries.get(key);
    if (e && now - e.lastAt > forgetAfterMs) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  return {
    lockedFor(key, now) {
      const e = current(key, now.getTime());
      return e && e.lockedUntil > now.getTime() ? Math.ceil((e.lockedUntil - now.getTime()) / 1000) : 0;
    },
    fail(key, now) {
      const t = now.getTime();
      const failures = (current(key, t)?.failures ?? 0) + 1;
      const lock = lockSeconds(failures);
      entries.delete(key); // re-inserted last: Map order is the eviction order
      entries.set(key, { failures, lockedUntil: lock ? t + lock * 1000 : 0, lastAt: t });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return lock;
    },
  };
}
