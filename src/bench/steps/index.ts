import type { BenchStep } from '../step.ts';
import { classifyStep } from './classify.ts';
import { httpStep } from './http.ts';
import { importStep } from './import.ts';
import { countStep, listStep } from './list.ts';

/** Every step in the order `npm run bench` runs them. */
export const benchSteps: BenchStep[] = [listStep, countStep, httpStep, importStep, classifyStep];
