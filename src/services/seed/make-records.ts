import type { LifecycleStage } from '../../domain/customers/customer.ts';
import type { IndustryCode } from '../../domain/customers/industries.ts';
import type { PurchaseStatus } from '../../domain/purchases/purchase.ts';
import type { BulkInteractionRow, BulkPurchaseRow } from '../ports.ts';
import { cstInstant, dayCompact, dayString, isoInstant, type Timeline } from './archive-plan.ts';
import { chance, int, logUniform, pick, weighted, type Rng } from './prng.ts';
import { FAVOURITE_LINE, ONLINE_SOURCES, PRODUCT_LINES, SUBJECTS, SUMMARIES, pickChannel } from './vocab.ts';

/** A customer's purchase and interaction history, dated between its creation and today. */

type Who = { createdMs: number; createdDay: number; isOrg: boolean; industry: string | null };
export type Purchases = { rows: BulkPurchaseRow[]; lastDay: number | null; completedFen: number };

const ORDER_CAP_FEN = 300_000_000; // 300 万元 per order keeps an SME's totals plausible
const pickStatus = weighted<PurchaseStatus>([['completed', 92], ['cancelled', 5], ['refunded', 3]]);
const pad8 = (n: number) => String(n).padStart(8, '0');

/** An instant on `day` inside office hours, never before the customer existed nor after now. */
function instantOn(r: Rng, t: Timeline, who: Who, day: number): number {
  const ms = cstInstant(day, int(r, 540, 1199) + r());
  return Math.min(t.nowMs, Math.max(ms, who.createdMs + int(r, 60, 7_200) * 1000));
}

/**
 * `count` orders. About 30% of long-standing buyers stopped more than a year ago (they end up churned);
 * most others bought within the last year. Order numbers are SO + order date + a reserved sequence.
 */
export function makePurchases(r: Rng, t: Timeline, who: Who, count: number, nextSequence: () => number, customer: number): Purchases {
  if (count === 0) return { rows: [], lastDay: null, completedFen: 0 };
  let endDay = t.today;
  const churns = who.createdDay < t.today - 400 && chance(r, 0.3);
  if (churns) endDay = int(r, Math.min(who.createdDay + 30, t.today - 366), t.today - 366);
  const days: number[] = [];
  for (let k = 0; k < count; k++) days.push(int(r, who.createdDay, endDay));
  if (!churns && chance(r, 0.8)) days[0] = int(r, Math.max(who.createdDay, t.today - 364), t.today);
  days.sort((a, b) => a - b);
  const favourite = who.isOrg ? (FAVOURITE_LINE[who.industry as IndustryCode] ?? 0) : int(r, 0, PRODUCT_LINES.length - 1);
  const rows: Purchases['rows'] = [];
  let completedFen = 0;
  for (const day of days) {
    const line = PRODUCT_LINES[chance(r, 0.55) ? favourite : int(r, 0, PRODUCT_LINES.length - 1)] ?? PRODUCT_LINES[0]!;
    const unit = Math.round(logUniform(r, ...line.unitFen));
    // small quantities are far more common than large ones
    const [qLo, qHi] = who.isOrg ? line.qtyOrganization : line.qtyIndividual;
    let quantity = Math.round(qLo * Math.pow(qHi / qLo, r() ** 1.8));
    if (unit * quantity > ORDER_CAP_FEN) quantity = Math.max(1, Math.floor(ORDER_CAP_FEN / unit));
    const amountFen = unit * quantity;
    // a few orders sell below cost (clearance, promotions); the rest earn the line's usual margin
    const margin = chance(r, 0.03) ? -logUniform(r, 0.01, 0.2) : line.margin[0] + r() * (line.margin[1] - line.margin[0]);
    const status = pickStatus(r);
    const due = day + 30;
    let paid: number | null = null;
    if (status !== 'cancelled') {
      const q = r();
      if (!who.isOrg && q < 0.85) paid = day; // shoppers pay at the till
      else if (q < 0.82) paid = day + int(r, 0, 30);
      else if (q < 0.94) paid = due + int(r, 1, 120);
      if (paid !== null && paid > t.today) paid = null;
      if (status === 'refunded' && paid === null) paid = day;
    }
    if (status === 'completed') completedFen += amountFen;
    const createdMs = instantOn(r, t, who, day);
    const paidMs = paid === null ? createdMs : Math.min(t.nowMs, Math.max(createdMs, cstInstant(paid, 600)));
    rows.push({
      customer,
      orderNo: `SO${dayCompact(day)}${pad8(nextSequence())}`,
      orderedOn: dayString(day),
      amountFen,
      costFen: chance(r, 0.03) ? null : Math.round(amountFen * (1 - margin)),
      currency: 'CNY',
      productLine: line.name,
      quantity,
      status,
      dueOn: dayString(due),
      paidOn: paid === null ? null : dayString(paid),
      notes: null,
      createdAt: isoInstant(createdMs),
      updatedAt: isoInstant(paidMs),
    });
  }
  return { rows, lastDay: days[days.length - 1] ?? null, completedFen };
}

export function makeInteractions(r: Rng, t: Timeline, who: Who, count: number, byUser: () => number | null, customer: number): BulkInteractionRow[] {
  const rows: BulkInteractionRow[] = [];
  for (let k = 0; k < count; k++) {
    const day = int(r, who.createdDay, t.today);
    const at = isoInstant(instantOn(r, t, who, day));
    const channel = pickChannel(r);
    rows.push({
      customer,
      channel,
      occurredAt: at,
      subject: pick(r, SUBJECTS[channel]),
      summary: chance(r, 0.4) ? pick(r, SUMMARIES) : null,
      byUserId: byUser(),
      nextFollowUpOn: chance(r, 0.3) ? dayString(day + int(r, 1, 30)) : null,
      createdAt: at,
      updatedAt: at,
    });
  }
  return rows.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/** potential without orders, churned when the last order is more than a year old, else active. */
export function stageOf(t: Timeline, lastOrderDay: number | null): LifecycleStage {
  if (lastOrderDay === null) return 'potential';
  return lastOrderDay < t.today - 365 ? 'churned' : 'active';
}

/** A few tags that agree with the history: VIP by spend, 老客户 by tenure, 流失预警 when churned … */
export function makeTags(r: Rng, t: Timeline, who: Who & { source: string | null; orders: number }, stage: LifecycleStage, completedFen: number): string[] {
  const tags: string[] = [];
  // about the top 7% of buyers by completed spend: 10 万元 for people, 500 万元 for organisations
  if (completedFen > (who.isOrg ? 500_000_000 : 10_000_000)) tags.push('VIP');
  if (who.isOrg && completedFen > 300_000_000) tags.push('大客户');
  if (stage === 'active' && who.createdDay < t.today - 730 && chance(r, 0.7)) tags.push('老客户');
  if (who.createdDay > t.today - 90 && chance(r, 0.7)) tags.push('新客户');
  if (stage === 'churned' && chance(r, 0.5)) tags.push('流失预警');
  if (stage !== 'churned' && chance(r, 0.1)) tags.push('重点跟进');
  if (who.isOrg && who.industry === 'F' && chance(r, 0.35)) tags.push(chance(r, 0.7) ? '经销商' : '代理商');
  if (chance(r, 0.06)) tags.push('价格敏感');
  if (who.source !== null && ONLINE_SOURCES.has(who.source) && chance(r, 0.3)) tags.push('线上客户');
  if (who.isOrg && who.orders >= 30 && chance(r, 0.5)) tags.push('长期合作');
  return tags;
}
