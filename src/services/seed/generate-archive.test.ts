import { areaList } from '@vant/area-data';
import { describe, expect, it } from 'vitest';
import { codePeriod, defaultCodeScheme, formatCustomerCode } from '../../domain/customers/code-scheme.ts';
import { isIndustryCode } from '../../domain/customers/industries.ts';
import { isValidEmail, isValidMobile, isValidUscc, normalizeUrl, parseIdCard } from '../../domain/customers/validators.ts';
import type { ArchiveBatch } from '../ports.ts';
import { planArchive, type ArchiveSeedOptions } from './archive-plan.ts';
import { generateArchive, pause } from './generate-archive.ts';
import { makePersonName } from './zh-names.ts';
import { mulberry32 } from './prng.ts';

const now = new Date('2026-03-15T06:00:00.000Z');
const base: ArchiveSeedOptions = {
  seed: 42, customers: 3_000, orders: 30_000, interactions: 6_000, now,
  codeScheme: defaultCodeScheme, owners: [{ id: 7, departmentId: 2 }, { id: 9, departmentId: null }], departmentIds: [2, 3],
};

function generate(options: ArchiveSeedOptions, batchSize = 1_000) {
  const plan = planArchive(options);
  const codes = new Map(plan.periods.map((p) => [p.period, 1]));
  const batches = [...generateArchive(plan, { codes, order: 1 }, batchSize, 100)].filter((b) => b !== pause);
  return { plan, batches };
}

/** Batches with children pointing at customers by code, so different batch sizes compare equal. */
function flatten(batches: ArchiveBatch[]) {
  const out = { customers: [] as unknown[], contacts: [] as unknown[], purchases: [] as unknown[], interactions: [] as unknown[] };
  for (const b of batches) {
    // seed batches point at their customers by index
    const code = (i: number | { id: number }) => b.customers[i as number]!.code;
    out.customers.push(...b.customers);
    out.contacts.push(...b.contacts.map(({ customer, ...c }) => ({ ...c, customer: code(customer) })));
    out.purchases.push(...b.purchases.map(({ customer, ...p }) => ({ ...p, customer: code(customer) })));
    out.interactions.push(...b.interactions.map(({ customer, ...x }) => ({ ...x, customer: code(customer) })));
  }
  return out;
}

const { plan, batches } = generate(base);
const all = flatten(batches);
const customers = batches.flatMap((b) => b.customers);
const day = 86_400_000;
function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}
const todayCst = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const yearAgo = new Date(Date.parse(`${todayCst}T00:00:00Z`) - 365 * day).toISOString().slice(0, 10);

describe('synthetic archive generator', () => {
  it('is deterministic for a seed, whatever the batch size', () => {
    const again = flatten(generate(base, 257).batches);
    expect(again).toEqual(all);
    const other = flatten(generate({ ...base, seed: 43 }).batches);
    expect(other.customers).not.toEqual(all.customers);
  });

  it('produces exactly the requested customers, orders and interactions', () => {
    expect(customers).toHaveLength(base.customers);
    expect(all.purchases).toHaveLength(base.orders);
    expect(all.interactions).toHaveLength(base.interactions);
    expect(plan.periods.reduce((n, p) => n + p.count, 0)).toBe(base.customers);
  });

  it('mixes about 70% individuals and 30% organisations', () => {
    const orgs = customers.filter((c) => c.kind === 'organization').length / customers.length;
    expect(orgs).toBeGreaterThan(0.25);
    expect(orgs).toBeLessThan(0.35);
  });

  it('generates mobiles, e-mails, USCCs, ID numbers and websites that pass the validators', () => {
    const contacts = batches.flatMap((b) => b.contacts);
    for (const m of [...customers.map((c) => c.mobile), ...contacts.map((c) => c.mobile)]) if (m !== null) expect(isValidMobile(m), m).toBe(true);
    for (const e of [...customers.map((c) => c.email), ...contacts.map((c) => c.email)]) if (e !== null) expect(isValidEmail(e), e).toBe(true);
    for (const c of customers) {
      if (c.uscc !== null) expect(isValidUscc(c.uscc), c.uscc).toBe(true);
      if (c.website !== null) expect(normalizeUrl(c.website)).toBe(c.website);
      if (c.idCardNo !== null) {
        const parsed = parseIdCard(c.idCardNo, now);
        expect(parsed).toEqual({ normalized: c.idCardNo, birthDate: c.birthday, gender: c.gender });
      }
    }
    expect(customers.filter((c) => c.kind === 'individual' && c.mobile !== null).length / customers.filter((c) => c.kind === 'individual').length).toBeGreaterThan(0.85);
    expect(customers.some((c) => c.idCardNo !== null)).toBe(true);
  });

  it('keeps individual and organisation fields apart and fills them plausibly', () => {
    for (const c of customers) {
      if (c.kind === 'individual') {
        expect([c.shortName, c.uscc, c.legalRepresentative, c.industry, c.employees, c.annualRevenueFen, c.website]).toEqual([null, null, null, null, null, null, null]);
        if (c.birthday !== null) {
          const age = Number(todayCst.slice(0, 4)) - Number(c.birthday.slice(0, 4));
          expect(age).toBeGreaterThanOrEqual(17);
          expect(age).toBeLessThanOrEqual(76);
        }
      } else {
        expect([c.gender, c.birthday, c.idCardNo, c.occupation]).toEqual([null, null, null, null]);
        expect(c.name).toMatch(/(公司|经营部|商行|店|工作室|门市部|协会)$/);
        expect(isIndustryCode(c.industry)).toBe(true);
        expect(c.legalRepresentative).toMatch(/^\p{Script=Han}{2,4}$/u);
      }
    }
  });

  it('gives each organisation 1–4 contacts with exactly one primary, and individuals none', () => {
    for (const b of batches) {
      const byCustomer = groupBy(b.contacts, (c) => c.customer);
      b.customers.forEach((c, i) => {
        const contacts = byCustomer.get(i) ?? [];
        if (c.kind === 'individual') expect(contacts).toHaveLength(0);
        else {
          expect(contacts.length).toBeGreaterThanOrEqual(1);
          expect(contacts.length).toBeLessThanOrEqual(4);
          expect(contacts.filter((x) => x.isPrimary)).toHaveLength(1);
        }
      });
    }
  });

  it('uses place names from the national division list', () => {
    const provinces = new Set(Object.values(areaList.province_list));
    const counties = new Set(Object.values(areaList.county_list));
    for (const c of customers) {
      if (c.province === null) continue;
      expect(provinces.has(c.province), c.province).toBe(true);
      if (c.district !== null) expect(counties.has(c.district), c.district).toBe(true);
    }
    const guangdong = customers.filter((c) => c.province === '广东省').length;
    const qinghai = customers.filter((c) => c.province === '青海省').length;
    expect(guangdong).toBeGreaterThan(qinghai * 5);
  });

  it('numbers customers by the code scheme with the created month as period', () => {
    const codes = new Set<string>();
    const seen = new Map<string, number>();
    for (const c of customers) {
      const period = codePeriod(defaultCodeScheme, new Date(c.createdAt));
      const next = (seen.get(period) ?? 0) + 1;
      seen.set(period, next);
      expect(c.code).toBe(formatCustomerCode(defaultCodeScheme, period, next));
      codes.add(c.code);
    }
    expect(codes.size).toBe(customers.length);
  });

  it('dates everything within the last three years and never in the future', () => {
    const threeYearsAgo = new Date(now.getTime() - 3 * 366 * day).toISOString();
    for (const c of customers) {
      expect(c.createdAt >= threeYearsAgo && c.createdAt <= now.toISOString()).toBe(true);
      expect(c.updatedAt >= c.createdAt && c.updatedAt <= now.toISOString()).toBe(true);
    }
    for (const b of batches) {
      for (const p of b.purchases) {
        const created = b.customers[p.customer as number]!.createdAt;
        expect(p.createdAt >= created && p.createdAt <= now.toISOString()).toBe(true);
        expect(p.orderedOn <= todayCst).toBe(true);
        expect(p.dueOn).toBe(new Date(Date.parse(p.orderedOn) + 30 * day).toISOString().slice(0, 10));
        if (p.paidOn) expect(p.paidOn >= p.orderedOn && p.paidOn <= todayCst).toBe(true);
        if (p.status === 'cancelled') expect(p.paidOn).toBeNull();
      }
      for (const x of b.interactions) expect(x.occurredAt >= b.customers[x.customer as number]!.createdAt && x.occurredAt <= now.toISOString()).toBe(true);
    }
  });

  it('sets each stage from the order history', () => {
    for (const b of batches) {
      const last = new Map<number, string>();
      for (const p of b.purchases) if ((last.get(p.customer as number) ?? '') < p.orderedOn) last.set(p.customer as number, p.orderedOn);
      b.customers.forEach((c, i) => {
        const lastOrder = last.get(i);
        const expected = lastOrder === undefined ? 'potential' : lastOrder < yearAgo ? 'churned' : 'active';
        expect(c.stage, `${c.code} last order ${lastOrder}`).toBe(expected);
      });
    }
    const stages = groupBy(customers, (c) => c.stage);
    const none = (stages.get('potential')?.length ?? 0) / customers.length;
    expect(none).toBeGreaterThan(0.1);
    expect(none).toBeLessThan(0.2);
    expect(stages.get('churned')?.length).toBeGreaterThan(0);
  });

  it('spreads orders with a heavy tail, unique order numbers and margins from negative to about 60%', () => {
    const perCustomer = [...groupBy(all.purchases as { customer: string }[], (p) => p.customer).values()].map((l) => l.length).sort((a, b) => a - b);
    const median = perCustomer[Math.floor(perCustomer.length / 2)]!;
    expect(perCustomer.at(-1)!).toBeGreaterThan(median * 8);
    const purchases = batches.flatMap((b) => b.purchases);
    expect(new Set(purchases.map((p) => p.orderNo)).size).toBe(purchases.length);
    for (const p of purchases) expect(p.orderNo).toMatch(new RegExp(`^SO${p.orderedOn.replaceAll('-', '')}\\d{8}$`));
    const margins = purchases.filter((p) => p.costFen !== null && p.amountFen > 0).map((p) => 1 - p.costFen! / p.amountFen);
    expect(Math.min(...margins)).toBeLessThan(0);
    expect(Math.max(...margins)).toBeLessThanOrEqual(0.61);
    expect(margins.filter((m) => m < 0).length / margins.length).toBeLessThan(0.06);
    const completed = purchases.filter((p) => p.status === 'completed').length / purchases.length;
    expect(completed).toBeGreaterThan(0.89);
    expect(completed).toBeLessThan(0.95);
  });

  it('assigns owners and interaction authors among the given users only', () => {
    const ids = new Set([7, 9, null]);
    for (const c of customers) {
      expect(ids.has(c.ownerId)).toBe(true);
      if (c.ownerId === 7) expect(c.departmentId).toBe(2);
    }
    for (const b of batches) for (const x of b.interactions) expect(ids.has(x.byUserId)).toBe(true);
    const alone = generate({ ...base, customers: 200, orders: 1_000, interactions: 400, owners: [], departmentIds: [] }).batches;
    for (const b of alone) {
      for (const c of b.customers) expect([c.ownerId, c.departmentId]).toEqual([null, null]);
      for (const x of b.interactions) expect(x.byUserId).toBeNull();
    }
  });

  it('tags consistently with the history', () => {
    for (const c of customers) {
      expect(new Set(c.tags).size).toBe(c.tags.length);
      if (c.tags.includes('流失预警')) expect(c.stage).toBe('churned');
      if (c.tags.includes('经销商') || c.tags.includes('代理商')) expect(c.kind).toBe('organization');
    }
    expect(customers.filter((c) => c.tags.includes('VIP')).length).toBeGreaterThan(0);
  });
});

describe('personal names', () => {
  it('draws common, multi-reading and compound surnames with their readings', () => {
    const r = mulberry32(7);
    const names = Array.from({ length: 100_000 }, () => makePersonName(r, null));
    const bySurname = groupBy(names, (n) => n.surname);
    for (const s of ['王', '李', '张', '单', '曾', '解', '仇', '区', '朴', '查', '欧阳']) expect(bySurname.has(s), s).toBe(true);
    expect(bySurname.get('单')![0]!.surnamePinyin).toBe('shan');
    expect(bySurname.get('区')![0]!.surnamePinyin).toBe('ou');
    expect(bySurname.get('王')!.length).toBeGreaterThan(bySurname.get('林')!.length * 4);
    for (const n of names.slice(0, 1000)) expect(n.name).toMatch(/^\p{Script=Han}{2,4}$/u);
  });
});
