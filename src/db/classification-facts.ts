import { cstDay, DAY_MS, dayString, epochDay } from '../domain/classification/dates.ts';

const CST_MS = 8 * 3_600_000;
import { emptyTable, type CustomerTable } from '../domain/classification/metrics.ts';

/*
 * Turning rows into the engine's columns, shared by both engines: each SQL row is an array in a fixed
 * column order, matched to the table row of its customer. Results mostly arrive in customer order, so
 * a moving cursor finds the row; anything else falls back to a binary search.
 */

export const attributeColumns = ['kind', 'stage', 'industry', 'province', 'city', 'source'] as const;
export const factNumColumns = [
  'orderCount', 'frequency', 'monetaryFen', 'costedRevenueFen', 'grossProfitFen', 'firstPurchaseDay', 'lastPurchaseDay',
  'refundCount', 'windowFrequency', 'windowMonetaryFen', 'interactionCount', 'lastInteractionDay',
] as const;
const nullableFacts = new Set(['grossProfitFen', 'firstPurchaseDay', 'lastPurchaseDay', 'lastInteractionDay']);

type Value = string | number | bigint | null;
export type RawRow = Value[];

/** Repeated strings (provinces, stages, product lines) stored once. */
export function interner() {
  const seen = new Map<string, string>();
  return (v: Value): string | null => {
    if (v === null || v === undefined) return null;
    const s = String(v);
    const hit = seen.get(s);
    if (hit !== undefined) return hit;
    seen.set(s, s);
    return s;
  };
}

const dayCache = new Map<string, number>();
/** Epoch day of a date column value ('YYYY-MM-DD'), memoised: orders reuse a few thousand days. */
export function dayOf(v: Value): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v; // already an epoch day (the aggregates compute it in SQL)
  const s = String(v).slice(0, 10);
  let d = dayCache.get(s);
  if (d === undefined) {
    d = epochDay(s);
    if (dayCache.size < 200_000) dayCache.set(s, d);
  }
  return d;
}

/** CST day of an instant column value (ISO text on both engines, see connect.ts). */
export const instantDay = (v: Value): number => (v === null || v === undefined ? NaN : cstDay(new Date(String(v))));

const num = (v: Value) => (v === null || v === undefined ? 0 : Number(v));
const numOrNaN = (v: Value) => (v === null || v === undefined ? NaN : Number(v));

/** Customer rows [id, kind, stage, industry, province, city, source, created_at (epoch seconds or ISO text), custom?] into a table. */
export function customersToTable(rows: Iterable<RawRow>, withCustom: boolean): CustomerTable {
  const ids: number[] = [];
  const text = attributeColumns.map(() => [] as (string | null)[]);
  const created: number[] = [];
  const custom: (string | null)[] = [];
  const intern = interner();
  for (const r of rows) {
    ids.push(Number(r[0]));
    for (let k = 0; k < attributeColumns.length; k++) text[k]!.push(intern(r[k + 1] ?? null));
    const at = r[7] ?? null;
    created.push(typeof at === 'number' ? Math.floor((at * 1000 + CST_MS) / DAY_MS) : instantDay(at));
    if (withCustom) custom.push(r[8] === null || r[8] === undefined ? null : String(r[8]));
  }
  const t = emptyTable(ids.length);
  t.ids.set(ids);
  attributeColumns.forEach((c, k) => t.text.set(c, text[k]!));
  t.num.set('createdDay', Float64Array.from(created));
  if (withCustom) t.text.set('custom', custom);
  for (const c of factNumColumns) t.num.set(c, new Float64Array(t.size).fill(nullableFacts.has(c) ? NaN : 0));
  t.text.set('mainProductLine', new Array<string | null>(t.size).fill(null));
  t.text.set('lastInteractionAt', new Array<string | null>(t.size).fill(null));
  return t;
}

/** Finds table rows by customer id, fast when ids come in ascending order. */
export function rowFinder(t: CustomerTable) {
  let cursor = 0;
  return (id: number): number => {
    const ids = t.ids;
    if (cursor < ids.length && ids[cursor] === id) return cursor;
    if (cursor + 1 < ids.length && ids[cursor + 1] === id) return ++cursor;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = ids[mid]!;
      if (v === id) return (cursor = mid);
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
}

/** Resets the fact columns of some rows before they are aggregated again. */
export function clearFacts(t: CustomerTable, rows: Int32Array | null) {
  const lines = t.text.get('mainProductLine')!;
  for (const c of factNumColumns) {
    const col = t.num.get(c)!;
    const empty = nullableFacts.has(c) ? NaN : 0;
    if (rows === null) col.fill(empty);
    else for (const i of rows) col[i] = empty;
  }
  const contact = t.text.get('lastInteractionAt')!;
  if (rows === null) {
    lines.fill(null);
    contact.fill(null);
  } else for (const i of rows) lines[i] = contact[i] = null;
}

/**
 * Purchase groups [customer_id, product_line, status, count, amount, profit, costed amount, first, last,
 * window amount, window count] added into the fact columns. Completed orders are purchases; refunded
 * ones only count as refunds and as orders; cancelled ones never reach this (the query leaves them out).
 */
export function addPurchaseGroups(t: CustomerTable, rows: Iterable<RawRow>) {
  const find = rowFinder(t);
  const c = (k: string) => t.num.get(k)!;
  const [orders, freq, monetary, costed, profit, first, last, refunds, wFreq, wMonetary] = [
    'orderCount', 'frequency', 'monetaryFen', 'costedRevenueFen', 'grossProfitFen', 'firstPurchaseDay', 'lastPurchaseDay', 'refundCount', 'windowFrequency', 'windowMonetaryFen',
  ].map(c) as Float64Array[];
  const lines = t.text.get('mainProductLine')!;
  const lineBest = new Map<number, number>();
  const intern = interner();
  for (const r of rows) {
    const i = find(Number(r[0]));
    if (i < 0) continue;
    const n = num(r[3] ?? null);
    orders![i]! += n;
    if (r[2] !== 'completed') {
      refunds![i]! += n;
      continue;
    }
    const amount = num(r[4] ?? null);
    freq![i]! += n;
    monetary![i]! += amount;
    const p = numOrNaN(r[5] ?? null);
    if (!Number.isNaN(p)) profit![i] = (Number.isNaN(profit![i]!) ? 0 : profit![i]!) + p;
    costed![i]! += num(r[6] ?? null);
    const f = dayOf(r[7] ?? null);
    const l = dayOf(r[8] ?? null);
    if (!(first![i]! <= f)) first![i] = f;
    if (!(last![i]! >= l)) last![i] = l;
    wMonetary![i]! += num(r[9] ?? null);
    wFreq![i]! += num(r[10] ?? null);
    const line = intern(r[1] ?? null);
    if (line !== null) {
      const best = lineBest.get(i);
      if (best === undefined || amount > best || (amount === best && line < (lines[i] ?? ''))) {
        lineBest.set(i, amount);
        lines[i] = line;
      }
    }
  }
}

/** Interaction groups [customer_id, count, last occurred_at]. */
export function addInteractionGroups(t: CustomerTable, rows: Iterable<RawRow>) {
  const find = rowFinder(t);
  const count = t.num.get('interactionCount')!;
  const last = t.num.get('lastInteractionDay')!;
  const lastAt = t.text.get('lastInteractionAt')!;
  for (const r of rows) {
    const i = find(Number(r[0]));
    if (i < 0) continue;
    count[i] = num(r[1] ?? null);
    const at = r[2] === null || r[2] === undefined ? null : String(r[2]);
    lastAt[i] = at;
    last[i] = instantDay(at);
  }
}

export const metricColumns = [
  'customer_id', 'computed_at', 'as_of', 'window_days', 'order_count', 'frequency', 'monetary_fen', 'costed_revenue_fen', 'gross_profit_fen',
  'first_purchase_on', 'last_purchase_on', 'refund_count', 'window_frequency', 'window_monetary_fen', 'main_product_line', 'interaction_count', 'last_interaction_at',
  'digest',
] as const;

/** A stored facts row [customer_id, order_count, …, last_interaction_at] into the table; false when the customer is not in it. */
export function factsRowToTable(t: CustomerTable, find: (id: number) => number, r: RawRow): number {
  const i = find(Number(r[0]));
  if (i < 0) return -1;
  const set = (k: string, v: number) => (t.num.get(k)![i] = v);
  set('orderCount', num(r[1] ?? null));
  set('frequency', num(r[2] ?? null));
  set('monetaryFen', num(r[3] ?? null));
  set('costedRevenueFen', num(r[4] ?? null));
  set('grossProfitFen', numOrNaN(r[5] ?? null));
  set('firstPurchaseDay', dayOf(r[6] ?? null));
  set('lastPurchaseDay', dayOf(r[7] ?? null));
  set('refundCount', num(r[8] ?? null));
  set('windowFrequency', num(r[9] ?? null));
  set('windowMonetaryFen', num(r[10] ?? null));
  t.text.get('mainProductLine')![i] = r[11] === null || r[11] === undefined ? null : String(r[11]);
  set('interactionCount', num(r[12] ?? null));
  const at = r[13] === null || r[13] === undefined ? null : String(r[13]);
  t.text.get('lastInteractionAt')![i] = at;
  set('lastInteractionDay', instantDay(at));
  return i;
}

/** The facts of one row as stored (metricColumns order). */
export function factsRow(t: CustomerTable, i: number, meta: { at: string; asOf: string; windowDays: number }, digests: Float64Array): (string | number | null)[] {
  const n = (k: string) => t.num.get(k)![i]!;
  const opt = (v: number) => (Number.isNaN(v) ? null : v);
  const date = (v: number) => (Number.isNaN(v) ? null : dayString(v));
  return [
    t.ids[i]!, meta.at, meta.asOf, meta.windowDays, n('orderCount'), n('frequency'), n('monetaryFen'), n('costedRevenueFen'), opt(n('grossProfitFen')),
    date(n('firstPurchaseDay')), date(n('lastPurchaseDay')), n('refundCount'), n('windowFrequency'), n('windowMonetaryFen'),
    t.text.get('mainProductLine')![i] ?? null, n('interactionCount'), t.text.get('lastInteractionAt')![i] ?? null, digests[i]!,
  ];
}

const TWO_32 = 4_294_967_296;
const TWO_20 = 1_048_576;

/**
 * A 52-bit digest of every row's facts (not of when or for which day they were computed), so a run can
 * tell in memory which stored rows would change and write only those. Two independent 32-bit FNV-1a
 * style hashes, one cut to 20 bits: a wrong "unchanged" needs both to collide (about 1 in 4.5e15).
 */
export function factsDigests(t: CustomerTable, windowDays: number): Float64Array {
  const cols = factNumColumns.filter((c) => c !== 'lastInteractionDay').map((c) => t.num.get(c)!);
  const lines = t.text.get('mainProductLine')!;
  const contact = t.text.get('lastInteractionAt')!;
  const out = new Float64Array(t.size);
  let a = 0;
  let b = 0;
  const mix = (v: number) => {
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ v, 0x5bd1e995);
    b ^= b >>> 15;
  };
  for (let i = 0; i < t.size; i++) {
    a = 0x811c9dc5 ^ windowDays;
    b = 0x9747b28c ^ windowDays;
    for (const col of cols) {
      const v = col[i]!;
      if (Number.isNaN(v)) mix(0x7ff80000);
      else {
        mix(v % TWO_32 | 0);
        mix(Math.floor(v / TWO_32) | 0);
      }
    }
    for (const text of [lines[i], contact[i]]) {
      if (text === null || text === undefined) mix(0x7ff80001);
      else {
        for (let k = 0; k < text.length; k++) mix(text.charCodeAt(k));
        mix(text.length);
      }
    }
    out[i] = (a >>> 0) * TWO_20 + ((b >>> 0) % TWO_20);
  }
  return out;
}

const rowIndexes = new WeakMap<CustomerTable, (id: number) => number>();
/** Table row of a customer id in any order (-1 when absent): a dense array when ids are compact, else a map. */
export function rowIndex(t: CustomerTable): (id: number) => number {
  const hit = rowIndexes.get(t);
  if (hit) return hit;
  const max = t.size ? t.ids[t.size - 1]! : 0;
  let find: (id: number) => number;
  if (max <= 4 * t.size + 65_536) {
    const dense = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < t.size; i++) dense[t.ids[i]!] = i;
    find = (id) => (id >= 0 && id <= max ? dense[id]! : -1);
  } else {
    const map = new Map<number, number>();
    for (let i = 0; i < t.size; i++) map.set(t.ids[i]!, i);
    find = (id) => map.get(id) ?? -1;
  }
  rowIndexes.set(t, find);
  return find;
}
