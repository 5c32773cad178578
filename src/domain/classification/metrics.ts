import { defaultNature, rfmSegments, type RfmSegment } from './criteria.ts';

/*
 * Metrics per customer, column by column (a million customers are a few typed arrays, not a million
 * objects). The engine loads facts — the customer's attributes and one aggregate over purchases and
 * interactions — and these pure functions derive every criterion value as of a day, including the
 * population-relative ones (RFM quintiles, contribution). NaN and null mean "no value".
 *
 * Facts (see criteria.ts for how refunded and cancelled orders count):
 *   text: kind, stage, industry, province, city, source, custom (JSON text), mainProductLine
 *   num:  createdDay, orderCount, frequency, monetaryFen, costedRevenueFen, grossProfitFen (NaN without a
 *         costed order), firstPurchaseDay, lastPurchaseDay, refundCount, windowFrequency,
 *         windowMonetaryFen, interactionCount, lastInteractionDay
 */

export type CustomerTable = {
  size: number;
  ids: Float64Array;
  num: Map<string, Float64Array>;
  text: Map<string, (string | null)[]>;
};

export function emptyTable(size: number): CustomerTable {
  return { size, ids: new Float64Array(size), num: new Map(), text: new Map() };
}

export type PopulationStats = {
  asOfDay: number;
  windowDays: number;
  customers: number;
  buyers: number;
  /** quintile cut points (ascending) of recency days, frequency and monetary among buyers */
  recencyCuts: number[];
  frequencyCuts: number[];
  monetaryCuts: number[];
  /** the median average interval of repeat buyers; one-time buyers' rhythm uses it (90 when nobody repeats) */
  medianIntervalDays: number;
  totalMonetaryFen: number;
};

export const DEFAULT_INTERVAL_DAYS = 90;
/** A score of 3 or more counts as "high" in the eight RFM segments (the mean of a 1–5 quintile score). */
export const RFM_HIGH = 3;

const col = (t: CustomerTable, k: string) => t.num.get(k) ?? new Float64Array(t.size).fill(NaN);

function quintileCuts(values: Float64Array): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  return [1, 2, 3, 4].map((k) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * k) / 5))]!);
}

const above = (v: number, cuts: number[]) => {
  let n = 0;
  for (const c of cuts) if (v > c) n++;
  return n;
};

/** F and M: 1 + cut points exceeded; R is reversed, more recent scores higher. */
export const scoreUp = (v: number, cuts: number[]) => 1 + above(v, cuts);
export const scoreRecency = (v: number, cuts: number[]) => 5 - above(v, cuts);

export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const hi = (s: number) => s >= RFM_HIGH;
  // rfmSegments lists 重要 (high M) then 一般, each as 价值 (R F high), 发展 (R), 保持 (F), 挽留 (neither)
  return rfmSegments[(hi(m) ? 0 : 4) + (hi(r) ? 0 : 2) + (hi(f) ? 0 : 1)]!;
}

/** The nature a customer has: the custom field `nature`, else 个人消费者 for individuals. */
export function natureOf(kind: string | null, custom: Record<string, unknown> | null): string | null {
  const v = custom?.nature;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return kind === 'individual' ? defaultNature : null;
}

function parseCustom(text: string | null): Record<string, unknown> | null {
  if (!text || text === '{}') return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Adds every derived criterion column to the table, as of `asOfDay`; population statistics come from the table itself. */
export function deriveMetrics(t: CustomerTable, opts: { asOfDay: number; windowDays: number; customKeys?: readonly string[]; natureField?: boolean }): PopulationStats {
  const n = t.size;
  const { asOfDay } = opts;
  const put = (k: string, f: (i: number) => number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(i);
    t.num.set(k, out);
    return out;
  };
  const created = col(t, 'createdDay');
  const freq = col(t, 'frequency');
  const orders = col(t, 'orderCount');
  const monetary = col(t, 'monetaryFen');
  const costed = col(t, 'costedRevenueFen');
  const profit = col(t, 'grossProfitFen');
  const first = col(t, 'firstPurchaseDay');
  const last = col(t, 'lastPurchaseDay');
  const refunds = col(t, 'refundCount');
  const lastContact = col(t, 'lastInteractionDay');
  const days = (d: number) => (Number.isNaN(d) ? NaN : Math.max(0, asOfDay - d));

  put('customerAgeDays', (i) => days(created[i]!));
  put('grossMarginPct', (i) => (Number.isNaN(profit[i]!) || !(costed[i]! > 0) ? NaN : (profit[i]! / costed[i]!) * 100));
  put('avgOrderValueFen', (i) => (freq[i]! > 0 ? monetary[i]! / freq[i]! : NaN));
  t.num.set('firstPurchaseOn', first);
  t.num.set('lastPurchaseOn', last);
  const recency = put('recencyDays', (i) => (freq[i]! > 0 ? days(last[i]!) : NaN));
  put('tenureDays', (i) => (freq[i]! > 0 ? days(first[i]!) : NaN));
  const interval = put('avgIntervalDays', (i) => (freq[i]! >= 2 ? (last[i]! - first[i]!) / (freq[i]! - 1) : NaN));
  put('refundRatePct', (i) => (orders[i]! > 0 ? (refunds[i]! / orders[i]!) * 100 : NaN));
  put('lastInteractionDays', (i) => days(lastContact[i]!));
  for (const k of ['orderCount', 'frequency', 'monetaryFen', 'refundCount', 'windowFrequency', 'windowMonetaryFen', 'interactionCount']) if (!t.num.has(k)) t.num.set(k, new Float64Array(n));

  const pop = population(t, asOfDay, opts.windowDays, recency, interval);
  const median = pop.medianIntervalDays;
  put('rhythmRatio', (i) => (Number.isNaN(recency[i]!) ? NaN : recency[i]! / Math.max(1, freq[i]! >= 2 ? interval[i]! : median)));
  const r = put('rScore', (i) => (freq[i]! > 0 ? scoreRecency(recency[i]!, pop.recencyCuts) : NaN));
  const f = put('fScore', (i) => (freq[i]! > 0 ? scoreUp(freq[i]!, pop.frequencyCuts) : NaN));
  const m = put('mScore', (i) => (freq[i]! > 0 ? scoreUp(monetary[i]!, pop.monetaryCuts) : NaN));
  const seg: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) seg[i] = freq[i]! > 0 ? rfmSegment(r[i]!, f[i]!, m[i]!) : null;
  t.text.set('rfmSegment', seg);
  t.num.set('contributionPct', contribution(t, monetary, freq, pop.totalMonetaryFen));

  const kinds = t.text.get('kind') ?? new Array<string | null>(n).fill(null);
  const customText = t.text.get('custom');
  const customs: (Record<string, unknown> | null)[] = new Array(n);
  for (let i = 0; i < n; i++) customs[i] = parseCustom(customText?.[i] ?? null);
  const nature: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) nature[i] = natureOf(kinds[i] ?? null, opts.natureField ? (customs[i] ?? null) : null);
  t.text.set('nature', nature);
  for (const key of opts.customKeys ?? []) {
    const out: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = customs[i]?.[key];
      out[i] = typeof v === 'string' && v !== '' ? v : null;
    }
    t.text.set(`custom.${key}`, out);
  }
  return pop;
}

function population(t: CustomerTable, asOfDay: number, windowDays: number, recency: Float64Array, interval: Float64Array): PopulationStats {
  const freq = col(t, 'frequency');
  const monetary = col(t, 'monetaryFen');
  let buyers = 0;
  let repeat = 0;
  let total = 0;
  for (let i = 0; i < t.size; i++) {
    if (freq[i]! > 0) buyers++;
    if (freq[i]! >= 2) repeat++;
    total += monetary[i]!;
  }
  const rv = new Float64Array(buyers);
  const fv = new Float64Array(buyers);
  const mv = new Float64Array(buyers);
  const iv = new Float64Array(repeat);
  for (let i = 0, b = 0, k = 0; i < t.size; i++) {
    if (freq[i]! > 0) {
      rv[b] = recency[i]!;
      fv[b] = freq[i]!;
      mv[b++] = monetary[i]!;
    }
    if (freq[i]! >= 2) iv[k++] = interval[i]!;
  }
  iv.sort();
  const median = repeat === 0 ? DEFAULT_INTERVAL_DAYS : iv[Math.floor(repeat / 2)]!;
  return {
    asOfDay, windowDays, customers: t.size, buyers,
    recencyCuts: quintileCuts(rv), frequencyCuts: quintileCuts(fv), monetaryCuts: quintileCuts(mv),
    medianIntervalDays: Math.round(median * 100) / 100, totalMonetaryFen: total,
  };
}

/** Cumulative share of revenue down to this customer, buyers ranked by monetary (ties by id). */
function contribution(t: CustomerTable, monetary: Float64Array, freq: Float64Array, total: number): Float64Array {
  const out = new Float64Array(t.size).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < t.size; i++) if (freq[i]! > 0) order.push(i);
  order.sort((a, b) => monetary[b]! - monetary[a]! || t.ids[a]! - t.ids[b]!);
  let cum = 0;
  for (const i of order) {
    cum += monetary[i]!;
    out[i] = total > 0 ? Math.min(100, (cum / total) * 100) : 100;
  }
  return out;
}
