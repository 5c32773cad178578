import { z } from 'zod';
import type { RoleGrants } from '../access/permissions.ts';
import { formatRule } from '../errors.ts';
import { idSchema, optionalText, requiredText } from '../shared/primitives.ts';
import { containsUsername, isCommonPassword } from './password-policy.ts';

/** A role key: one of the built-in roles (domain/access/permissions.ts) or a custom role's key. */
export type Role = string;
export const roleKeySchema = z.string().trim().toLowerCase().refine(...formatRule(/^[a-z][a-z0-9_]{1,31}$/, 'a-z 0-9 _'));

export const passwordSchema = z
  .string()
  .refine((p) => p.length >= 10 && p.length <= 200 && /[A-Za-z]/.test(p) && /\d/.test(p), { params: { code: 'weak_password' } })
  .refine((p) => !isCommonPassword(p), { params: { code: 'common_password' } });

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(...formatRule(/^[a-z0-9][a-z0-9_.-]{1,31}$/, 'a-z 0-9 _ . -'));

export const userDraftSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: requiredText(50),
    password: passwordSchema,
    role: roleKeySchema.default('sales'),
    departmentId: idSchema.nullable().optional(),
    email: optionalText(254),
  })
  .refine((u) => !containsUsername(u.password, u.username), { path: ['password'], params: { code: 'password_contains_username' } });
export type UserDraft = z.infer<typeof userDraftSchema>;

export const userPatchSchema = z.strictObject({
  displayName: requiredText(50).optional(),
  role: roleKeySchema.optional(),
  departmentId: idSchema.nullable().optional(),
  email: optionalText(254),
  isActive: z.boolean().optional(),
  password: passwordSchema.optional(),
  /** required when users change their own password */
  currentPassword: z.string().max(200).optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;

export type User = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  email: string | null;
  isActive: boolean;
  /** signs in with a TOTP code after the password */
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
};

export const departmentDraftSchema = z.strictObject({ name: requiredText(50), parentId: idSchema.nullable().optional() });
export type DepartmentDraft = z.infer<typeof departmentDraftSchema>;
export type Department = { id: number; name: string; parentId: number | null; createdAt: string };

/** A signed-in user with what their role grants, resolved once per request. */
export type UserActor = {
  kind: 'user';
  userId: number;
  username: string;
  role: Role;
  departmentId: number | null;
  grants: RoleGrants;
  /** the user's department and every department below it (for department_tree scopes) */
  departmentTree: number[];
};

/** Who is acting; every use case takes one, so a single access check can sit in front of each. */
export type Actor = UserActor | { kind: 'system'; name: string };
export const systemActor = (name: string): Actor => ({ kind: 'system', name });
