import { customerKinds, lifecycleStages } from '../customers/customer.ts';
import { industrySections } from '../customers/industries.ts';
import type { CustomFieldDef } from '../custom-fields/custom-field.ts';

/*
 * The criteria a scheme level may classify by: customer attributes and metrics computed from purchase
 * records and interactions. Every level of a scheme uses exactly one of these (or `manual`).
 *
 * How orders count (the rule users see in the "why" of a class):
 * - completed orders are purchases: they make frequency, monetary, profit, dates and intervals;
 * - cancelled orders never happened commercially: they are ignored entirely, in every metric;
 * - refunded orders are not purchases (excluded from frequency, monetary, profit, dates and intervals)
 *   but are kept as a service signal: refundCount and refundRatePct (refunded ÷ (completed + refunded)).
 * Amounts are summed as recorded, in fen, without currency conversion. Gross margin uses only completed
 * orders whose cost is known. Order dates after the as-of day count as that day (recency ≥ 0).
 */

/** When a criterion has a value: `buyer` = at least one completed order, `costed` = one with a known cost, ... */
export const presences = ['always', 'optional', 'orders', 'buyer', 'costed', 'repeatBuyer', 'interactions'] as const;
export type Presence = (typeof presences)[number];

/** Having a value of the first kind implies having one of the second (a costed buyer is a buyer, ...). */
export function presenceImplies(known: Presence, other: Presence): boolean {
  if (other === 'always') return true;
  if (known === 'optional') return false; // one filled field says nothing about another
  if (known === other) return true;
  if (known === 'repeatBuyer' || known === 'costed') return other === 'buyer' || other === 'orders';
  return known === 'buyer' && other === 'orders';
}

export const units = ['fen', 'pct', 'days', 'count', 'ratio', 'score', 'none'] as const;
export type Unit = (typeof units)[number];

/** Where the engine gets a value: the customer row, one aggregate over purchases or interactions, or the whole population. */
export type CriterionSource = 'customer' | 'purchases' | 'interactions' | 'population';

type Base = {
  key: string;
  labelZh: string;
  labelEn: string;
  source: CriterionSource;
  presence: Presence;
  /** how it is computed, shown next to the value in the "why" of a class */
  noteZh: string;
  noteEn: string;
};
export type EnumCriterion = Base & {
  type: 'enum';
  /** the closed set of values; null when any text may occur (province, source), so coverage needs a catch-all */
  values: readonly string[] | null;
  valueLabels?: Readonly<Record<string, readonly [zh: string, en: string]>>;
};
export type NumberCriterion = Base & { type: 'number'; unit: Unit; integer: boolean; min: number | null; max: number | null };
export type DateCriterion = Base & { type: 'date' };
export type Criterion = EnumCriterion | NumberCriterion | DateCriterion;
export type CriterionType = Criterion['type'];

/** The pseudo-criterion of a level whose categories are filled by hand (with a catch-all for everyone else). */
export const MANUAL_CRITERION = 'manual';

export const natureValues = ['个人消费者', '中间商', '批发商', '零售商', '专营店', '超级市场', '连锁店', '邮购商店', '制造商', '政府和社会团体'] as const;
export const defaultNature = '个人消费者';

export const rfmSegments = ['重要价值', '重要发展', '重要保持', '重要挽留', '一般价值', '一般发展', '一般保持', '一般挽留'] as const;
export type RfmSegment = (typeof rfmSegments)[number];
const rfmSegmentLabels: Record<RfmSegment, readonly [string, string]> = {
  重要价值: ['重要价值客户', 'Champions (high R, F, M)'],
  重要发展: ['重要发展客户', 'Promising big spenders (high R, M; low F)'],
  重要保持: ['重要保持客户', 'Loyal big spenders gone quiet (high F, M; low R)'],
  重要挽留: ['重要挽留客户', 'Big spenders to win back (high M; low R, F)'],
  一般价值: ['一般价值客户', 'Frequent small spenders (high R, F; low M)'],
  一般发展: ['一般发展客户', 'New small spenders (high R; low F, M)'],
  一般保持: ['一般保持客户', 'Frequent small spenders gone quiet (high F; low R, M)'],
  一般挽留: ['一般挽留客户', 'Lost small spenders (low R, F, M)'],
};

const num = (key: string, labelZh: string, labelEn: string, o: Omit<NumberCriterion, 'key' | 'labelZh' | 'labelEn' | 'type' | 'noteZh' | 'noteEn'> & { noteZh?: string; noteEn?: string }): NumberCriterion => ({
  key, labelZh, labelEn, type: 'number', noteZh: o.noteZh ?? '', noteEn: o.noteEn ?? '', ...o,
});

const ORDERS_ZH = '仅计已完成订单；已取消订单完全忽略；已退款订单不计入';
const ORDERS_EN = 'completed orders only; cancelled orders are ignored, refunded ones excluded';

/** Built-in criteria; custom select fields add `custom.<key>`. */
export const builtinCriteria: readonly Criterion[] = [
  {
    key: 'kind', labelZh: '客户类型', labelEn: 'Customer kind', type: 'enum', source: 'customer', presence: 'always', values: customerKinds,
    valueLabels: { individual: ['个人', 'Individual'], organization: ['组织', 'Organisation'] }, noteZh: '', noteEn: '',
  },
  {
    key: 'stage', labelZh: '生命周期阶段', labelEn: 'Lifecycle stage', type: 'enum', source: 'customer', presence: 'always', values: lifecycleStages,
    valueLabels: { potential: ['潜在', 'Potential'], active: ['活跃', 'Active'], churned: ['流失', 'Churned'] }, noteZh: '', noteEn: '',
  },
  {
    key: 'industry', labelZh: '行业', labelEn: 'Industry', type: 'enum', source: 'customer', presence: 'optional', values: industrySections.map((s) => s.code),
    valueLabels: Object.fromEntries(industrySections.map((s) => [s.code, [s.zh, s.en] as const])), noteZh: 'GB/T 4754-2017 门类', noteEn: 'GB/T 4754-2017 section',
  },
  { key: 'province', labelZh: '省份', labelEn: 'Province', type: 'enum', source: 'customer', presence: 'optional', values: null, noteZh: '', noteEn: '' },
  { key: 'city', labelZh: '城市', labelEn: 'City', type: 'enum', source: 'customer', presence: 'optional', values: null, noteZh: '', noteEn: '' },
  { key: 'source', labelZh: '来源渠道', labelEn: 'Source channel', type: 'enum', source: 'customer', presence: 'optional', values: null, noteZh: '', noteEn: '' },
  {
    key: 'nature', labelZh: '客户性质', labelEn: 'Customer nature', type: 'enum', source: 'customer', presence: 'optional', values: natureValues,
    noteZh: '取自定义字段 nature；个人客户未填时为“个人消费者”', noteEn: 'custom field "nature"; individuals default to 个人消费者 (consumer)',
  },
  num('customerAgeDays', '建档天数', 'Days since registered', { source: 'customer', presence: 'always', unit: 'days', integer: true, min: 0, max: null }),
  num('orderCount', '订单数（含退款）', 'Orders incl. refunded', { source: 'purchases', presence: 'always', unit: 'count', integer: true, min: 0, max: null, noteZh: '已完成与已退款订单；不含已取消', noteEn: 'completed and refunded; cancelled ignored' }),
  num('frequency', '购买频次', 'Frequency', { source: 'purchases', presence: 'always', unit: 'count', integer: true, min: 0, max: null, noteZh: ORDERS_ZH, noteEn: ORDERS_EN }),
  num('monetaryFen', '累计消费金额', 'Monetary', { source: 'purchases', presence: 'always', unit: 'fen', integer: true, min: 0, max: null, noteZh: ORDERS_ZH, noteEn: ORDERS_EN }),
  num('windowFrequency', '统计期内购买频次', 'Frequency in window', { source: 'purchases', presence: 'always', unit: 'count', integer: true, min: 0, max: null, noteZh: `统计期（默认近 365 天）内；${ORDERS_ZH}`, noteEn: `within the window (365 days by default); ${ORDERS_EN}` }),
  num('windowMonetaryFen', '统计期内采购金额', 'Monetary in window', { source: 'purchases', presence: 'always', unit: 'fen', integer: true, min: 0, max: null, noteZh: `统计期（默认近 365 天）内；${ORDERS_ZH}`, noteEn: `within the window (365 days by default); ${ORDERS_EN}` }),
  num('grossProfitFen', '毛利', 'Gross profit', { source: 'purchases', presence: 'costed', unit: 'fen', integer: true, min: null, max: null, noteZh: '金额 − 成本，仅计有成本的已完成订单', noteEn: 'amount − cost over completed orders with a known cost' }),
  num('grossMarginPct', '毛利率', 'Gross margin', { source: 'purchases', presence: 'costed', unit: 'pct', integer: false, min: null, max: 100, noteZh: '毛利 ÷ 有成本订单的金额', noteEn: 'gross profit ÷ revenue of orders with a known cost' }),
  num('avgOrderValueFen', '客单价', 'Average order value', { source: 'purchases', presence: 'buyer', unit: 'fen', integer: false, min: 0, max: null, noteZh: ORDERS_ZH, noteEn: ORDERS_EN }),
  { key: 'firstPurchaseOn', labelZh: '首次购买日期', labelEn: 'First purchase', type: 'date', source: 'purchases', presence: 'buyer', noteZh: ORDERS_ZH, noteEn: ORDERS_EN },
  { key: 'lastPurchaseOn', labelZh: '最近购买日期', labelEn: 'Last purchase', type: 'date', source: 'purchases', presence: 'buyer', noteZh: ORDERS_ZH, noteEn: ORDERS_EN },
  num('recencyDays', '距最近购买天数', 'Recency', { source: 'purchases', presence: 'buyer', unit: 'days', integer: true, min: 0, max: null, noteZh: ORDERS_ZH, noteEn: ORDERS_EN }),
  num('tenureDays', '距首次购买天数', 'Days since first purchase', { source: 'purchases', presence: 'buyer', unit: 'days', integer: true, min: 0, max: null, noteZh: ORDERS_ZH, noteEn: ORDERS_EN }),
  num('avgIntervalDays', '平均购买间隔', 'Average interval', { source: 'purchases', presence: 'repeatBuyer', unit: 'days', integer: false, min: 0, max: null, noteZh: '（末次 − 首次）÷（频次 − 1），至少两次购买', noteEn: '(last − first) ÷ (frequency − 1), two purchases or more' }),
  num('rhythmRatio', '相对购买节奏', 'Recency ÷ own rhythm', { source: 'population', presence: 'buyer', unit: 'ratio', integer: false, min: 0, max: null, noteZh: '距最近购买天数 ÷ 自身平均购买间隔（仅一次购买时用全体复购客户间隔的中位数）', noteEn: 'recency ÷ own average interval (one-time buyers: the median interval of repeat buyers)' }),
  num('refundCount', '退款订单数', 'Refunded orders', { source: 'purchases', presence: 'always', unit: 'count', integer: true, min: 0, max: null, noteZh: '已退款订单，作为服务信号', noteEn: 'refunded orders, kept as a service signal' }),
  num('refundRatePct', '退款率', 'Refund rate', { source: 'purchases', presence: 'orders', unit: 'pct', integer: false, min: 0, max: 100, noteZh: '已退款 ÷（已完成 + 已退款）订单数', noteEn: 'refunded ÷ (completed + refunded) orders' }),
  { key: 'mainProductLine', labelZh: '主要产品线', labelEn: 'Main product line', type: 'enum', source: 'purchases', presence: 'optional', values: null, noteZh: '已完成订单金额最大的产品线', noteEn: 'the product line with the largest completed amount' },
  num('interactionCount', '跟进次数', 'Interactions', { source: 'interactions', presence: 'always', unit: 'count', integer: true, min: 0, max: null }),
  num('lastInteractionDays', '距最近跟进天数', 'Days since last interaction', { source: 'interactions', presence: 'interactions', unit: 'days', integer: true, min: 0, max: null }),
  num('rScore', 'R 得分', 'R score', { source: 'population', presence: 'buyer', unit: 'score', integer: true, min: 1, max: 5, noteZh: '按购买客户的最近购买天数五分位，越近越高', noteEn: 'recency quintile among buyers; more recent scores higher' }),
  num('fScore', 'F 得分', 'F score', { source: 'population', presence: 'buyer', unit: 'score', integer: true, min: 1, max: 5, noteZh: '按购买客户的购买频次五分位', noteEn: 'frequency quintile among buyers' }),
  num('mScore', 'M 得分', 'M score', { source: 'population', presence: 'buyer', unit: 'score', integer: true, min: 1, max: 5, noteZh: '按购买客户的累计消费金额五分位', noteEn: 'monetary quintile among buyers' }),
  {
    key: 'rfmSegment', labelZh: 'RFM 客户分群', labelEn: 'RFM segment', type: 'enum', source: 'population', presence: 'buyer', values: rfmSegments, valueLabels: rfmSegmentLabels,
    noteZh: '各项得分 ≥ 3 为“高”', noteEn: 'a score of 3 or more counts as high',
  },
  num('contributionPct', '累计贡献占比', 'Cumulative contribution', { source: 'population', presence: 'buyer', unit: 'pct', integer: false, min: 0, max: 100, noteZh: '按累计消费金额从高到低排序后，至本客户为止的累计金额占全部金额的百分比（帕累托/ABC）', noteEn: 'share of total revenue of all customers ranked at or above this one by monetary (Pareto / ABC)' }),
];

export type CriteriaRegistry = ReadonlyMap<string, Criterion>;

export const customCriterionKey = (fieldKey: string) => `custom.${fieldKey}`;

/** The registry for this archive: built-ins, select custom fields, and the nature options when a `nature` field is defined. */
export function buildCriteria(customFields: readonly CustomFieldDef[]): CriteriaRegistry {
  const out = new Map<string, Criterion>(builtinCriteria.map((c) => [c.key, c]));
  for (const f of customFields) {
    // sensitive values are encrypted at rest: the engine cannot read them, so they are no criterion
    if (f.archived || f.type !== 'select' || f.sensitive) continue;
    out.set(customCriterionKey(f.key), {
      key: customCriterionKey(f.key), labelZh: f.labelZh, labelEn: f.labelEn ?? f.key, type: 'enum', source: 'customer', presence: 'optional', values: f.options, noteZh: '自定义字段', noteEn: 'custom field',
    });
  }
  const natureField = customFields.find((f) => f.key === 'nature' && !f.archived && !f.sensitive);
  if (natureField) {
    const nature = out.get('nature') as EnumCriterion;
    const values = natureField.type === 'select' ? [...new Set([defaultNature, ...natureField.options])] : null;
    out.set('nature', { ...nature, values });
  }
  return out;
}

/** Metric sources a set of criteria needs, so a run computes only those. */
export function sourcesOf(registry: CriteriaRegistry, keys: Iterable<string>): Set<CriterionSource> {
  const out = new Set<CriterionSource>();
  for (const k of keys) {
    const c = registry.get(k);
    if (c) out.add(c.source);
  }
  if (out.has('population')) out.add('purchases');
  return out;
}
