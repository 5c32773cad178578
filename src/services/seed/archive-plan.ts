import { codePeriod, type CodeScheme } from '../../domain/customers/code-scheme.ts';
import { normal, rngFor } from './prng.ts';

/*
 * The first of two passes over the customers: cheap facts (when created, which kind, how many
 * orders and interactions it deserves relative to the others) that the totals and the code
 * reservations need before anything is written. Both passes draw them from the same stream,
 * so the second pass sees exactly what the first counted.
 */

export type SeedOwner = { id: number; departmentId: number | null };

export type ArchiveSeedOptions = {
  seed: number;
  customers: number;
  orders: number;
  interactions: number;
  /** "today" for the archive: created dates, order dates and ages end here */
  now: Date;
  codeScheme: CodeScheme;
  /** active users to own customers and log interactions; empty leaves owner null */
  owners: readonly SeedOwner[];
  departmentIds: readonly number[];
};

export const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;
export const HISTORY_DAYS = 3 * 365;
/** Customers are registered during opening hours, 08:30–21:00 China time. */
const OPEN_MINUTE = 510;
const OPEN_MINUTES = 750;

/** Epoch day in China Standard Time. */
export const cstDay = (ms: number) => Math.floor((ms + CST_MS) / DAY_MS);
/** The instant, in whole seconds, of minute `minute` (may be fractional) of CST day `day`. */
export const cstInstant = (day: number, minute: number) => day * DAY_MS - CST_MS + Math.floor(minute * 60) * 1000;

/** Day labels, memoised by epoch day: orders reuse about a thousand distinct days. */
const dayLabels = new Map<number, { iso: string; compact: string }>();
function dayLabel(day: number) {
  let l = dayLabels.get(day);
  if (l === undefined) {
    const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    l = { iso, compact: iso.replaceAll('-', '') };
    if (dayLabels.size < 100_000) dayLabels.set(day, l);
  }
  return l;
}
/** YYYY-MM-DD of an epoch day. */
export const dayString = (day: number): string => dayLabel(day).iso;
/** YYYYMMDD of an epoch day. */
export const dayCompact = (day: number): string => dayLabel(day).compact;

const pad2 = (n: number) => String(n).padStart(2, '0');
let clockLabels: string[] | undefined;
/**
 * Same string as new Date(ms).toISOString(), built from two memoised halves when ms is a whole
 * second (the generator's instants are): ten million rows need it cheap in time and garbage.
 */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const inDay = ms - day * DAY_MS;
  if (inDay % 1000 !== 0) return new Date(ms).toISOString();
  clockLabels ??= Array.from({ length: 86_400 }, (_, s) => `T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.000Z`);
  return dayString(day) + clockLabels[inDay / 1000];
}

export type Timeline = { nowMs: number; today: number; startDay: number; windowMinutes: number };

export function timeline(now: Date): Timeline {
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const today = cstDay(nowMs);
  const minuteNow = (nowMs + CST_MS - today * DAY_MS) / 60_000;
  const todayMinutes = Math.min(OPEN_MINUTES, Math.max(0, minuteNow - OPEN_MINUTE - 1));
  const startDay = today - HISTORY_DAYS + 1;
  return { nowMs, today, startDay, windowMinutes: (HISTORY_DAYS - 1) * OPEN_MINUTES + todayMinutes };
}

/** Inverse CDF of a density rising linearly to 2.5× at the end: the business grows, recent months add more customers. */
function growth(x: number): number {
  const a = 1.5;
  return (-1 + Math.sqrt(1 + 2 * a * x * (1 + a / 2))) / a;
}

export type CustomerPlan = { createdMs: number; createdDay: number; isOrg: boolean; orderWeight: number; interactionWeight: number };

/** Facts of customer i; creation times rise with i, so codes and the created index are written in order. */
export function planCustomer(o: ArchiveSeedOptions, t: Timeline, i: number): CustomerPlan {
  const r = rngFor(o.seed, 1, i);
  const position = growth((i + r()) / o.customers) * t.windowMinutes;
  const dayOffset = Math.floor(position / OPEN_MINUTES);
  const createdDay = t.startDay + dayOffset;
  const createdMs = Math.min(t.nowMs, cstInstant(createdDay, OPEN_MINUTE + position - dayOffset * OPEN_MINUTES));
  const isOrg = r() < 0.3;
  const buys = r() < 0.85;
  const age = (t.today - createdDay + 1) / HISTORY_DAYS;
  // log-normal order appetite: many buy a little, a few buy a lot; organisations and older customers more
  const appetite = Math.exp(1.1 * Math.min(4, normal(r)));
  return {
    createdMs,
    createdDay,
    isOrg,
    orderWeight: buys ? appetite * (0.15 + age) * (isOrg ? 2.5 : 1) : 0,
    interactionWeight: (isOrg ? 1.6 : 1) * (buys ? 1.2 : 0.8) * (0.4 + age),
  };
}

export type ArchivePlan = {
  options: ArchiveSeedOptions;
  timeline: Timeline;
  /** customers per code period, in period order */
  periods: { period: string; count: number }[];
  orderWeight: number;
  interactionWeight: number;
  buyingCustomers: number;
};

/** First pass: totals and code periods, O(customers) time and O(periods) memory. */
export function planArchive(options: ArchiveSeedOptions): ArchivePlan {
  const t = timeline(options.now);
  const periodOfDay = periodMemo(options.codeScheme);
  const counts = new Map<string, number>();
  let orderWeight = 0;
  let interactionWeight = 0;
  let buyingCustomers = 0;
  for (let i = 0; i < options.customers; i++) {
    const p = planCustomer(options, t, i);
    const period = periodOfDay(p.createdDay, p.createdMs);
    counts.set(period, (counts.get(period) ?? 0) + 1);
    orderWeight += p.orderWeight;
    interactionWeight += p.interactionWeight;
    if (p.orderWeight > 0) buyingCustomers++;
  }
  return { options, timeline: t, periods: [...counts].map(([period, count]) => ({ period, count })), orderWeight, interactionWeight, buyingCustomers };
}

/** Code period by CST day: every instant of one China-time day falls in the same period. */
export function periodMemo(scheme: CodeScheme): (day: number, ms: number) => string {
  const memo = new Map<number, string>();
  return (day, ms) => {
    let p = memo.get(day);
    if (p === undefined) memo.set(day, (p = codePeriod(scheme, new Date(ms))));
    return p;
  };
}

/**
 * Splits `total` items over a stream of weights so the shares add up exactly (systematic rounding);
 * weights are visited once, in order, which keeps the second pass streaming.
 */
export function allocator(total: number, weightSum: number, count: number): (weight: number) => number {
  let cumulative = 0;
  let assigned = 0;
  let seen = 0;
  const uniform = weightSum <= 0;
  const sum = uniform ? count : weightSum;
  return (weight) => {
    seen++;
    if (seen >= count) {
      const rest = total - assigned;
      assigned = total;
      return Math.max(0, rest);
    }
    cumulative += uniform ? 1 : weight;
    const target = Math.min(total, Math.floor((cumulative * total) / sum));
    const share = Math.max(0, target - assigned);
    assigned += share;
    return share;
  };
}
