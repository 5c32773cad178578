import type { BenchStep } from '../step.ts';
import { classifyStep } from './classify.ts';
import { exportStep } from './export.ts';
import { httpStep } from './http.ts';
import { importStep } from './import.ts';
import { countStep, listStep } from './list.ts';
import { searchStep } from './search.ts';

/**
 * Every step in the order `npm run bench` runs them. Reading steps first; `import` works on a fresh
 * database of its own; `classify` last, because it publishes the presets on the bench archive once.
 */
export const benchSteps: BenchStep[] = [listStep, countStep, searchStep, httpStep, exportStep, importStep, classifyStep];
