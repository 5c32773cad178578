import { z } from 'zod';
import { isoDateTimeSchema, requiredText } from '../shared/primitives.ts';
import type { Inputs } from './evaluate.ts';
import type { Rule } from './scheme.ts';
import { categoryKeySchema } from './scheme.ts';

/** Where a customer sits in one scheme: placed by the rules, or by hand with a reason (and maybe an expiry). */
export const assignmentSources = ['rule', 'manual'] as const;
export type AssignmentSource = (typeof assignmentSources)[number];

export type Assignment = {
  schemeId: number;
  version: number;
  customerId: number;
  categoryKey: string;
  categoryCode: string;
  source: AssignmentSource;
  reason: string | null;
  expiresAt: string | null;
  assignedBy: number | null;
  /** the criterion values on the way to the category when it was assigned: the "why" */
  inputs: Inputs;
  assignedAt: string;
};

/**
 * Why a class changed: rules after new data or the passing of time (`rule`), a newly published version
 * (`publish`), a manual override or its end (`manual`, `override_cleared`, `override_expired`), a
 * deleted category whose customers were reassigned (`reassigned`), or no rule matching any more
 * (`uncovered`, only possible when data outgrew a scheme, e.g. a new option of a custom field).
 */
export const changeCauses = ['rule', 'publish', 'manual', 'override_cleared', 'override_expired', 'reassigned', 'uncovered'] as const;
export type ChangeCause = (typeof changeCauses)[number];

export type ClassChange = {
  id: number;
  schemeId: number;
  customerId: number;
  at: string;
  runId: number | null;
  schemeVersion: number;
  fromKey: string | null;
  fromCode: string | null;
  fromName: string | null;
  toKey: string | null;
  toCode: string | null;
  toName: string | null;
  cause: ChangeCause;
  /** the rule of the category the customer moved to (null for manual membership) */
  rule: Rule | null;
  inputsBefore: Inputs | null;
  inputsAfter: Inputs | null;
  reason: string | null;
  actorId: number | null;
};

export const runKinds = ['full', 'incremental', 'publish'] as const;
export type RunKind = (typeof runKinds)[number];
export type RunStatus = 'running' | 'succeeded' | 'failed';

export type ClassRun = {
  id: number;
  kind: RunKind;
  status: RunStatus;
  schemeKeys: string[];
  asOf: string;
  actorId: number | null;
  actorName: string;
  startedAt: string;
  finishedAt: string | null;
  stats: Record<string, unknown>;
  error: string | null;
};

export const manualOverrideSchema = z.strictObject({
  categoryKey: categoryKeySchema,
  reason: requiredText(500),
  /** after this instant the next run puts the customer back where the rules say */
  expiresAt: isoDateTimeSchema.nullable().optional(),
});
export type ManualOverride = z.infer<typeof manualOverrideSchema>;
