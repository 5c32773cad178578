/*
 * The set of values a rule matches, as algebra: numbers (and dates as epoch days) are unions of
 * intervals, text values are finite sets or "everything except" sets (open domains such as province),
 * and each region says whether it contains "no value". Overlaps are intersections, gaps are
 * differences: this is what proves a sibling group complete and exclusive.
 */

export type Interval = { lo: number; hi: number; loIn: boolean; hiIn: boolean };
export type NumRegion = { type: 'num'; integer: boolean; intervals: Interval[]; null: boolean };
export type EnumRegion = { type: 'enum'; values: ReadonlySet<string>; complement: boolean; null: boolean };
export type Region = NumRegion | EnumRegion;

const emptyInterval = (iv: Interval) => iv.lo > iv.hi || (iv.lo === iv.hi && !(iv.loIn && iv.hiIn));

/** Integer domains become closed integer intervals: (3, 7) → [4, 6]; an interval without integers disappears. */
function normalize(iv: Interval, integer: boolean): Interval | null {
  if (!integer) return emptyInterval(iv) ? null : iv;
  const lo = iv.lo === -Infinity ? -Infinity : iv.loIn ? Math.ceil(iv.lo) : Math.floor(iv.lo) + 1;
  const hi = iv.hi === Infinity ? Infinity : iv.hiIn ? Math.floor(iv.hi) : Math.ceil(iv.hi) - 1;
  const out = { lo, hi, loIn: lo !== -Infinity, hiIn: hi !== Infinity };
  return lo > hi ? null : out;
}

function merge(list: Interval[], integer: boolean): Interval[] {
  const ivs = list.map((iv) => normalize(iv, integer)).filter((iv): iv is Interval => iv !== null);
  ivs.sort((a, b) => a.lo - b.lo || (a.loIn === b.loIn ? 0 : a.loIn ? -1 : 1));
  const out: Interval[] = [];
  for (const iv of ivs) {
    const last = out[out.length - 1];
    const touches = last && (last.hi > iv.lo || (last.hi === iv.lo && (last.hiIn || iv.loIn)) || (integer && last.hi + 1 === iv.lo));
    if (!last || !touches) {
      out.push({ ...iv });
      continue;
    }
    if (iv.hi > last.hi || (iv.hi === last.hi && iv.hiIn)) {
      last.hi = iv.hi;
      last.hiIn = iv.hiIn;
    }
  }
  return out;
}

function intersectInterval(a: Interval, b: Interval): Interval | null {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loIn = a.lo === b.lo ? a.loIn && b.loIn : a.lo > b.lo ? a.loIn : b.loIn;
  const hiIn = a.hi === b.hi ? a.hiIn && b.hiIn : a.hi < b.hi ? a.hiIn : b.hiIn;
  const iv = { lo, hi, loIn, hiIn };
  return emptyInterval(iv) ? null : iv;
}

export const numRegion = (integer: boolean, intervals: Interval[], hasNull: boolean): NumRegion => ({ type: 'num', integer, intervals: merge(intervals, integer), null: hasNull });
export const enumRegion = (values: Iterable<string>, complement: boolean, hasNull: boolean): EnumRegion => ({ type: 'enum', values: new Set(values), complement, null: hasNull });
export const emptyLike = (r: Region): Region => (r.type === 'num' ? numRegion(r.integer, [], false) : enumRegion([], false, false));

export function intersect(a: Region, b: Region): Region {
  if (a.type === 'num' && b.type === 'num') {
    const out: Interval[] = [];
    for (const x of a.intervals) for (const y of b.intervals) {
      const iv = intersectInterval(x, y);
      if (iv) out.push(iv);
    }
    return numRegion(a.integer || b.integer, out, a.null && b.null);
  }
  if (a.type === 'enum' && b.type === 'enum') {
    const hasNull = a.null && b.null;
    if (!a.complement && !b.complement) return enumRegion([...a.values].filter((v) => b.values.has(v)), false, hasNull);
    if (!a.complement) return enumRegion([...a.values].filter((v) => !b.values.has(v)), false, hasNull);
    if (!b.complement) return enumRegion([...b.values].filter((v) => !a.values.has(v)), false, hasNull);
    return enumRegion([...a.values, ...b.values], true, hasNull);
  }
  throw new Error('regions of different types');
}

export function union(a: Region, b: Region): Region {
  if (a.type === 'num' && b.type === 'num') return numRegion(a.integer || b.integer, [...a.intervals, ...b.intervals], a.null || b.null);
  if (a.type === 'enum' && b.type === 'enum') {
    const hasNull = a.null || b.null;
    if (!a.complement && !b.complement) return enumRegion([...a.values, ...b.values], false, hasNull);
    if (a.complement && b.complement) return enumRegion([...a.values].filter((v) => b.values.has(v)), true, hasNull);
    const [set, co] = a.complement ? [b, a] : [a, b];
    return enumRegion([...co.values].filter((v) => !set.values.has(v)), true, hasNull);
  }
  throw new Error('regions of different types');
}

export function subtract(a: Region, b: Region): Region {
  if (a.type === 'num' && b.type === 'num') {
    const integer = a.integer || b.integer;
    const cover = merge(b.intervals, integer);
    const out: Interval[] = [];
    for (const d of a.intervals) {
      let cur: Interval | null = { ...d };
      for (const c of cover) {
        if (!cur) break;
        if (c.hi < cur.lo || c.lo > cur.hi) continue;
        const left: Interval = { lo: cur.lo, loIn: cur.loIn, hi: c.lo, hiIn: !c.loIn };
        if (!emptyInterval(left) && intersectInterval(left, cur)) out.push(left);
        const rest: Interval = { lo: c.hi, loIn: !c.hiIn, hi: cur.hi, hiIn: cur.hiIn };
        cur = emptyInterval(rest) ? null : rest;
      }
      if (cur) out.push(cur);
    }
    return numRegion(integer, out, a.null && !b.null);
  }
  if (a.type === 'enum' && b.type === 'enum') {
    const hasNull = a.null && !b.null;
    if (!a.complement && !b.complement) return enumRegion([...a.values].filter((v) => !b.values.has(v)), false, hasNull);
    if (!a.complement) return enumRegion([...a.values].filter((v) => b.values.has(v)), false, hasNull);
    if (!b.complement) return enumRegion([...a.values, ...b.values], true, hasNull);
    return enumRegion([...b.values].filter((v) => !a.values.has(v)), false, hasNull);
  }
  throw new Error('regions of different types');
}

export function isEmpty(r: Region): boolean {
  if (r.null) return false;
  if (r.type === 'num') return r.intervals.length === 0;
  return !r.complement && r.values.size === 0;
}

const fmt = (n: number, date: boolean) => {
  if (!Number.isFinite(n)) return n < 0 ? '-∞' : '∞';
  if (date) return new Date(n * 86_400_000).toISOString().slice(0, 10);
  return String(Math.round(n * 10_000) / 10_000);
};

/** A language-neutral picture of a region: "[15, 30)", "{批发商, 零售商}", "everything except {…}"; null is reported apart. */
export function describe(r: Region, opts: { date?: boolean; maxValues?: number } = {}): { text: string; values: string[]; complement: boolean; null: boolean } {
  if (r.type === 'num') {
    const text = r.intervals
      .map((iv) => (iv.lo === iv.hi ? fmt(iv.lo, !!opts.date) : `${iv.loIn ? '[' : '('}${fmt(iv.lo, !!opts.date)}, ${fmt(iv.hi, !!opts.date)}${iv.hiIn ? ']' : ')'}`))
      .join(' ∪ ');
    return { text, values: [], complement: false, null: r.null };
  }
  const max = opts.maxValues ?? 12;
  const values = [...r.values].sort();
  const shown = values.length > max ? [...values.slice(0, max), `… +${values.length - max}`] : values;
  const text = values.length === 0 && !r.complement ? '' : `${r.complement ? '∁' : ''}{${shown.join(', ')}}`;
  return { text, values, complement: r.complement, null: r.null };
}
