import { BankOutlined, UserOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { CustomerKind } from '../../../domain/customers/customer.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

export function KindTag({ kind }: { kind: CustomerKind }) {
  const { t } = useI18n();
  return (
    <Tag icon={kind === 'individual' ? <UserOutlined /> : <BankOutlined />} color={kind === 'individual' ? 'cyan' : 'purple'} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`kind.${kind}`)}
    </Tag>
  );
}
