import { encodeListCursor } from '../../domain/customers/list-cursor.ts';
import { listCustomers } from '../../services/customers/list-customers.ts';
import type { BenchContext } from '../context.ts';
import { latency } from '../measure.ts';
import type { BenchStep, Figure } from '../step.ts';

const columns = 'id, code, kind, name, stage, owner_id, department_id, mobile, email, province, city, industry, tags, created_at, updated_at, deleted_at, version';

type Case = { metric: string; query: Record<string, string | number>; where: string; params: unknown[]; order: string; offset: number };

/** The busiest province and the stage most customers are in: a filter a manager really uses. */
async function commonFilter(ctx: BenchContext) {
  const [p] = await ctx.raw.all<{ province: string }>('select province from customers where id <= 20000 and province is not null group by province order by count(*) desc limit 1');
  return { province: p?.province ?? '广东省', stage: 'active' };
}

function cases(ctx: BenchContext, f: { province: string; stage: string }): Case[] {
  const pageSize = 20;
  const deepPage = Math.max(1, Math.floor(ctx.customers / pageSize / 2));
  const lastPage = Math.max(1, Math.ceil(ctx.customers / pageSize));
  return [
    { metric: 'list page 1 (newest first)', query: { pageSize }, where: '', params: [], order: 'created_at desc, id desc', offset: 0 },
    {
      metric: `list filtered (province + stage, by name)`,
      query: { province: f.province, stage: f.stage, sort: 'name', order: 'asc', pageSize },
      where: 'and province = ? and stage = ?',
      params: [f.province, f.stage],
      order: 'name asc, id asc',
      offset: 0,
    },
    { metric: `list deep page ${deepPage.toLocaleString('en-US')}`, query: { page: deepPage, pageSize }, where: '', params: [], order: 'created_at desc, id desc', offset: (deepPage - 1) * pageSize },
    // the oldest customers, one click on the pager's last page number; the raw engine walks the OFFSET
    { metric: `list last page ${lastPage.toLocaleString('en-US')}`, query: { page: lastPage, pageSize }, where: '', params: [], order: 'created_at desc, id desc', offset: (lastPage - 1) * pageSize },
  ];
}

/** List pages through the use case (access filter, masking, decryption, total count) beside the same SELECT + COUNT. */
export const listStep: BenchStep = {
  name: 'list',
  title: '客户列表 customer list (p50/p95 ms)',
  async run(ctx) {
    const figures: Figure[] = [];
    for (const c of cases(ctx, await commonFilter(ctx))) {
      const kedang = await latency(() => listCustomers(ctx.kedang.deps, ctx.admin, c.query), { n: 40 });
      const raw = await latency(
        () =>
          Promise.all([
            ctx.raw.all(`select ${columns} from customers where deleted_at is null ${c.where} order by ${c.order} limit 20 offset ${c.offset}`, c.params),
            ctx.raw.all(`select count(*) as n from customers where deleted_at is null ${c.where}`, c.params),
          ]),
        { n: 40 },
      );
      figures.push({ metric: `${c.metric} p50`, kedang: kedang.p50, raw: raw.p50, unit: 'ms', better: 'lower' });
      figures.push({ metric: `${c.metric} p95`, kedang: kedang.p95, raw: raw.p95, unit: 'ms', better: 'lower', target: { op: '<=', value: 20 } });
    }
    figures.push(...(await keysetFigures(ctx)));
    return figures;
  },
};

/** The same deep page reached by cursor, as the web steps on: "after" the previous page's last row, no count (the client has it). */
async function keysetFigures(ctx: BenchContext): Promise<Figure[]> {
  const pageSize = 20;
  const deepPage = Math.max(1, Math.floor(ctx.customers / pageSize / 2));
  const [last] = await ctx.raw.all<{ created_at: string; id: number }>(`select created_at, id from customers where deleted_at is null order by created_at desc, id desc limit 1 offset ${(deepPage - 1) * pageSize - 1}`);
  if (!last) return [];
  const value = typeof last.created_at === 'string' ? last.created_at : new Date(last.created_at).toISOString();
  const after = encodeListCursor({ sort: 'createdAt', order: 'desc', value, id: Number(last.id) });
  const kedang = await latency(() => listCustomers(ctx.kedang.deps, ctx.admin, { page: deepPage, pageSize, after, withTotal: 'false' }), { n: 40 });
  const raw = await latency(() => ctx.raw.all(`select ${columns} from customers where deleted_at is null and (created_at, id) < (?, ?) order by created_at desc, id desc limit ${pageSize}`, [value, Number(last.id)]), { n: 40 });
  const metric = `list deep page ${deepPage.toLocaleString('en-US')} by cursor (keyset, no count)`;
  return [
    { metric: `${metric} p50`, kedang: kedang.p50, raw: raw.p50, unit: 'ms', better: 'lower' },
    { metric: `${metric} p95`, kedang: kedang.p95, raw: raw.p95, unit: 'ms', better: 'lower', target: { op: '<=', value: 20 } },
  ];
}

/** A filtered count alone (the number above the list) beside the raw COUNT. */
export const countStep: BenchStep = {
  name: 'count',
  title: '筛选计数 filtered count (ms)',
  async run(ctx) {
    const f = await commonFilter(ctx);
    const kedang = await latency(() => listCustomers(ctx.kedang.deps, ctx.admin, { province: f.province, pageSize: 1 }), { n: 20 });
    const raw = await latency(() => ctx.raw.all('select count(*) as n from customers where deleted_at is null and province = ?', [f.province]), { n: 20 });
    return [{ metric: `count province = ${f.province} p50`, kedang: kedang.p50, raw: raw.p50, unit: 'ms', better: 'lower', target: { op: '<=', value: 200 } }];
  },
};
