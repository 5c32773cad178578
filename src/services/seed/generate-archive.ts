import { formatCustomerCode } from '../../domain/customers/code-scheme.ts';
import type { ArchiveBatch } from '../ports.ts';
import { allocator, isoInstant, periodMemo, planCustomer, type ArchivePlan } from './archive-plan.ts';
import { makeIndividual, makeOrganization } from './make-customer.ts';
import { makeInteractions, makePurchases, makeTags, stageOf } from './make-records.ts';
import { chance, int, pick, rngFor } from './prng.ts';

/** Where reserved sequences start: the first customer code sequence per period, and the first order sequence. */
export type SequenceStarts = { codes: ReadonlyMap<string, number>; order: number };

/** A pause between slices of a batch, so a caller can let I/O run while the next batch is made. */
export const pause = Symbol('pause');

/**
 * Second pass: the archive in batches of `batchSize` customers with all their records. Pure and
 * deterministic: the same plan and starts give the same rows in any batch size; memory holds one batch.
 * With `pauseEvery`, it also yields `pause` every that many customers.
 */
export function* generateArchive(plan: ArchivePlan, starts: SequenceStarts, batchSize = 5_000, pauseEvery = 0): Generator<ArchiveBatch | typeof pause> {
  const o = plan.options;
  const t = plan.timeline;
  const periodOf = periodMemo(o.codeScheme);
  const nextCode = new Map(starts.codes);
  let orderSequence = starts.order;
  const nextOrderSequence = () => orderSequence++;
  // every buyer gets one order, the rest follow appetite; with fewer orders than buyers, appetite alone decides
  const baseOrder = plan.buyingCustomers <= o.orders ? 1 : 0;
  const extraOrders = allocator(o.orders - baseOrder * plan.buyingCustomers, plan.orderWeight, o.customers);
  const interactionShare = allocator(o.interactions, plan.interactionWeight, o.customers);

  let batch: ArchiveBatch = { customers: [], contacts: [], purchases: [], interactions: [] };
  for (let i = 0; i < o.customers; i++) {
    const p = planCustomer(o, t, i);
    const orders = (p.orderWeight > 0 ? baseOrder : 0) + extraOrders(p.orderWeight);
    const interactions = interactionShare(p.interactionWeight);
    const period = periodOf(p.createdDay, p.createdMs);
    const sequence = nextCode.get(period);
    if (sequence === undefined) throw new Error(`no code block reserved for period "${period}"`);
    nextCode.set(period, sequence + 1);

    const r = rngFor(o.seed, 2, i);
    const made = p.isOrg ? makeOrganization(r) : makeIndividual(r, t.today);
    const owner = o.owners.length > 0 && chance(r, 0.9) ? pick(r, o.owners) : null;
    const departmentId = owner?.departmentId ?? (o.departmentIds.length > 0 && chance(r, 0.8) ? pick(r, o.departmentIds) : null);
    const who = { createdMs: p.createdMs, createdDay: p.createdDay, isOrg: p.isOrg, industry: made.row.industry };
    const index = batch.customers.length;
    const bought = makePurchases(r, t, who, orders, nextOrderSequence, index);
    const byUser = () => owner?.id ?? (o.owners.length > 0 && chance(r, 0.5) ? pick(r, o.owners).id : null);
    const talked = makeInteractions(r, t, who, interactions, byUser, index);
    const stage = stageOf(t, bought.lastDay);
    const tags = makeTags(r, t, { ...who, source: made.row.source, orders }, stage, bought.completedFen);
    const createdAt = isoInstant(p.createdMs);
    const updatedAt = chance(r, 0.3) ? isoInstant(int(r, p.createdMs / 1000, t.nowMs / 1000) * 1000) : createdAt;

    const row = made.row;
    row.code = formatCustomerCode(o.codeScheme, period, sequence);
    row.stage = stage;
    row.ownerId = owner?.id ?? null;
    row.departmentId = departmentId;
    row.tags = tags;
    row.createdAt = createdAt;
    row.updatedAt = updatedAt;
    batch.customers.push(row);
    for (const c of made.contacts) batch.contacts.push({ ...c, customer: index, createdAt, updatedAt: createdAt });
    for (const row of bought.rows) batch.purchases.push(row);
    for (const row of talked) batch.interactions.push(row);

    if (pauseEvery > 0 && (i + 1) % pauseEvery === 0) yield pause;
    if (batch.customers.length >= batchSize) {
      yield batch;
      batch = { customers: [], contacts: [], purchases: [], interactions: [] };
    }
  }
  if (batch.customers.length > 0) yield batch;
}
