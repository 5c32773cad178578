import type { Translate } from '../../i18n/i18n-context.ts';
import { isMessageKey } from '../../i18n/is-message-key.ts';

/** The built-in roles; custom roles (defined by admins) show by their key until the API names them. */
export const builtinRoleKeys = ['admin', 'manager', 'sales', 'service', 'data_steward', 'auditor', 'readonly'] as const;

export function roleLabel(role: string, t: Translate): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? t(key) : role;
}
