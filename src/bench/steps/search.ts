import { normalizeSearchText, pinyinOf, prefixEnd, searchTermKinds } from '../../domain/customers/search-terms.ts';
import { searchCustomers } from '../../services/customers/search-customers.ts';
import type { BenchContext } from '../context.ts';
import { latency } from '../measure.ts';
import type { BenchStep, Figure } from '../step.ts';

const columns = 'c.id, c.code, c.kind, c.name, c.stage, c.owner_id, c.department_id, c.mobile, c.email, c.province, c.city, c.industry, c.tags, c.created_at, c.updated_at, c.deleted_at, c.version';
const LIMIT = 10;

/** Names of customers spread over the archive (a fixed stride, so runs compare). */
async function sampleNames(ctx: BenchContext, n: number) {
  const stride = Math.max(1, Math.floor(ctx.maxId / n));
  const ids = Array.from({ length: n }, (_, i) => 1 + i * stride);
  const rows = await ctx.raw.all<{ name: string; kind: string }>(`select name, kind from customers where id in (${ids.join(', ')})`);
  return rows.map((r) => ({ name: normalizeSearchText(r.name), kind: r.kind })).filter((r) => [...r.name].length >= 3);
}

const slice = (s: string, len: number, i: number) => {
  const chars = [...s];
  const at = i % Math.max(1, chars.length - len + 1);
  return chars.slice(at, at + len).join('');
};

/** The raw engine answering the same ranked lookup: one range scan per rank over customer_search_terms, no scope, decryption or masking. */
async function rawSearch(ctx: BenchContext, q: string) {
  const hi = prefixEnd(q);
  const found = new Set<number>();
  for (const kind of [searchTermKinds.name, searchTermKinds.sub, searchTermKinds.pinyin]) {
    if (found.size >= LIMIT) break;
    const rows = await ctx.raw.all<{ id: number }>(
      `select ${columns} from customer_search_terms t join customers c on c.id = t.customer_id where t.kind = ? and t.term >= ? and t.term < ? and c.deleted_at is null order by t.term, t.customer_id limit ?`,
      [kind, q, hi, (LIMIT + found.size) * 2],
    );
    for (const r of rows) if (found.size < LIMIT) found.add(Number(r.id));
  }
  return found;
}

/** The search box through the use case (access filter, ranking, decryption, masking) beside the raw lookups on the index. */
export const searchStep: BenchStep = {
  name: 'search',
  title: '客户搜索 customer search (p50/p95 ms)',
  async run(ctx) {
    const names = await sampleNames(ctx, 200);
    const people = names.filter((n) => n.kind === 'individual');
    const cases: { metric: string; q: (i: number) => string; raw: boolean }[] = [
      { metric: '2 characters of a name', q: (i) => slice(names[i % names.length]!.name, 2, i), raw: true },
      { metric: '3 characters of a name', q: (i) => slice(names[i % names.length]!.name, 3, i), raw: true },
      { metric: 'pinyin initials', q: (i) => pinyinOf(people[i % people.length]?.name ?? '李明朗', true).initials, raw: true },
      // the tail is matched through its keyed blind index, which the raw engine cannot compute without the key
      { metric: 'mobile last 4 digits', q: (i) => String((i * 7919) % 10_000).padStart(4, '0'), raw: false },
    ];
    const figures: Figure[] = [];
    for (const c of cases) {
      const kedang = await latency((i) => searchCustomers(ctx.kedang.deps, ctx.admin, { q: c.q(i), limit: LIMIT }), { n: 60 });
      const raw = c.raw ? await latency((i) => rawSearch(ctx, c.q(i)), { n: 60 }) : undefined;
      figures.push({ metric: `${c.metric} p50`, kedang: kedang.p50, raw: raw?.p50, unit: 'ms', better: 'lower' });
      figures.push({ metric: `${c.metric} p95`, kedang: kedang.p95, raw: raw?.p95, unit: 'ms', better: 'lower', target: { op: '<=', value: 50 } });
    }
    return figures;
  },
};
