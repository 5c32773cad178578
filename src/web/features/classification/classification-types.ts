import type { ClassChange } from '../../../domain/classification/assignment.ts';
import type { Scheme } from '../../../domain/classification/scheme.ts';
import type { ValidationReport } from '../../../services/classification/evaluate-draft.ts';

/* Response shapes of the classification API as /work/briefs/classify-contract.md states them. */

export type RunProgress = { phase: string; done: number; total: number; note?: string };

export type PreviewCategory = { key: string; code: string; nameZh: string; leaf: boolean; before: number; after: number; movedIn: number; movedOut: number; status: 'added' | 'removed' | 'kept' };
export type Preview = {
  scheme: string;
  version: number;
  liveVersion: number | null;
  asOf: string;
  publishable: boolean;
  customers: number;
  changed: number;
  categories: PreviewCategory[];
  report: ValidationReport;
};
export type PublishResult = { scheme: Scheme; version: number; runId: number; changed: number; customers: number };

type CategoryRef = { key: string; code: string; nameZh: string; nameEn: string | null };
export type CustomerClass = {
  scheme: { key: string; nameZh: string; nameEn: string | null; version: number };
  category: CategoryRef;
  path: CategoryRef[];
  source: 'rule' | 'manual';
  since: string;
  reason: string | null;
  expiresAt: string | null;
  assignedBy: { id: number; name: string } | null;
  why: { criterion: string; labelZh: string; labelEn: string; value: string | number | null; display: string; ruleZh: string; ruleEn: string }[];
};
export type ClassTimelineEntry = ClassChange & {
  schemeKey: string;
  schemeNameZh: string;
  summaryZh: string;
  summaryEn: string;
  inputs: { criterion: string; labelZh: string; labelEn: string; before: string | null; after: string | null }[];
};
export type Distribution = {
  scheme: string;
  version: number | null;
  total: number;
  categories: { key: string; code: string; nameZh: string; nameEn: string | null; parentKey: string | null; depth: number; leaf: boolean; count: number }[];
};
