import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { CustomerKind } from '../../../domain/customers/customer.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

/** A small round badge telling individuals from organisations in dense lists. */
export function KindIcon({ kind }: { kind: CustomerKind }) {
  const { t } = useI18n();
  const individual = kind === 'individual';
  return (
    <Tooltip title={t(`kind.${kind}`)}>
      <span
        aria-label={t(`kind.${kind}`)}
        style={{
          display: 'inline-grid',
          placeItems: 'center',
          width: 24,
          height: 24,
          borderRadius: '50%',
          fontSize: 12,
          background: individual ? '#e0f2fe' : '#ede9fe',
          color: individual ? '#0369a1' : '#6d28d9',
          flex: 'none',
        }}
      >
        {individual ? <UserOutlined /> : <BankOutlined />}
      </span>
    </Tooltip>
  );
}
