import type { ChangeCause } from '../../domain/classification/assignment.ts';
import type { CompiledScheme, Inputs } from '../../domain/classification/evaluate.ts';
import type { CustomerTable } from '../../domain/classification/metrics.ts';
import type { Category } from '../../domain/classification/scheme.ts';
import type { AssignmentWrite, ClassChangeRow, CurrentAssignments } from '../ports.ts';

/*
 * What an evaluation changes, computed in memory: customers are walked in table order, the live
 * assignments aligned with the table's rows. Manual overrides win until they expire; a customer whose class stays
 * the same is not written (a publish copies the live rows into the new version first, so unchanged
 * customers keep their "since" and their inputs); every move becomes a class change.
 */

export const EXAMPLES = 20;

export type PlanStats = {
  customers: number;
  unchanged: number;
  changed: number;
  placed: number;
  uncovered: number;
  overlapping: number;
  manualKept: number;
  overridesEnded: number;
};

export type Plan = {
  writes: AssignmentWrite[];
  deletes: number[];
  changes: ClassChangeRow[];
  stats: PlanStats;
  /** customer ids of uncovered customers and of customers two siblings matched (with their keys), first few */
  uncoveredExamples: number[];
  overlapExamples: { customerId: number; keys: [string, string] }[];
  /** per category key: customers in it after the plan, moved in, moved out */
  flows: Map<string, { after: number; before: number; movedIn: number; movedOut: number }>;
};

type Label = { code: string; nameZh: string };

export type PlanInput = {
  compiled: CompiledScheme;
  table: CustomerTable;
  current: CurrentAssignments | null;
  /** codes and names of the categories the current assignments point at */
  currentLabels: ReadonlyMap<string, Label>;
  schemeId: number;
  /** version the changes are recorded under */
  version: number;
  runId: number | null;
  at: string;
  /** confirm the proof on data: try every sibling (slower) */
  check: boolean;
  /** deleted category → where its manual members go (publish) */
  reassignments?: Readonly<Record<string, string>>;
  publish: boolean;
};

export function planAssignments(p: PlanInput): Plan {
  const { compiled, table, current } = p;
  const cats = compiled.categories;
  const stats: PlanStats = { customers: table.size, unchanged: 0, changed: 0, placed: 0, uncovered: 0, overlapping: 0, manualKept: 0, overridesEnded: 0 };
  const writes: AssignmentWrite[] = [];
  const deletes: number[] = [];
  const changes: ClassChangeRow[] = [];
  const uncoveredExamples: number[] = [];
  const overlapExamples: Plan['overlapExamples'] = [];
  // counters by category index (after, moved in) and by current key index (before, moved out): no map lookups per customer
  const after = new Int32Array(cats.length);
  const movedIn = new Int32Array(cats.length);
  const curKeys = current?.keys ?? [];
  const before = new Int32Array(curKeys.length);
  const movedOut = new Int32Array(curKeys.length);
  const catOfKey = Int32Array.from(curKeys, (k) => compiled.indexOf.get(k) ?? -1);
  const label = (key: string | null): Label | null => (key === null ? null : (p.currentLabels.get(key) ?? null));
  const change = (customerId: number, fromKey: string | null, to: Category | null, cause: ChangeCause, inputsAfter: Inputs | null, extra: Partial<ClassChangeRow> = {}): ClassChangeRow => ({
    schemeId: p.schemeId,
    customerId,
    at: p.at,
    runId: p.runId,
    schemeVersion: p.version,
    fromKey,
    fromCode: label(fromKey)?.code ?? null,
    fromName: label(fromKey)?.nameZh ?? null,
    toKey: to?.key ?? null,
    toCode: to?.code ?? null,
    toName: to?.nameZh ?? null,
    cause,
    rule: to?.rule ?? null,
    inputsBefore: null,
    inputsAfter,
    reason: null,
    actorId: null,
    ...extra,
  });

  const keyOf = current?.keyOf;
  const manual = current?.manual;
  for (let i = 0; i < table.size; i++) {
    const k = keyOf ? keyOf[i]! : -1;
    const has = k >= 0;
    if (has) before[k]!++;

    let leaf: number;
    if (p.check) {
      const r = compiled.check(i);
      leaf = r.leaf;
      if (r.overlap) {
        stats.overlapping++;
        if (overlapExamples.length < EXAMPLES) overlapExamples.push({ customerId: table.ids[i]!, keys: [cats[r.overlap[0]]!.key, cats[r.overlap[1]]!.key] });
      }
    } else leaf = compiled.place(i);

    const wasManual = has && manual![i] === 1;
    if (!wasManual && has && leaf >= 0 && catOfKey[k] === leaf) {
      // the common case of a run: same class as before, nothing to write
      stats.placed++;
      stats.unchanged++;
      after[leaf]!++;
      continue;
    }
    const id = table.ids[i]!;
    const curKey = has ? curKeys[k]! : null;

    // a manual override stays while it has not expired and its category (or its reassignment) is a leaf here
    if (wasManual) {
      const o = current!.overrides.get(i) ?? { expiresAt: null, reason: null, assignedBy: null };
      const target = p.reassignments?.[curKey!] ?? curKey!;
      const index = compiled.indexOf.get(target);
      const live = o.expiresAt === null || o.expiresAt > p.at;
      if (live && index !== undefined && compiled.isLeaf(index)) {
        stats.manualKept++;
        const to = cats[index]!;
        after[index]!++;
        if (target !== curKey) {
          movedOut[k]!++;
          movedIn[index]!++;
          stats.changed++;
          writes.push({ customerId: id, categoryKey: to.key, categoryCode: to.code, source: 'manual', reason: o.reason, expiresAt: o.expiresAt, assignedBy: o.assignedBy, inputs: {}, assignedAt: p.at });
          changes.push(change(id, curKey, to, 'reassigned', null, { reason: o.reason }));
        } else stats.unchanged++;
        continue;
      }
      stats.overridesEnded++;
    }

    if (leaf < 0) {
      stats.uncovered++;
      if (uncoveredExamples.length < EXAMPLES) uncoveredExamples.push(id);
      if (has) {
        movedOut[k]!++;
        deletes.push(id);
        stats.changed++;
        changes.push(change(id, curKey, null, wasManual ? 'override_expired' : 'uncovered', null));
      }
      continue;
    }
    stats.placed++;
    const to = cats[leaf]!;
    after[leaf]!++;
    if (has && curKey === to.key && !wasManual) {
      stats.unchanged++;
      continue;
    }
    const inputs = compiled.inputs(i, leaf);
    writes.push({ customerId: id, categoryKey: to.key, categoryCode: to.code, source: 'rule', reason: null, expiresAt: null, assignedBy: null, inputs, assignedAt: p.at });
    if (!has) continue; // a first placement is no change; the assignment's assignedAt tells since when
    if (curKey !== to.key) {
      movedOut[k]!++;
      movedIn[leaf]!++;
    }
    stats.changed++;
    const cause: ChangeCause = wasManual ? 'override_expired' : p.publish ? 'publish' : 'rule';
    changes.push(change(id, curKey, to, cause, inputs));
  }

  const flows = new Map<string, { after: number; before: number; movedIn: number; movedOut: number }>();
  const flow = (key: string) => {
    let f = flows.get(key);
    if (!f) flows.set(key, (f = { after: 0, before: 0, movedIn: 0, movedOut: 0 }));
    return f;
  };
  cats.forEach((c, i) => {
    if (compiled.isLeaf(i) || after[i]! > 0 || movedIn[i]! > 0) {
      const f = flow(c.key);
      f.after += after[i]!;
      f.movedIn += movedIn[i]!;
    }
  });
  curKeys.forEach((key, k) => {
    if (before[k]! > 0 || movedOut[k]! > 0) {
      const f = flow(key);
      f.before += before[k]!;
      f.movedOut += movedOut[k]!;
    }
  });
  return { writes, deletes, changes, stats, uncoveredExamples, overlapExamples, flows };
}
