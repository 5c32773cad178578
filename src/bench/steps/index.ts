import type { BenchStep } from '../step.ts';
import { httpStep } from './http.ts';
import { countStep, listStep } from './list.ts';
import { searchStep } from './search.ts';

/** Every step in the order `npm run bench` runs them. */
export const benchSteps: BenchStep[] = [listStep, countStep, searchStep, httpStep];
