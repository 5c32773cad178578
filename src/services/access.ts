import { DomainError } from '../domain/errors.ts';
import { fieldMode, sensitiveFields, type FieldMode, type RecordAction, type RecordScope, type SystemAction } from '../domain/access/permissions.ts';
import type { Actor } from '../domain/users/user.ts';
import type { RecordFilter } from './ports.ts';

/** The vocabulary use cases speak; each maps to one record or system permission of the role. */
export const actions = [
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.delete',
  'customer.restore',
  'customer.export',
  'customer.import',
  'customer.merge',
  'customer.share',
  'customer.classify',
  'customer.review',
  'customer.reveal',
  'customer.transfer',
  'schemes.manage',
  'backup.manage',
  'audit.read',
  'user.read',
  'user.manage',
  'custom_field.manage',
  'settings.manage',
] as const;
export type Action = (typeof actions)[number];

const recordPermission: Partial<Record<Action, RecordAction>> = {
  'customer.read': 'read',
  'customer.create': 'create',
  'customer.update': 'update',
  'customer.delete': 'delete',
  'customer.restore': 'delete',
  'customer.export': 'export',
  'customer.merge': 'merge',
  'customer.share': 'share',
  'customer.classify': 'classify',
  'customer.review': 'review',
  'customer.reveal': 'reveal',
  'customer.transfer': 'transfer',
};
const systemPermission: Partial<Record<Action, SystemAction>> = {
  'customer.import': 'import',
  'schemes.manage': 'manage_schemes',
  'backup.manage': 'backup',
  'audit.read': 'view_audit',
  'user.manage': 'manage_users',
  'custom_field.manage': 'manage_settings',
  'settings.manage': 'manage_settings',
};
/** Shares can open a record to someone whose role scope does not reach it, for these actions only. */
const shareable: Partial<Record<Action, ('read' | 'edit')[]>> = { 'customer.read': ['read', 'edit'], 'customer.export': ['read', 'edit'], 'customer.update': ['edit'] };
/**
 * Exporting takes the role's own grant: a share adds the shared customers to what a role that may export
 * exports, but never makes an exporter of a role that may not (an auditor with a share reads, not exports).
 */
const roleGrantRequired = new Set<Action>(['customer.export']);

export type ScopedRecord = { ownerId: number | null; departmentId: number | null };
export type FieldModes = Record<string, FieldMode>;

export interface Access {
  /** Without a record: may the actor do this to any record at all (or to the system)? */
  can(actor: Actor, action: Action, record?: ScopedRecord): boolean;
  /** Throws FORBIDDEN; every use case calls this before it reads or writes. */
  assertCan(actor: Actor, action: Action, record?: ScopedRecord): void;
  /** The rows an action reaches; every customer read and write in the stores goes through one. */
  filter(actor: Actor, action: Action): RecordFilter;
  /** How each sensitive field shows to this actor ('custom' for custom fields marked sensitive). */
  fieldModes(actor: Actor): FieldModes;
  /** What the web may offer this actor; the server still checks every call. */
  permissionsOf(actor: Actor): Action[];
}

function scopeOf(actor: Actor, action: Action): RecordScope {
  if (actor.kind === 'system') return 'all';
  const p = recordPermission[action];
  return p ? (actor.grants.records[p] ?? 'none') : 'none';
}

function inScope(actor: Actor, scope: RecordScope, r: ScopedRecord): boolean {
  if (actor.kind === 'system' || scope === 'all') return true;
  switch (scope) {
    case 'none': return false;
    case 'own': return r.ownerId === actor.userId;
    case 'department': return r.departmentId !== null && r.departmentId === actor.departmentId;
    case 'department_tree': return r.departmentId !== null && actor.departmentTree.includes(r.departmentId);
  }
}

export function createAccess(): Access {
  const can = (actor: Actor, action: Action, record?: ScopedRecord): boolean => {
    if (actor.kind === 'system') return true;
    if (action === 'user.read') return true; // names for owner pickers; nothing sensitive
    const sys = systemPermission[action];
    if (sys) return actor.grants.system.includes(sys);
    const scope = scopeOf(actor, action);
    if (record) return inScope(actor, scope, record);
    return scope !== 'none' || (shareable[action] !== undefined && !roleGrantRequired.has(action));
  };
  return {
    can,
    assertCan(actor, action, record) {
      if (!can(actor, action, record)) throw new DomainError('FORBIDDEN', 'forbidden', [], { action });
    },
    filter(actor, action) {
      const scope = scopeOf(actor, action);
      if (actor.kind === 'system' || scope === 'all') return { kind: 'all' };
      const access = shareable[action] ?? [];
      return {
        kind: 'scoped',
        ownerId: scope === 'own' || scope === 'department' || scope === 'department_tree' ? actor.userId : null,
        departmentIds: scope === 'department' ? (actor.departmentId === null ? [] : [actor.departmentId]) : scope === 'department_tree' ? actor.departmentTree : [],
        sharedTo: access.length ? { userId: actor.userId, departmentId: actor.departmentId, access } : null,
      };
    },
    fieldModes(actor) {
      const out: FieldModes = {};
      for (const f of [...sensitiveFields, 'custom'] as const) out[f] = actor.kind === 'system' ? 'editable' : fieldMode(actor.grants, f);
      return out;
    },
    permissionsOf: (actor) => actions.filter((a) => can(actor, a)),
  };
}
