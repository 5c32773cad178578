import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useErrorText } from '../../ui/use-error-text.ts';
import { useSession } from './use-session.ts';

/** Renders children only for a signed-in user; otherwise to /sign-in and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, isLoading, error } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  const errorText = useErrorText();
  if (isLoading) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (error && !me) {
    return <Result status="warning" title={errorText(error)} extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>} />;
  }
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
