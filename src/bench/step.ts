import type { BenchContext } from './context.ts';

/**
 * One measured figure, printed beside the raw engine doing the same work. `better` tells which way is
 * good; the ratio is always "Kedang's cost in units of the raw engine's" (2.0 = twice the time, or half
 * the throughput). `target` is the product's promise for this figure, where the issue sets one.
 */
export type Figure = {
  metric: string;
  kedang: number;
  raw?: number | undefined;
  unit: string;
  better: 'higher' | 'lower';
  target?: { op: '>=' | '<='; value: number } | undefined;
  note?: string | undefined;
};

export type BenchStep = {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Figure[]>;
};

/** `error`: the step failed (its figures are empty); the others still run and are reported. */
export type StepResult = { step: string; title: string; figures: Figure[]; peakRssMb: number; serverPeakRssMb?: number | undefined; seconds: number; error?: string | undefined };

/** Kedang's cost in units of the raw engine's: > 1 means slower (or less throughput) than raw. */
export function ratio(f: Figure): number | undefined {
  if (f.raw === undefined || f.raw === 0 || f.kedang === 0) return undefined;
  return f.better === 'lower' ? f.kedang / f.raw : f.raw / f.kedang;
}

export function meetsTarget(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === '>=' ? f.kedang >= f.target.value : f.kedang <= f.target.value;
}
