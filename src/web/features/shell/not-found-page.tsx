import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/use-i18n.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFoundBody')}
      extra={<Button type="primary" onClick={() => navigate('/customers')}>{t('detail.backToList')}</Button>}
    />
  );
}
