import { BankOutlined, DeleteOutlined, EditOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CustomerView } from '../../../services/customers/get-customer.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { formatDate, formatMoney } from '../../ui/format.ts';
import { KindTag } from './kind-tag.tsx';
import { StageTag } from './stage-tag.tsx';

type Props = { customer: CustomerView; canEdit: boolean; canDelete: boolean; deleting: boolean; onEdit: () => void; onDelete: () => void; extraActions?: ReactNode; below?: ReactNode };

/** Top of the 360° page: who this is, where they stand, and what they bought. */
export function CustomerHeader({ customer: c, canEdit, canDelete, deleting, onEdit, onDelete, extraActions, below }: Props) {
  const { t } = useI18n();
  const s = c.purchaseSummary;
  const stats = [
    { label: t('detail.orders'), value: String(s.orders) },
    { label: t('detail.revenue'), value: formatMoney(s.revenueFen) },
    { label: t('detail.grossProfit'), value: formatMoney(s.grossProfitFen) },
    { label: t('detail.lastOrder'), value: formatDate(s.lastOrderedOn) },
  ];
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }}>
      <div className="kd-customer-head">
        <div className="kd-customer-title">
          <Avatar
            size={56}
            icon={c.kind === 'individual' ? <UserOutlined /> : <BankOutlined />}
            style={{ background: c.kind === 'individual' ? '#e0f2fe' : '#ede9fe', color: c.kind === 'individual' ? '#0369a1' : '#6d28d9', flex: 'none' }}
          />
          <div style={{ minWidth: 0 }}>
            <Space size={10} wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
                {c.name}
              </Typography.Title>
              <KindTag kind={c.kind} />
              <StageTag stage={c.stage} />
            </Space>
            <div style={{ marginTop: 6 }}>
              <Typography.Text copyable={{ text: c.code }} className="kd-code">
                {c.code}
              </Typography.Text>
              {c.tags.length > 0 && (
                <Space size={4} style={{ marginLeft: 12 }} wrap>
                  {c.tags.map((tag) => (
                    <Tag key={tag} color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Space>
              )}
            </div>
            {below}
          </div>
        </div>
        <Space>
          {extraActions}
          {canEdit && (
            <Button type="primary" icon={<EditOutlined />} onClick={onEdit} data-testid="customer-edit">
              {t('common.edit')}
            </Button>
          )}
          {canDelete && (
            <Popconfirm
              title={t('customers.deleteConfirm', { name: c.name })}
              description={t('customers.deleteHint')}
              onConfirm={onDelete}
              okButtonProps={{ danger: true, loading: deleting }}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      <div className="kd-stat-strip">
        {stats.map((x) => (
          <div className="kd-stat" key={x.label}>
            <div className="kd-stat-label">{x.label}</div>
            <div className="kd-stat-value">{x.value}</div>
          </div>
        ))}
      </div>
    </Card>
  );
}
