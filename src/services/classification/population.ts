import { dayString } from '../../domain/classification/dates.ts';
import { deriveMetrics, type CustomerTable, type PopulationStats } from '../../domain/classification/metrics.ts';
import type { Deps } from '../deps.ts';
import type { ClassificationSession, Stores } from '../ports.ts';

/*
 * Everyone's metrics for one evaluation. A full load aggregates all purchases and interactions; an
 * incremental one reads the stored facts and aggregates again only customers whose records changed
 * since the last successful run (or whose orders crossed the window's edge). Either way every customer
 * is then evaluated: evaluation is cheap, and recency-based classes move with the calendar even when
 * nothing was written.
 */

export const factsStateKey = 'classification.facts';
export const configKey = 'classification.config';
export const DEFAULT_WINDOW_DAYS = 365;
/** Writes stamped just before a run started may commit after its reads; look back this far. */
const WATERMARK_MARGIN_MS = 5 * 60_000;

export type FactsState = { watermarkAt: string; asOf: string; windowDays: number; fullAt: string; population: PopulationStats };
export type ClassificationConfig = { windowDays: number };

export type Phase = 'customers' | 'facts' | 'metrics' | 'evaluate' | 'write' | 'switch';
export type Progress = { phase: Phase; done: number; total: number; note?: string };
export type ProgressFn = (p: Progress) => void;

export type Population = {
  table: CustomerTable;
  stats: PopulationStats;
  asOfDay: number;
  mode: 'full' | 'incremental';
  /** customers whose facts were aggregated again */
  recomputed: number;
  /** of those, customers whose stored facts differed and were written */
  factsWritten: number;
  /** where the facts phase went: customers read, purchases and interactions aggregated, facts stored, metrics derived */
  timingsMs: { customers: number; aggregate: number; store: number; metrics: number };
  /** what to store as the facts state when the caller's transaction commits */
  nextState: FactsState;
};

export async function classificationConfig(stores: Stores): Promise<ClassificationConfig> {
  const c = await stores.settings.get<Partial<ClassificationConfig>>(configKey);
  return { windowDays: c?.windowDays ?? DEFAULT_WINDOW_DAYS };
}

export async function loadPopulation(
  deps: Deps,
  session: ClassificationSession,
  opts: { mode: 'full' | 'incremental'; asOfDay: number; startedAt: string; persist: boolean; progress?: ProgressFn | undefined },
): Promise<Population> {
  const progress = opts.progress ?? (() => undefined);
  const [state, config, fields] = await Promise.all([deps.db.settings.get<FactsState>(factsStateKey), classificationConfig(deps.db), deps.db.customFields.list()]);
  const { windowDays } = config;
  const selectKeys = fields.filter((f) => f.type === 'select' && !f.archived && !f.sensitive).map((f) => f.key);
  const natureField = fields.some((f) => f.key === 'nature' && !f.archived && !f.sensitive);
  let t = performance.now();
  const lap = () => {
    const ms = Math.round(performance.now() - t);
    t = performance.now();
    return ms;
  };
  progress({ phase: 'customers', done: 0, total: 1 });
  const table = await session.loadCustomers({ withCustom: selectKeys.length > 0 || natureField });
  progress({ phase: 'customers', done: 1, total: 1, note: `${table.size}` });
  const customersMs = lap();

  const full = opts.mode === 'full' || !state || state.windowDays !== windowDays;
  let rows: Int32Array | null = null;
  progress({ phase: 'facts', done: 0, total: table.size });
  if (!full) {
    const missing = await session.readFacts(table);
    const since = new Date(Date.parse(state.watermarkAt) - WATERMARK_MARGIN_MS).toISOString();
    const changed = await session.changedSince(since, windowEdges(state.asOf, dayString(opts.asOfDay), windowDays));
    const dirty = new Uint8Array(table.size);
    for (const i of missing) dirty[i] = 1;
    for (let i = 0; i < table.size; i++) if (changed.has(table.ids[i]!)) dirty[i] = 1;
    const list: number[] = [];
    for (let i = 0; i < table.size; i++) if (dirty[i]) list.push(i);
    rows = Int32Array.from(list);
  }
  await session.aggregate(table, rows, { asOfDay: opts.asOfDay, windowDays });
  const recomputed = rows === null ? table.size : rows.length;
  progress({ phase: 'facts', done: table.size, total: table.size, note: `${recomputed}` });
  const aggregateMs = lap();
  const factsWritten = opts.persist && recomputed > 0 ? await session.writeFacts(table, rows, { at: opts.startedAt, asOf: dayString(opts.asOfDay), windowDays }) : 0;
  const storeMs = lap();

  progress({ phase: 'metrics', done: 0, total: 1 });
  const stats = deriveMetrics(table, { asOfDay: opts.asOfDay, windowDays, customKeys: selectKeys, natureField });
  progress({ phase: 'metrics', done: 1, total: 1 });
  const timingsMs = { customers: customersMs, aggregate: aggregateMs, store: storeMs, metrics: lap() };
  const nextState: FactsState = {
    watermarkAt: opts.startedAt,
    asOf: dayString(opts.asOfDay),
    windowDays,
    fullAt: full ? opts.startedAt : (state?.fullAt ?? opts.startedAt),
    population: stats,
  };
  return { table, stats, asOfDay: opts.asOfDay, mode: full ? 'full' : 'incremental', recomputed, factsWritten, timingsMs, nextState };
}

/** Orders whose window membership differs between two as-of days: those crossing the window's start or its end. */
function windowEdges(before: string, after: string, windowDays: number): [string, string][] {
  if (before === after) return [];
  const [lo, hi] = before < after ? [before, after] : [after, before];
  const shift = (d: string) => dayString(Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000) - windowDays);
  return [[shift(lo), shift(hi)], [lo, hi]];
}
