import { useI18n } from '../../i18n/use-i18n.ts';
import { useCustomFields } from '../custom-fields/use-custom-fields.ts';
import { useDepartments } from '../users/use-departments.ts';
import { useUsers } from '../users/use-users.ts';
import type { AuditContext } from './audit-value-text.ts';

/** What it takes to turn audit values into words: language, user and department names, custom labels. */
export function useAuditContext(): AuditContext {
  const { t, lang } = useI18n();
  return {
    t,
    lang,
    users: useUsers().query.data ?? [],
    departments: useDepartments().query.data ?? [],
    defs: useCustomFields().query.data ?? [],
  };
}
