/** Small seeded random numbers for the synthetic archive: fast, deterministic, no dependencies. */

export type Rng = () => number;

/** mulberry32: a 32-bit state generator, floats in [0, 1); plenty for test data, not for secrets. */
export function mulberry32(seed: number): Rng {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes numbers into one 32-bit seed (murmur3 finaliser), so stream i of seed s is independent of i+1. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A generator for record `index` of `stream`: any record can be regenerated alone, in any batch size. */
export const rngFor = (seed: number, stream: number, index: number): Rng => mulberry32(mixSeed(seed, stream, index, index / 4294967296));

/** Integer in [lo, hi], both inclusive. */
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

export const chance = (r: Rng, p: number): boolean => r() < p;

export function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}

/** Standard normal (Box–Muller, one of the pair). */
export function normal(r: Rng): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Log-uniform between lo and hi: prices and quantities spread over orders of magnitude. */
export const logUniform = (r: Rng, lo: number, hi: number): number => lo * Math.pow(hi / lo, r());

/** A picker over weighted items; binary search over the cumulative weights. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (r: Rng) => T {
  const items = entries.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) cumulative.push((total += w));
  return (r) => {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}
