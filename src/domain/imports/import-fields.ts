import { toHalfWidth } from '../customers/validators.ts';

export const importKinds = ['customers', 'contacts', 'purchases', 'interactions'] as const;
export type ImportKind = (typeof importKinds)[number];

/** How a cell becomes a value before the domain schema sees it (see cell-values.ts). */
export type CellType = 'text' | 'enum' | 'date' | 'datetime' | 'yuan' | 'int' | 'bool' | 'list';

/** One importable field: the draft key it fills, how its cell reads, and the headers it answers to. */
export type ImportField = { key: string; type: CellType; aliases: readonly string[]; labelZh: string; labelEn: string };

const f = (key: string, type: CellType, labelZh: string, labelEn: string, ...aliases: string[]): ImportField => ({ key, type, labelZh, labelEn, aliases: [labelZh, labelEn, key, ...aliases] });

/** The customer a child record belongs to, by its code. */
const customerCode = f('customerCode', 'text', '客户编号', 'Customer code', '客户代码', '客户号', '编号', 'customer id', 'customerid', 'customer no', 'code');
/** Used only to create a customer that a child row names but the archive lacks (createCustomers). */
const customerName = f('customerName', 'text', '客户名称', 'Customer name', '客户', '公司名称', 'company');
const customerProvince = f('customerProvince', 'text', '客户省份', 'Customer province', '省份', '地区', 'region', 'country');

/** Importable fields per kind with their Chinese and English header aliases; a header matches after normalizeHeader. */
export const importFields: Record<ImportKind, readonly ImportField[]> = {
  customers: [
    f('code', 'text', '客户编号', 'Code', '客户代码', '客户号', '编号', 'customer code', 'customer id', 'customerid', 'customer no'),
    f('kind', 'enum', '客户类型', 'Kind', '类型', '类别', 'type', 'customer type'),
    f('name', 'text', '客户名称', 'Name', '名称', '公司名称', '企业名称', '客户', '姓名', '客户姓名', 'customer name', 'company', 'company name'),
    f('stage', 'enum', '客户阶段', 'Stage', '阶段', '生命周期阶段', 'lifecycle stage'),
    f('source', 'text', '来源', 'Source', '客户来源', '来源渠道', 'source channel'),
    f('tags', 'list', '标签', 'Tags', 'tag'),
    f('notes', 'text', '备注', 'Notes', '说明', 'remark', 'remarks', 'note'),
    f('mobile', 'text', '手机', 'Mobile', '手机号', '手机号码', '移动电话', '联系电话', '电话', 'phone', 'cell', 'mobile phone', 'tel'),
    f('email', 'text', '邮箱', 'Email', '电子邮箱', '电子邮件', 'e-mail', 'mail'),
    f('province', 'text', '省份', 'Province', '省', '所在省份', '地区', 'region', 'state'),
    f('city', 'text', '城市', 'City', '市', '所在城市'),
    f('district', 'text', '区县', 'District', '区', '县', 'county'),
    f('address', 'text', '地址', 'Address', '详细地址', '联系地址', 'street'),
    f('gender', 'enum', '性别', 'Gender', 'sex'),
    f('birthday', 'date', '生日', 'Birthday', '出生日期', 'birth date', 'date of birth', 'dob'),
    f('idCardNo', 'text', '身份证号', 'ID card number', '身份证', '身份证号码', 'id card', 'id card no', 'idcard'),
    f('occupation', 'text', '职业', 'Occupation', 'job'),
    f('shortName', 'text', '简称', 'Short name', '公司简称', '企业简称'),
    f('uscc', 'text', '统一社会信用代码', 'USCC', '信用代码', '社会信用代码', '统一信用代码', 'unified social credit code', 'credit code'),
    f('legalRepresentative', 'text', '法定代表人', 'Legal representative', '法人', '法人代表'),
    f('industry', 'text', '行业', 'Industry', '行业代码', '所属行业', 'industry code'),
    f('employees', 'int', '员工人数', 'Employees', '人数', '员工数', '规模', 'staff'),
    f('annualRevenueFen', 'yuan', '年营业额', 'Annual revenue', '年营业额（元）', '营业额', '年收入', 'revenue'),
    f('website', 'text', '网址', 'Website', '网站', '官网', 'url', 'web'),
  ],
  contacts: [
    customerCode,
    customerName,
    customerProvince,
    f('name', 'text', '联系人', 'Name', '联系人姓名', '姓名', 'contact', 'contact name'),
    f('title', 'text', '职务', 'Title', '职位', 'position', 'job title'),
    f('mobile', 'text', '手机', 'Mobile', '手机号', '手机号码', '联系电话', '电话', 'phone', 'cell', 'tel'),
    f('email', 'text', '邮箱', 'Email', '电子邮箱', '电子邮件', 'e-mail', 'mail'),
    f('isPrimary', 'bool', '主联系人', 'Primary', '是否主联系人', 'is primary', 'primary contact'),
    f('notes', 'text', '备注', 'Notes', '说明', 'remark', 'remarks', 'note'),
  ],
  purchases: [
    customerCode,
    customerName,
    customerProvince,
    f('orderNo', 'text', '订单号', 'Order no', '订单编号', '单号', '发票号', 'order number', 'order', 'invoice', 'invoice no'),
    f('orderedOn', 'date', '下单日期', 'Order date', '订单日期', '日期', '成交日期', 'date', 'ordered on'),
    f('amountFen', 'yuan', '金额', 'Amount', '订单金额', '金额（元）', '成交金额', 'total', 'amount yuan'),
    f('costFen', 'yuan', '成本', 'Cost', '成本（元）', 'cost yuan'),
    f('currency', 'text', '币种', 'Currency', '货币'),
    f('productLine', 'text', '产品线', 'Product line', '产品', '产品类别', 'product', 'category'),
    f('quantity', 'int', '数量', 'Quantity', '件数', 'qty'),
    f('status', 'enum', '状态', 'Status', '订单状态', 'order status'),
    f('dueOn', 'date', '应付日期', 'Due date', '到期日', 'due on', 'due'),
    f('paidOn', 'date', '付款日期', 'Paid date', '支付日期', 'paid on', 'paid'),
    f('notes', 'text', '备注', 'Notes', '说明', 'remark', 'remarks', 'note'),
  ],
  interactions: [
    customerCode,
    customerName,
    customerProvince,
    f('channel', 'enum', '渠道', 'Channel', '方式', '跟进方式', '沟通方式'),
    f('occurredAt', 'datetime', '时间', 'Occurred at', '跟进时间', '发生时间', '日期', 'date', 'time'),
    f('subject', 'text', '主题', 'Subject', '标题', 'title'),
    f('summary', 'text', '内容', 'Summary', '摘要', '跟进内容', '记录', 'content', 'details'),
    f('nextFollowUpOn', 'date', '下次跟进', 'Next follow-up', '下次跟进日期', 'next follow up', 'follow up'),
  ],
};

/** A header as compared: half-width, lower case, without spaces, punctuation and a trailing unit like （元）. */
export function normalizeHeader(raw: string): string {
  return toHalfWidth(raw)
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/\((元|rmb|cny|yuan)\)$/, '')
    .replace(/[\s_\-.:()/*]/g, '');
}

/** field key → header text, as used to read a file; a field missing from it is not imported. */
export type ColumnMapping = Record<string, string>;

/** Matches headers to fields by alias, first header wins; a header matches at most one field. */
export function autoMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const byNormal = new Map<string, string>();
  for (const h of headers) if (h.trim() && !byNormal.has(normalizeHeader(h))) byNormal.set(normalizeHeader(h), h);
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  // exact labels before aliases, so 客户编号 goes to code and 编号 elsewhere cannot steal it
  for (const pass of [0, 1] as const) {
    for (const field of importFields[kind]) {
      if (mapping[field.key]) continue;
      const candidates = pass === 0 ? [field.labelZh, field.labelEn, field.key] : field.aliases;
      for (const alias of candidates) {
        const header = byNormal.get(normalizeHeader(alias));
        if (header !== undefined && !used.has(header)) {
          mapping[field.key] = header;
          used.add(header);
          break;
        }
      }
    }
  }
  return mapping;
}

/** Fields a kind cannot be imported without (the rest have defaults or may be empty). */
export const requiredImportFields: Record<ImportKind, readonly string[]> = {
  customers: ['name'],
  contacts: ['customerCode', 'name'],
  purchases: ['customerCode', 'orderNo', 'orderedOn', 'amountFen'],
  interactions: ['customerCode', 'channel', 'occurredAt', 'subject'],
};
