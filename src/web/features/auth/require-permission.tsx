import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from './use-session.ts';

/** A page only some roles may open; the server checks again on every call. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useI18n();
  if (!can(permission)) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbiddenBody')} />;
  return children;
}
