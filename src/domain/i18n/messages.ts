import type { DomainError, Issue } from '../errors.ts';
import { classificationErrorMessages, classificationIssueMessages } from './classification-messages.ts';
import { fieldLabel } from './field-labels.ts';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

type Params = Record<string, unknown>;
type Template = (p: Params) => string;
type Entry = Record<Locale, Template>;

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Issue messages by code; a field label is put in front by renderIssue. */
const issueMessages: Record<string, Entry> = {
  required: { 'zh-CN': () => '必填', en: () => 'is required' },
  invalid_type: {
    'zh-CN': (p) => `类型不正确，应为 ${s(p.expected)}`,
    en: (p) => `has the wrong type; expected ${s(p.expected)}`,
  },
  too_small: {
    'zh-CN': (p) => (p.origin === 'string' ? `至少 ${s(p.limit)} 个字符` : p.origin === 'array' ? `至少 ${s(p.limit)} 项` : `不能小于 ${s(p.limit)}`),
    en: (p) => (p.origin === 'string' ? `must have at least ${s(p.limit)} characters` : p.origin === 'array' ? `must have at least ${s(p.limit)} items` : `must be at least ${s(p.limit)}`),
  },
  too_big: {
    'zh-CN': (p) => (p.origin === 'string' ? `最多 ${s(p.limit)} 个字符` : p.origin === 'array' ? `最多 ${s(p.limit)} 项` : `不能大于 ${s(p.limit)}`),
    en: (p) => (p.origin === 'string' ? `must have at most ${s(p.limit)} characters` : p.origin === 'array' ? `must have at most ${s(p.limit)} items` : `must be at most ${s(p.limit)}`),
  },
  too_long: { 'zh-CN': (p) => `最多 ${s(p.limit)} 个字符`, en: (p) => `must have at most ${s(p.limit)} characters` },
  invalid_format: { 'zh-CN': (p) => `格式不正确（${s(p.format)}）`, en: (p) => `is not a valid ${s(p.format)}` },
  invalid_value: {
    'zh-CN': (p) => `取值无效，可选：${(p.values as string[] | undefined)?.join(' / ') ?? ''}`,
    en: (p) => `is not allowed; choose one of ${(p.values as string[] | undefined)?.join(', ') ?? ''}`,
  },
  bad_cursor: { 'zh-CN': () => '不是本列表（同样的排序）给出的翻页位置', en: () => 'is not a cursor this list gave out for the same sort' },
  unknown_field: { 'zh-CN': () => '不是可识别的字段', en: () => 'is not a known field' },
  control_characters: { 'zh-CN': () => '含有不可见的控制字符', en: () => 'contains control characters' },
  bad_unicode: { 'zh-CN': () => '含有无效的 Unicode 字符（不成对的代理项）', en: () => 'contains invalid Unicode (an unpaired surrogate)' },
  archived: { 'zh-CN': () => '该字段已停用，不能再填写或修改', en: () => 'is archived and can no longer be set or changed' },
  bad_mobile: { 'zh-CN': () => '不是有效的中国大陆手机号（11 位，以 1 开头）', en: () => 'is not a valid mainland China mobile number (11 digits starting with 1)' },
  bad_email: { 'zh-CN': () => '不是有效的电子邮箱地址', en: () => 'is not a valid e-mail address' },
  bad_url: { 'zh-CN': () => '不是有效的网址', en: () => 'is not a valid web address' },
  bad_uscc_format: { 'zh-CN': () => '统一社会信用代码应为 18 位数字或大写字母', en: () => 'must be 18 digits or capital letters (unified social credit code)' },
  bad_uscc_checksum: { 'zh-CN': () => '统一社会信用代码校验位不正确', en: () => 'has a wrong check character (GB 32100)' },
  bad_id_card_format: { 'zh-CN': () => '身份证号应为 18 位（末位可为 X）', en: () => 'must be an 18-digit ID card number (last may be X)' },
  bad_id_card_checksum: { 'zh-CN': () => '身份证号校验位不正确', en: () => 'has a wrong check digit (GB 11643)' },
  bad_id_card_birth_date: { 'zh-CN': () => '身份证号中的出生日期不存在', en: () => 'contains a birth date that does not exist' },
  bad_date: { 'zh-CN': () => '不是有效日期（YYYY-MM-DD）', en: () => 'is not a valid date (YYYY-MM-DD)' },
  bad_datetime: { 'zh-CN': () => '不是有效时间（ISO 8601）', en: () => 'is not a valid time (ISO 8601)' },
  future_date: { 'zh-CN': () => '不能晚于今天', en: () => 'cannot be in the future' },
  not_integer: { 'zh-CN': () => '应为整数', en: () => 'must be a whole number' },
  duplicate: { 'zh-CN': () => '已存在相同的值', en: () => 'is already used' },
  wrong_kind: {
    'zh-CN': (p) => `仅适用于${p.kind === 'organization' ? '企业/组织' : '个人'}客户`,
    en: (p) => `applies only to ${p.kind === 'organization' ? 'organisation' : 'individual'} customers`,
  },
  unknown_option: {
    'zh-CN': (p) => `不在可选项中：${(p.options as string[] | undefined)?.join(' / ') ?? ''}`,
    en: (p) => `is not one of the options: ${(p.options as string[] | undefined)?.join(', ') ?? ''}`,
  },
  unknown_reference: { 'zh-CN': () => '引用的记录不存在', en: () => 'refers to a record that does not exist' },
  immutable: { 'zh-CN': () => '保存后不可修改', en: () => 'cannot be changed once saved' },
  weak_password: { 'zh-CN': () => '密码至少 10 位，且包含字母和数字', en: () => 'must have at least 10 characters with letters and digits' },
  common_password: { 'zh-CN': () => '过于常见，容易被猜中，请换一个', en: () => 'is one of the most common passwords; choose another' },
  password_contains_username: { 'zh-CN': () => '不能是用户名或包含用户名', en: () => 'must not be or contain the user name' },
  invalid_json: { 'zh-CN': () => '请求体不是有效的 JSON', en: () => 'the request body is not valid JSON' },
  unsupported_media_type: { 'zh-CN': () => '请求体应为 JSON（Content-Type: application/json）', en: () => 'the request body must be JSON (Content-Type: application/json)' },
  bad_url_encoding: { 'zh-CN': () => '地址中有无效的 % 编码', en: () => 'the address contains an invalid % escape' },
  malformed_request: { 'zh-CN': () => 'HTTP 请求格式不正确', en: () => 'the HTTP request is malformed' },
  before_order_date: { 'zh-CN': () => '不能早于订单日期', en: () => 'cannot be before the order date' },
  field_not_editable: { 'zh-CN': () => '您无权修改此字段', en: () => 'is not editable for your role' },
  field_hidden: { 'zh-CN': () => '该字段对您隐藏，无法查看', en: () => 'is hidden for your role' },
  not_masked: { 'zh-CN': () => '不是被掩码的敏感字段', en: () => 'is not a masked sensitive field' },
  department_cycle: { 'zh-CN': () => '不能移到自己或下级部门之下', en: () => 'cannot be moved under itself or one of its sub-departments' },
  one_of: { 'zh-CN': (p) => `与 ${s(p.other)} 二选一`, en: (p) => `give this or ${s(p.other)}, not both` },
  not_in_fields: { 'zh-CN': (p) => `${s(p.field)} 不在共享字段中`, en: (p) => `${s(p.field)} is not among the shared fields` },
  share_expiry_range: { 'zh-CN': (p) => `应在今天之后、${s(p.days)} 天之内`, en: (p) => `must be after today and within ${s(p.days)} days` },
  wrong_password: { 'zh-CN': () => '当前密码不正确', en: () => 'is not your current password' },
  stale: { 'zh-CN': (p) => `已过期，当前版本为 ${s(p.current)}`, en: (p) => `is stale; the current version is ${s(p.current)}` },
  invalid: { 'zh-CN': () => '无效', en: () => 'is invalid' },
  ...classificationIssueMessages,
  // imports: per row
  ragged_row: { 'zh-CN': (p) => `列数不对：表头有 ${s(p.expected)} 列，此行有 ${s(p.got)} 列`, en: (p) => `has ${s(p.got)} cells where the header has ${s(p.expected)} columns` },
  bad_encoding: { 'zh-CN': () => '含有无法识别的字符（文件编码混杂？请另存为 UTF-8 或 GBK）', en: () => 'contains characters that do not decode (mixed encodings? save the file as UTF-8 or GBK)' },
  formula_cell: { 'zh-CN': () => '是公式而不是值，请在表格中复制并“粘贴为数值”后再导入', en: () => 'is a formula, not a value; paste it as values in the spreadsheet and import again' },
  bad_amount: { 'zh-CN': () => '不是有效金额（元，最多两位小数）', en: () => 'is not a valid amount (yuan, at most two decimals)' },
  unknown_customer: { 'zh-CN': (p) => `找不到编号为 ${s(p.code)} 的客户（或您无权访问）`, en: (p) => `no customer with code ${s(p.code)} within your reach` },
  // imports: the whole file
  empty_file: { 'zh-CN': () => '文件是空的', en: () => 'the file is empty' },
  utf16_file: { 'zh-CN': () => '文件是 UTF-16 编码，请另存为 UTF-8 或 GBK 的 CSV', en: () => 'the file is UTF-16; save it as CSV in UTF-8 or GBK' },
  not_a_table: { 'zh-CN': () => '不是 CSV 或 XLSX 表格文件（像是二进制文件）', en: () => 'is not a CSV or XLSX table (it looks binary)' },
  unclosed_quote: { 'zh-CN': (p) => `第 ${s(p.row)} 行起的引号没有闭合，文件不完整或格式有误`, en: (p) => `a quote opened at row ${s(p.row)} is never closed; the file is cut off or malformed` },
  bad_csv: { 'zh-CN': (p) => `第 ${s(p.row)} 行附近的 CSV 格式有误：${s(p.detail)}`, en: (p) => `malformed CSV near row ${s(p.row)}: ${s(p.detail)}` },
  no_headers: { 'zh-CN': () => '第一行应为表头（列名），但它是空的', en: () => 'the first row must hold the column headers, but it is empty' },
  bad_encoding_header: { 'zh-CN': () => '表头含有无法识别的字符，请用 --encoding 指定编码（utf8 或 gbk）', en: () => 'the header row does not decode; give the encoding with --encoding (utf8 or gbk)' },
  duplicate_header: { 'zh-CN': (p) => `表头“${s(p.header)}”出现了不止一次`, en: (p) => `the header "${s(p.header)}" appears more than once` },
  bad_xlsx: { 'zh-CN': () => '无法读取此 XLSX 文件（已损坏或不是 Excel 文件）', en: () => 'this XLSX file cannot be read (damaged, or not an Excel file)' },
  missing_column: { 'zh-CN': (p) => `缺少必需的列：${s(p.column)}`, en: (p) => `required columns are missing: ${s(p.column)}` },
  unknown_column: { 'zh-CN': (p) => `映射中的列“${s(p.column)}”在文件中不存在`, en: (p) => `the mapped column "${s(p.column)}" is not in the file` },
  // exports
  unknown_export_column: { 'zh-CN': (p) => `“${s(p.column)}”不是可导出的列`, en: (p) => `"${s(p.column)}" is not an exportable column` },
  file_not_found: { 'zh-CN': (p) => `找不到文件 ${s(p.file)}`, en: (p) => `file ${s(p.file)} not found` },
  file_too_large: { 'zh-CN': (p) => `文件过大（上限 ${s(p.limit)}）`, en: (p) => `the file is too large (limit ${s(p.limit)})` },
};

/** Top-level error messages by key. */
const errorMessages: Record<string, Entry> = {
  invalid_input: { 'zh-CN': (p) => `输入有误，共 ${s(p.count)} 处`, en: (p) => `Invalid input: ${s(p.count)} problem(s)` },
  not_found: { 'zh-CN': () => '记录不存在或已删除', en: (p) => `${s(p.what) || 'Record'} not found` },
  version_conflict: {
    'zh-CN': () => '该记录已被他人修改，请刷新后重试',
    en: () => 'This record was changed by someone else; reload and try again',
  },
  conflict: { 'zh-CN': (p) => `冲突：${s(p.detail)}`, en: (p) => `Conflict: ${s(p.detail)}` },
  duplicate_value: { 'zh-CN': (p) => `${fieldLabel(s(p.field), 'zh-CN')}已被使用`, en: (p) => `${fieldLabel(s(p.field), 'en')} is already used` },
  unauthenticated: { 'zh-CN': () => '请先登录', en: () => 'Please sign in' },
  bad_credentials: { 'zh-CN': () => '用户名或密码错误', en: () => 'Wrong user name or password' },
  session_expired: { 'zh-CN': () => '登录已过期，请重新登录', en: () => 'Your session has expired; please sign in again' },
  builtin_role: { 'zh-CN': () => '内置角色不可修改或删除，可复制为自定义角色', en: () => 'Built-in roles cannot be changed or deleted; copy one into a custom role' },
  role_in_use: { 'zh-CN': (p) => `仍有 ${s(p.users)} 个用户使用该角色`, en: (p) => `${s(p.users)} user(s) still have this role` },
  share_link_invalid: { 'zh-CN': () => '共享链接无效、已过期或已撤销', en: () => 'This share link is invalid, expired or revoked' },
  download_not_allowed: { 'zh-CN': () => '此共享不允许下载', en: () => 'This share does not allow downloads' },
  forbidden_fields: { 'zh-CN': () => '包含您无权修改的字段', en: () => 'Some fields are not editable for your role' },
  forbidden: { 'zh-CN': () => '没有权限执行此操作', en: () => 'You do not have permission to do this' },
  too_many_attempts: {
    'zh-CN': (p) => `登录失败次数过多，请 ${s(p.retryAfterSeconds)} 秒后再试`,
    en: (p) => `Too many failed sign-ins; try again in ${s(p.retryAfterSeconds)} seconds`,
  },
  payload_too_large: { 'zh-CN': (p) => `请求体过大（上限 ${s(p.limit)}）`, en: (p) => `Request body too large (limit ${s(p.limit)})` },
  route_not_found: { 'zh-CN': () => '接口不存在', en: () => 'No such endpoint' },
  database_newer_than_code: {
    'zh-CN': (p) => `数据库版本（${s(p.dbVersion)}）比程序新，请升级 Kedang 后再启动`,
    en: (p) => `The database (${s(p.dbVersion)}) is newer than this Kedang build; upgrade Kedang before starting it`,
  },
  import_file_invalid: { 'zh-CN': () => '无法导入此文件', en: () => 'This file cannot be imported' },
  import_not_undoable: { 'zh-CN': (p) => `只有已完成的导入可以撤销（当前状态：${s(p.status)}）`, en: (p) => `Only a committed import can be undone (this one is ${s(p.status)})` },
  last_admin: { 'zh-CN': () => '不能停用或降级最后一个管理员', en: () => 'The last active admin cannot be disabled or demoted' },
  internal: { 'zh-CN': () => '服务器内部错误，已记录', en: () => 'Internal server error; it has been logged' },
  csrf_failed: {
    'zh-CN': () => '请求缺少有效的 CSRF 令牌（X-CSRF-Token 请求头须与 kedang_csrf Cookie 一致），请刷新页面后重试',
    en: () => 'Missing or wrong CSRF token: the X-CSRF-Token header must equal the kedang_csrf cookie; reload the page and try again',
  },
  cross_origin: { 'zh-CN': () => '拒绝来自其他网站的请求', en: () => 'Requests from other sites are refused' },
  rate_limited: {
    'zh-CN': (p) => `请求过于频繁，请 ${s(p.retryAfterSeconds)} 秒后再试`,
    en: (p) => `Too many requests; try again in ${s(p.retryAfterSeconds)} seconds`,
  },
  sign_in_rate_limited: {
    'zh-CN': (p) => `登录请求过于频繁，请 ${s(p.retryAfterSeconds)} 秒后再试`,
    en: (p) => `Too many sign-in attempts from this address; try again in ${s(p.retryAfterSeconds)} seconds`,
  },
  bad_totp_code: { 'zh-CN': () => '动态验证码不正确或已使用过', en: () => 'The authenticator code is wrong or was already used' },
  sign_in_challenge_expired: { 'zh-CN': () => '登录步骤已过期，请重新输入密码', en: () => 'This sign-in step has expired; enter your password again' },
  totp_already_enabled: { 'zh-CN': () => '已启用两步验证', en: () => 'Two-step verification is already on' },
  totp_not_enabled: { 'zh-CN': () => '尚未启用两步验证', en: () => 'Two-step verification is not on' },
  totp_setup_missing: { 'zh-CN': () => '请先开始设置两步验证', en: () => 'Start the two-step verification set-up first' },
  ...classificationErrorMessages,
};

export function renderIssueMessage(issue: Issue, locale: Locale): string {
  const entry = issueMessages[issue.code] ?? issueMessages.invalid!;
  const label = fieldLabel(issue.path, locale);
  const text = entry[locale](issue.params ?? {});
  return label ? `${label}${locale === 'zh-CN' ? '：' : ' '}${text}` : text;
}

export function renderErrorMessage(err: DomainError, locale: Locale): string {
  const entry = errorMessages[err.messageKey] ?? errorMessages.internal!;
  const params = { count: err.issues.length, ...err.params };
  const head = entry[locale](params);
  // a single field problem is clearer inline: "手机号：不是有效的…"
  if (err.issues.length === 1 && err.issues[0]) return renderIssueMessage(err.issues[0], locale);
  return head;
}

export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
