import { z } from 'zod';

/** What a role may do to customer records; each carries a record scope. */
export const recordActions = ['read', 'create', 'update', 'delete', 'export', 'merge', 'share', 'classify', 'review', 'reveal', 'transfer'] as const;
export type RecordAction = (typeof recordActions)[number];

/** What a role may do to the system as a whole; granted or not. */
export const systemActions = ['import', 'manage_schemes', 'backup', 'view_audit', 'manage_users', 'manage_settings'] as const;
export type SystemAction = (typeof systemActions)[number];

export type Permission = RecordAction | SystemAction;

/** Which customers a record permission reaches. Order matters: each includes the ones before it. */
export const recordScopes = ['none', 'own', 'department', 'department_tree', 'all'] as const;
export type RecordScope = (typeof recordScopes)[number];

export const scopeRank = (s: RecordScope) => recordScopes.indexOf(s);
export const widerScope = (a: RecordScope, b: RecordScope): RecordScope => (scopeRank(a) >= scopeRank(b) ? a : b);

/** Sensitive built-in fields; custom fields marked sensitive join them as `custom.<key>`. */
export const sensitiveFields = ['idCardNo', 'mobile', 'email', 'address', 'uscc'] as const;
export type SensitiveField = (typeof sensitiveFields)[number];

export const fieldModes = ['hidden', 'masked', 'readonly', 'editable'] as const;
export type FieldMode = (typeof fieldModes)[number];

export const roleGrantsSchema = z.strictObject({
  records: z.partialRecord(z.enum(recordActions), z.enum(recordScopes)),
  system: z.array(z.enum(systemActions)).transform((a) => [...new Set(a)]),
  /** sensitive field → mode; `custom` applies to custom fields marked sensitive */
  fields: z.partialRecord(z.enum([...sensitiveFields, 'custom']), z.enum(fieldModes)),
});
export type RoleGrants = z.infer<typeof roleGrantsSchema>;

const all = (actions: readonly RecordAction[], scope: RecordScope) => Object.fromEntries(actions.map((a) => [a, scope])) as Partial<Record<RecordAction, RecordScope>>;
const everyField = (mode: FieldMode) => Object.fromEntries([...sensitiveFields, 'custom'].map((f) => [f, mode])) as RoleGrants['fields'];

/** Built-in roles. Custom roles are stored and edited by admins; these cannot be changed. */
export const builtinRoles = {
  admin: {
    nameZh: '系统管理员', nameEn: 'Administrator',
    grants: { records: all(recordActions, 'all'), system: [...systemActions], fields: everyField('editable') },
  },
  manager: {
    nameZh: '部门经理', nameEn: 'Manager',
    grants: {
      records: { ...all(['read', 'create', 'update', 'delete', 'export', 'merge', 'share', 'classify', 'review', 'transfer', 'reveal'], 'department_tree') },
      system: ['import'],
      fields: { ...everyField('editable'), idCardNo: 'masked', custom: 'masked' },
    },
  },
  sales: {
    nameZh: '销售代表', nameEn: 'Sales',
    grants: {
      records: { read: 'own', create: 'own', update: 'own', export: 'own', share: 'own' },
      system: [],
      fields: { idCardNo: 'masked', mobile: 'editable', email: 'editable', address: 'editable', uscc: 'editable', custom: 'masked' },
    },
  },
  service: {
    nameZh: '客服专员', nameEn: 'Service',
    grants: {
      records: { read: 'department_tree', update: 'department_tree', review: 'department_tree' },
      system: [],
      fields: { idCardNo: 'masked', mobile: 'readonly', email: 'readonly', address: 'readonly', uscc: 'readonly', custom: 'masked' },
    },
  },
  data_steward: {
    nameZh: '数据管理员', nameEn: 'Data steward',
    grants: {
      records: { ...all(['read', 'create', 'update', 'delete', 'export', 'merge', 'classify', 'review', 'transfer', 'reveal'], 'all') },
      system: ['import', 'manage_schemes', 'manage_settings'],
      fields: { ...everyField('editable'), idCardNo: 'masked', custom: 'masked' },
    },
  },
  auditor: {
    nameZh: '审计员', nameEn: 'Auditor',
    grants: { records: { read: 'all' }, system: ['view_audit'], fields: everyField('masked') },
  },
  readonly: {
    nameZh: '只读用户', nameEn: 'Read-only',
    grants: { records: { read: 'all' }, system: [], fields: { ...everyField('masked') } },
  },
} as const satisfies Record<string, { nameZh: string; nameEn: string; grants: RoleGrants }>;
export type BuiltinRoleKey = keyof typeof builtinRoles;
export const builtinRoleKeys = Object.keys(builtinRoles) as BuiltinRoleKey[];

/** A field with no explicit rule is editable for whoever may update the record. */
export function fieldMode(grants: RoleGrants, field: SensitiveField | 'custom'): FieldMode {
  return grants.fields[field] ?? 'editable';
}
