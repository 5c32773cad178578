import type { Locale } from '../../../domain/i18n/messages.ts';
import type { RoleView } from '../../../services/admin/roles.ts';

/** A role's name in the UI language; English falls back to Chinese. */
export const roleName = (role: Pick<RoleView, 'nameZh' | 'nameEn'>, lang: Locale) => (lang === 'en' && role.nameEn ? role.nameEn : role.nameZh);
