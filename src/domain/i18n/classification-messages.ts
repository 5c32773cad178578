import type { Locale } from './messages.ts';

/** Issue and error messages of classification schemes (validation report, edits, publish, runs, overrides). */

type Params = Record<string, unknown>;
type Entry = Record<Locale, (p: Params) => string>;
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const cat = (p: Params, zhKey = 'nameZh', key = 'key') => `“${s(p[zhKey]) || s(p[key])}”`;

export const classificationIssueMessages: Record<string, Entry> = {
  no_categories: { 'zh-CN': () => '方案还没有任何分类', en: () => 'the scheme has no categories yet' },
  duplicate_category_key: { 'zh-CN': (p) => `分类标识 ${s(p.key)} 重复`, en: (p) => `category key ${s(p.key)} is used twice` },
  unknown_parent_category: { 'zh-CN': (p) => `上级分类 ${s(p.parentKey)} 不存在`, en: (p) => `parent category ${s(p.parentKey)} does not exist` },
  category_cycle: {
    'zh-CN': (p) => `不能把分类${cat(p)}移到它自己或它的下级之下（会形成循环）`,
    en: (p) => `category ${cat(p)} cannot be moved under itself or one of its descendants (that would make a cycle)`,
  },
  no_level_for_depth: {
    'zh-CN': (p) => `方案只有 ${s(p.levels)} 级，无法在此再建下级分类，请先增加级次`,
    en: (p) => `the scheme has only ${s(p.levels)} level(s); add a level before going deeper`,
  },
  bad_category_code: {
    'zh-CN': (p) =>
      Number(p.length) < 0 ? `分类${cat(p)}超出编码方案 ${s(p.rule)} 的级次` : `分类${cat(p)}的编码 ${s(p.code)} 不符合编码方案 ${s(p.rule)}：应为 ${s(p.length)} 位数字${s(p.prefix) ? `，以上级编码 ${s(p.prefix)} 开头` : ''}`,
    en: (p) =>
      Number(p.length) < 0
        ? `category ${cat(p)} is deeper than the coding rule ${s(p.rule)} allows`
        : `code ${s(p.code)} of ${cat(p)} breaks the coding rule ${s(p.rule)}: it must be ${s(p.length)} digits${s(p.prefix) ? ` starting with the parent's code ${s(p.prefix)}` : ''}`,
  },
  duplicate_category_code: { 'zh-CN': (p) => `编码 ${s(p.code)} 已被分类 ${s(p.otherKey)} 使用`, en: (p) => `code ${s(p.code)} is already used by ${s(p.otherKey)}` },
  unknown_criterion: {
    'zh-CN': (p) => `分类依据“${s(p.criterion)}”不存在（没有这个指标或字段）`,
    en: (p) => `criterion "${s(p.criterion)}" does not exist (no such metric or field)`,
  },
  rule_off_level_criterion: {
    'zh-CN': (p) => `第 ${s(p.level)} 级按“${s(p.levelCriterionZh)}”分类，分类${cat(p)}的规则却用了“${s(p.criterionZh)}”；每一级只能用一个分类依据`,
    en: (p) => `level ${s(p.level)} classifies by "${s(p.levelCriterionEn)}" but the rule of ${cat(p)} uses "${s(p.criterionEn)}"; each level uses one criterion`,
  },
  mixed_level_criteria: { 'zh-CN': (p) => `第 ${s(p.level)} 级混用了多个分类依据：${s(p.criteria)}`, en: (p) => `level ${s(p.level)} mixes criteria: ${s(p.criteria)}` },
  rule_kind_mismatch: {
    'zh-CN': (p) => `“${s(p.criterionZh)}”不能用 ${s(p.ruleKind)} 规则，可用：${s(p.allowed)}`,
    en: (p) => `"${s(p.criterionEn)}" cannot take a ${s(p.ruleKind)} rule; use one of ${s(p.allowed)}`,
  },
  empty_rule: { 'zh-CN': (p) => `分类${cat(p)}的规则不匹配任何值（例如下限大于上限）`, en: (p) => `the rule of ${cat(p)} matches no value (e.g. min above max)` },
  unknown_rule_value: { 'zh-CN': (p) => `“${s(p.criterionZh)}”没有这些取值：${s(p.values)}`, en: (p) => `"${s(p.criterionEn)}" has no such values: ${s(p.values)}` },
  rule_on_manual_level: { 'zh-CN': (p) => `第 ${s(p.level)} 级为手工归类，分类${cat(p)}不能设规则`, en: (p) => `level ${s(p.level)} is manual; ${cat(p)} cannot have a rule` },
  bad_reassignment: { 'zh-CN': (p) => `分类 ${s(p.key)} 的客户无法转入 ${s(p.target)}：目标须为现有的末级分类`, en: (p) => `customers of ${s(p.key)} cannot move to ${s(p.target)}: the target must be an existing leaf` },
  level_in_use: { 'zh-CN': (p) => `第 ${s(p.level)} 级仍有分类，不能删除`, en: (p) => `level ${s(p.level)} still has categories` },
  class_overlap: {
    'zh-CN': (p) => `在“${s(p.parentZh)}”下，“${s(p.aZh)}”与“${s(p.bZh)}”的规则重叠：${s(p.criterionZh)} ${s(p.range)}${p.includesNull ? '（含无值）' : ''} 同时符合两者`,
    en: (p) => `under "${s(p.parentEn)}", "${s(p.aEn)}" and "${s(p.bEn)}" overlap: ${s(p.criterionEn)} ${s(p.range)}${p.includesNull ? ' (and no value)' : ''} matches both`,
  },
  class_gap: {
    'zh-CN': (p) => `在“${s(p.parentZh)}”下有客户不属于任何分类：${s(p.criterionZh)} ${s(p.range)}${p.includesNull ? (s(p.range) ? ' 或无值' : '无值') : ''}`,
    en: (p) => `under "${s(p.parentEn)}" some customers fall in no category: ${s(p.criterionEn)} ${s(p.range)}${p.includesNull ? (s(p.range) ? ' or no value' : 'no value') : ''}`,
  },
  multiple_catch_all: { 'zh-CN': (p) => `“${s(p.parentZh)}”下有多个“其他”分类：${s(p.keys)}`, en: (p) => `"${s(p.parentEn)}" has more than one catch-all: ${s(p.keys)}` },
  rule_unreachable: { 'zh-CN': (p) => `分类“${s(p.categoryZh)}”的规则在上级范围内永远不会命中`, en: (p) => `the rule of "${s(p.categoryEn)}" can never match within its parent` },
  catch_all_unreachable: { 'zh-CN': (p) => `“其他”分类“${s(p.categoryZh)}”不会有客户（同级已全覆盖）`, en: (p) => `catch-all "${s(p.categoryEn)}" can never have customers (its siblings cover everything)` },
  customers_uncovered: {
    'zh-CN': (p) => `${s(p.count)} 位客户不属于任何末级分类，例如：${s(p.examples)}`,
    en: (p) => `${s(p.count)} customer(s) fall in no leaf category, e.g. ${s(p.examples)}`,
  },
  customer_uncovered: { 'zh-CN': (p) => `${s(p.code)} ${s(p.name)} 不属于任何分类`, en: (p) => `${s(p.code)} ${s(p.name)} falls in no category` },
  customers_overlap: {
    'zh-CN': (p) => `${s(p.count)} 位客户同时符合两个同级分类，例如：${s(p.examples)}`,
    en: (p) => `${s(p.count)} customer(s) match two sibling categories, e.g. ${s(p.examples)}`,
  },
  customer_overlap: {
    'zh-CN': (p) => `${s(p.code)} ${s(p.name)} 同时符合“${s(p.aZh)}”和“${s(p.bZh)}”`,
    en: (p) => `${s(p.code)} ${s(p.name)} matches both "${s(p.aZh)}" and "${s(p.bZh)}"`,
  },
  empty_category: { 'zh-CN': (p) => `分类${cat(p)}没有客户（冗余分类）`, en: (p) => `category ${cat(p)} has no customers (a redundant class)` },
  category_in_use: {
    'zh-CN': (p) => `分类${cat(p)}下还有 ${s(p.count)} 位客户，请指定转入的分类（reassignTo）`,
    en: (p) => `${s(p.count)} customer(s) sit in ${cat(p)}; say where they go (reassignTo)`,
  },
  not_leaf_category: { 'zh-CN': (p) => `只能归入末级分类，${s(p.key)} 不是末级分类`, en: (p) => `customers go into leaf categories only; ${s(p.key)} is not a leaf` },
  unknown_category: { 'zh-CN': (p) => `方案 ${s(p.scheme)} 中没有分类 ${s(p.category)}`, en: (p) => `scheme ${s(p.scheme)} has no category ${s(p.category)}` },
  bad_category_filter: { 'zh-CN': () => '应为 方案:分类编码（如 value:01）', en: () => 'must be scheme:category code (e.g. value:01)' },
  expiry_in_past: { 'zh-CN': () => '到期时间须晚于现在', en: () => 'must be later than now' },
};

export const classificationErrorMessages: Record<string, Entry> = {
  classification_busy: {
    'zh-CN': (p) => `另一个分类任务（#${s(p.runId)}）正在运行，请稍后再试`,
    en: (p) => `Another classification job (#${s(p.runId)}) is running; try again when it has finished`,
  },
  scheme_not_published: { 'zh-CN': (p) => `方案 ${s(p.scheme)} 尚未发布`, en: (p) => `Scheme ${s(p.scheme)} has not been published yet` },
  scheme_not_publishable: {
    'zh-CN': (p) => `方案 ${s(p.scheme)} 不能发布：${s(p.count)} 个问题（覆盖或互斥未通过），未做任何更改`,
    en: (p) => `Scheme ${s(p.scheme)} cannot be published: ${s(p.count)} problem(s) with coverage or exclusivity; nothing was changed`,
  },
  no_draft: { 'zh-CN': (p) => `方案 ${s(p.scheme)} 没有草稿`, en: (p) => `Scheme ${s(p.scheme)} has no draft` },
};
