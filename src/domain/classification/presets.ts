import { industrySections } from '../customers/industries.ts';
import type { Category, Rule, SchemeDefinition } from './scheme.ts';

/*
 * The built-in schemes from the seed documents. Each is complete and exclusive by construction — the
 * analysis proves it in presets.test.ts: closed value sets are listed in full, ranges meet end to end,
 * "no value" has its own category, and open sets (province, city, product line) end in a catch-all.
 */

export type PresetContext = {
  /** provinces and their cities, as the archive names them (from @vant/area-data) */
  regions: { code: string; name: string; cities: { code: string; name: string }[] }[];
  /** product lines seen in purchase records */
  productLines: string[];
  /** province values of the archive that are no Chinese province (countries abroad), most used first */
  abroad?: string[];
};

/** A category key for a free-text value: its ASCII slug when it has one, else its position. */
const slugKey = (prefix: string, value: string, i: number) => {
  const slug = value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `${prefix}-${slug || String(i + 1)}`;
};

export type Preset = { key: string; nameZh: string; nameEn: string; description: string; definition: SchemeDefinition };

type Node = [key: string, nameZh: string, nameEn: string, rule: Rule | null, children?: Node[]];

const range = (criterion: string, min: number | null, max: number | null, minInclusive = true, maxInclusive = false): Rule => ({ kind: 'range', criterion, min, max, minInclusive, maxInclusive });
const values = (criterion: string, ...v: string[]): Rule => ({ kind: 'values', criterion, values: v });
const missing = (criterion: string): Rule => ({ kind: 'missing', criterion });
const otherwise: Rule = { kind: 'otherwise' };

/** Builds a definition from nested nodes; codes follow the coding rule (segment numbers in list order, 99 for catch-alls). */
function tree(levels: [codeLength: number, criterion: string][], nodes: Node[]): SchemeDefinition {
  const categories: Category[] = [];
  const walk = (list: Node[], parent: Category | null, depth: number) => {
    const width = levels[depth]![0];
    let n = 0;
    for (const [key, nameZh, nameEn, rule, children] of list) {
      const segment = rule?.kind === 'otherwise' || rule?.kind === 'missing' ? 10 ** width - (rule.kind === 'otherwise' ? 1 : 2) : ++n;
      const c: Category = { key, parentKey: parent?.key ?? null, code: (parent?.code ?? '') + String(segment).padStart(width, '0'), nameZh, nameEn, rule };
      categories.push(c);
      if (children) walk(children, c, depth + 1);
    }
  };
  walk(nodes, null, 0);
  return { levels: levels.map(([codeLength, criterion]) => ({ codeLength, criterion })), categories, reassignments: {} };
}

const stages = (kind: string): Node[] => [
  [`${kind}-potential`, '潜在', 'Potential', values('stage', 'potential')],
  [`${kind}-active`, '活跃', 'Active', values('stage', 'active')],
  [`${kind}-churned`, '流失', 'Churned', values('stage', 'churned')],
];

const customerType = (): Preset => ({
  key: 'customer-type', nameZh: '客户类型', nameEn: 'Customer type', description: '个人 / 组织 × 潜在 / 活跃 / 流失',
  definition: tree([[2, 'kind'], [2, 'stage']], [
    ['individual', '个人客户', 'Individual', values('kind', 'individual'), stages('individual')],
    ['organization', '组织客户', 'Organisation', values('kind', 'organization'), stages('organization')],
  ]),
});

const RETAIL = ['专营店', '超级市场', '连锁店', '邮购商店'];
const nature = (): Preset => ({
  key: 'nature', nameZh: '客户性质', nameEn: 'Customer nature', description: '按自定义字段“nature”（个人客户默认为个人消费者）',
  definition: tree([[2, 'nature'], [2, 'nature'], [2, 'nature']], [
    ['consumer', '个人消费者', 'Consumer', values('nature', '个人消费者')],
    ['intermediary', '中间商', 'Intermediary', values('nature', '中间商', '批发商', '零售商', ...RETAIL), [
      ['wholesaler', '批发商', 'Wholesaler', values('nature', '批发商')],
      ['retailer', '零售商', 'Retailer', values('nature', '零售商', ...RETAIL), [
        ['specialty-store', '专营店', 'Specialty store', values('nature', '专营店')],
        ['supermarket', '超级市场', 'Supermarket', values('nature', '超级市场')],
        ['chain-store', '连锁店', 'Chain store', values('nature', '连锁店')],
        ['mail-order', '邮购商店', 'Mail-order store', values('nature', '邮购商店')],
        ['retailer-other', '零售商（未细分）', 'Retailer (unspecified)', values('nature', '零售商')],
      ]],
      ['intermediary-other', '中间商（未细分）', 'Intermediary (unspecified)', values('nature', '中间商')],
    ]],
    ['manufacturer', '制造商', 'Manufacturer', values('nature', '制造商')],
    ['government', '政府和社会团体', 'Government and public bodies', values('nature', '政府和社会团体')],
    ['nature-unknown', '未设定性质', 'Nature not set', otherwise],
  ]),
});

const value = (): Preset => ({
  key: 'value', nameZh: '客户价值', nameEn: 'Customer value', description: '按累计贡献（帕累托 ABC）：贡献前 80% 为高价值，80–95% 中价值，其余低价值',
  definition: tree([[2, 'contributionPct']], [
    ['high-value', '高价值', 'High value', range('contributionPct', 0, 80, true, true)],
    ['medium-value', '中价值', 'Medium value', range('contributionPct', 80, 95, false, true)],
    ['low-value', '低价值', 'Low value', range('contributionPct', 95, 100, false, true)],
    ['no-contribution', '无贡献', 'No contribution', missing('contributionPct')],
  ]),
});

const profit = (): Preset => ({
  key: 'profit', nameZh: '盈利能力', nameEn: 'Profitability', description: '按毛利率：≥30% 高盈利，15–30% 合理盈利，0–15% 微盈利，<0 亏损',
  definition: tree([[2, 'grossMarginPct']], [
    ['high-profit', '高盈利', 'High profit', range('grossMarginPct', 30, null)],
    ['fair-profit', '合理盈利', 'Fair profit', range('grossMarginPct', 15, 30)],
    ['thin-profit', '微盈利', 'Thin profit', range('grossMarginPct', 0, 15)],
    ['loss', '亏损', 'Loss-making', range('grossMarginPct', null, 0)],
    ['no-margin', '无毛利数据', 'No margin data', missing('grossMarginPct')],
  ]),
});

const behaviour = (): Preset => ({
  key: 'behaviour', nameZh: '购买行为', nameEn: 'Buying behaviour', description: '距最近购买天数 ÷ 自身平均购买间隔：≤1.5 活跃，1.5–3 沉默，>3 流失；未购买为潜在',
  definition: tree([[2, 'rhythmRatio']], [
    ['active', '活跃', 'Active', range('rhythmRatio', 0, 1.5, true, true)],
    ['silent', '沉默', 'Silent', range('rhythmRatio', 1.5, 3, false, true)],
    ['churned', '流失', 'Churned', range('rhythmRatio', 3, null, false)],
    ['potential', '潜在', 'Potential', missing('rhythmRatio')],
  ]),
});

const tradeHistory = (): Preset => ({
  key: 'trade-history', nameZh: '交易历史', nameEn: 'Trade history', description: '未购买为潜在客户；一年未购买为过去的客户；退款率 ≥20% 为问题客户；首购 180 天内为新客户，其余为老客户',
  definition: tree([[2, 'recencyDays'], [2, 'refundRatePct'], [2, 'tenureDays']], [
    ['prospect', '潜在客户', 'Prospect', missing('recencyDays')],
    ['former', '过去的客户', 'Former customer', range('recencyDays', 365, null, false)],
    ['current', '当前客户', 'Current customer', range('recencyDays', 0, 365, true, true), [
      ['problem', '问题客户', 'Problem customer', range('refundRatePct', 20, 100, true, true)],
      ['regular', '正常交易', 'Regular trade', range('refundRatePct', 0, 20), [
        ['new', '新客户', 'New customer', range('tenureDays', 0, 180, true, true)],
        ['established', '老客户', 'Established customer', range('tenureDays', 180, null, false)],
      ]],
    ]],
  ]),
});

const YUAN = 100;
const purchaseScale = (): Preset => ({
  key: 'purchase-scale', nameZh: '采购规模', nameEn: 'Purchase scale', description: '近 365 天采购金额：≥10 万元大，1–10 万元中，<1 万元小',
  definition: tree([[2, 'windowMonetaryFen']], [
    ['large', '大客户', 'Large', range('windowMonetaryFen', 100_000 * YUAN, null)],
    ['medium', '中客户', 'Medium', range('windowMonetaryFen', 10_000 * YUAN, 100_000 * YUAN)],
    ['small', '小客户', 'Small', range('windowMonetaryFen', 0, 10_000 * YUAN, false)],
    ['no-purchase', '本期无采购', 'No purchase in window', range('windowMonetaryFen', 0, 0, true, true)],
  ]),
});

const industry = (): Preset => ({
  key: 'industry', nameZh: '行业', nameEn: 'Industry', description: 'GB/T 4754-2017 国民经济行业分类门类',
  definition: tree([[2, 'industry']], [
    ...industrySections.map((s): Node => [`industry-${s.code}`, s.zh, s.en, values('industry', s.code)]),
    ['industry-unknown', '未填写行业', 'Industry not set', missing('industry')],
  ]),
});

/** Two-digit codes left for countries abroad after the provinces (98 and 99 are kept for catch-alls). */
const abroadSlots = (ctx: PresetContext) => Math.max(0, 97 - ctx.regions.length);

const region = (ctx: PresetContext): Preset => {
  const keys = new Set<string>();
  const abroad = (ctx.abroad ?? []).slice(0, abroadSlots(ctx)).flatMap((name, i): Node[] => {
    const key = slugKey('country', name, i);
    if (keys.has(key)) return [];
    keys.add(key);
    return [[key, name.slice(0, 50), name, values('province', name)]];
  });
  return {
    key: 'region', nameZh: '地区', nameEn: 'Region', description: '省份 → 城市（@vant/area-data）；境外按国家或地区（档案中出现的）',
    definition: tree([[2, 'province'], [2, 'city']], [
      ...ctx.regions.map((p): Node => [`p${p.code}`, p.name, p.name, values('province', p.name), [
        ...p.cities.map((c): Node => [`c${c.code}`, c.name, c.name, values('city', c.name)]),
        [`p${p.code}-other`, '其他城市', 'Other cities', otherwise],
      ]]),
      ...abroad,
      ['region-other', '其他或未知地区', 'Other or unknown', otherwise],
    ]),
  };
};

const productLine = (ctx: PresetContext): Preset => ({
  key: 'product-line', nameZh: '产品线', nameEn: 'Product line', description: '已完成订单金额最大的产品线',
  definition: tree([[2, 'mainProductLine']], [
    ...[...new Set(ctx.productLines)].sort().slice(0, 97).map((l, i): Node => [`line-${i + 1}`, l.slice(0, 50), l, values('mainProductLine', l)]),
    ['line-none', '无产品线记录', 'No product line', missing('mainProductLine')],
    ['line-other', '其他产品线', 'Other lines', otherwise],
  ]),
});

const hi = (c: string) => range(c, 3, 5, true, true);
const lo = (c: string) => range(c, 1, 3);
const rfm = (): Preset => ({
  key: 'rfm', nameZh: 'RFM 客户分群', nameEn: 'RFM segments', description: 'R/F/M 各按五分位打分，≥3 为高：重要价值、重要发展、重要保持、重要挽留、一般价值、一般发展、一般保持、一般挽留',
  definition: tree([[2, 'mScore'], [2, 'rScore'], [2, 'fScore']], [
    ['important', '重要客户（M 高）', 'High monetary', hi('mScore'), [
      ['important-recent', '近期（R 高）', 'Recent', hi('rScore'), [
        ['important-value', '重要价值', 'Champions', hi('fScore')],
        ['important-develop', '重要发展', 'Promising big spenders', lo('fScore')],
      ]],
      ['important-lapsed', '久未购买（R 低）', 'Lapsed', lo('rScore'), [
        ['important-keep', '重要保持', 'Big spenders gone quiet', hi('fScore')],
        ['important-winback', '重要挽留', 'Big spenders to win back', lo('fScore')],
      ]],
    ]],
    ['general', '一般客户（M 低）', 'Low monetary', lo('mScore'), [
      ['general-recent', '近期（R 高）', 'Recent', hi('rScore'), [
        ['general-value', '一般价值', 'Frequent small spenders', hi('fScore')],
        ['general-develop', '一般发展', 'New small spenders', lo('fScore')],
      ]],
      ['general-lapsed', '久未购买（R 低）', 'Lapsed', lo('rScore'), [
        ['general-keep', '一般保持', 'Small spenders gone quiet', hi('fScore')],
        ['general-winback', '一般挽留', 'Lost small spenders', lo('fScore')],
      ]],
    ]],
    ['rfm-none', '无购买', 'No purchases', missing('mScore')],
  ]),
});

export const presetKeys = ['customer-type', 'nature', 'value', 'profit', 'behaviour', 'trade-history', 'purchase-scale', 'industry', 'region', 'product-line', 'rfm'] as const;
export type PresetKey = (typeof presetKeys)[number];

export function buildPresets(ctx: PresetContext): Preset[] {
  return [customerType(), nature(), value(), profit(), behaviour(), tradeHistory(), purchaseScale(), industry(), region(ctx), productLine(ctx), rfm()];
}
